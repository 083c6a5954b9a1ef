import { describe, expect, it } from "vitest";
import { createStore, json, problem, signup } from "../../../test/helpers";
import { addProducts, product, sell } from "./test-fixtures";
import { upiAmount, upiPayUri } from "./upi";

async function shop() {
  const t = await signup();
  const storeId = await createStore(t, "U1");
  // A service (no stock needed): ₹1,000 + 18 % = ₹1,180.
  await addProducts(t, [
    product("SVC", 100000, 18, "998714", { kind: "service" }),
    product("TEA", 1050, 5, "0902", { kind: "non_stock", taxInclusive: true }),
  ]);
  return { t, storeId };
}
const svc = (tenders: unknown[], customer?: unknown) => ({
  lines: [{ sku: "SVC", quantity: 1 }],
  tenders,
  ...(customer ? { customer } : {}),
});

describe("tenders", () => {
  it("splits a sale over card, UPI and cash, building the UPI QR payload", async () => {
    const { t, storeId } = await shop();
    const res = await sell(
      t,
      storeId,
      svc([
        { type: "card", amount: 50000, reference: "AUTH9" },
        { type: "upi", amount: 50000, payeeVpa: "shop@okaxis" },
        { type: "cash", amount: 20000 },
      ]),
    );
    expect(res.status).toBe(201);
    const sale = await json(res);
    expect(sale.grandTotal).toBe(118000);
    expect(sale.changeDue).toBe(2000);
    const upi = sale.tenders[1];
    expect(upi.status).toBe("awaiting_confirmation");
    expect(upi.upiUri).toBe(
      `upi://pay?pa=shop@okaxis&pn=${encodeURIComponent(`${t.slug} Traders`)}&am=500.00&cu=INR&tr=${encodeURIComponent(sale.invoice.number)}`,
    );
  });

  it("refuses tenders short of the total, non-cash overpayment, and a card without its reference", async () => {
    const { t, storeId } = await shop();
    for (const tenders of [
      [{ type: "cash", amount: 100000 }],
      [{ type: "card", amount: 120000, reference: "A" }],
      [{ type: "card", amount: 118000 }],
    ]) {
      expect(await problem(await sell(t, storeId, svc(tenders)))).toMatchObject({ status: 422, code: "unprocessable" });
    }
  });

  it("puts udhaar on a known customer's account up to the credit limit", async () => {
    const { t, storeId } = await shop();
    expect((await problem(await sell(t, storeId, svc([{ type: "udhaar", amount: 118000 }])))).errors?.map((e) => e.path)).toContain(
      "customer.phone",
    );
    const customer = { name: "Ramesh", phone: "+919812345678" };
    for (let i = 0; i < 8; i++) expect((await sell(t, storeId, svc([{ type: "udhaar", amount: 118000 }], customer))).status).toBe(201);
    // 8 × ₹1,180 = ₹9,440 owed; one more would pass the ₹10,000 limit.
    expect(await problem(await sell(t, storeId, svc([{ type: "udhaar", amount: 118000 }], customer)))).toMatchObject({
      status: 409,
      code: "credit_limit_exceeded",
    });
  });

  it("merges tax-inclusive and tax-exclusive lines into one invoice with one round-off", async () => {
    const { t, storeId } = await shop();
    const res = await sell(t, storeId, {
      lines: [
        { sku: "SVC", quantity: 1 },
        { sku: "TEA", quantity: 1 },
      ],
      tenders: [{ type: "cash", amount: 200000 }],
    });
    const inv = (await json(res)).invoice;
    // SVC 1,000.00 + 180.00; TEA 10.50 incl. 5 %: taxable 10.00, CGST 0.25, SGST 0.25
    expect(inv.lines.map((l: { lineId: string }) => l.lineId)).toEqual(["1", "2"]);
    expect(inv.totals.lineTotal).toBe(118000 + 1050);
    expect(inv.grandTotal).toBe(119100);
    expect(inv.roundOff).toBe(50);
  });
});

describe("UPI payload", () => {
  it("formats paise as rupees with two places and refuses a malformed VPA", () => {
    expect(upiAmount(11800)).toBe("118.00");
    expect(upiAmount(5)).toBe("0.05");
    expect(() => upiPayUri({ payeeVpa: "no-at-sign", payeeName: "x", amount: 1, reference: "S1/2627/1" })).toThrow(RangeError);
  });
});
