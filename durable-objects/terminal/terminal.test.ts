import { uuidv7 } from "uuidv7";
import { describe, expect, it } from "vitest";
import { onHandOf } from "../../src/domains/sales/test-fixtures";
import { connect, offlineSale, pair, RICE_TOTAL, shop } from "../../src/domains/terminals/test-fixtures";
import { call, json } from "../../test/helpers";

describe("terminal shifts and live stock", () => {
  it("shows each terminal the other's stock changes over its socket", async () => {
    const { t, storeId } = await shop(10);
    const a = await connect(t, storeId, await pair(t, storeId, "A"));
    const b = await connect(t, storeId, await pair(t, storeId, "B"));
    for (const term of [a, b]) expect((await term.request({ type: "open_shift", openingFloat: 0 })).type).toBe("shift_opened");

    await a.request({ type: "cart_add", line: { sku: "RICE", quantity: 2 } });
    const sold = await a.request({ type: "checkout", clientSaleId: uuidv7(), tenders: [{ type: "cash", amount: 2 * RICE_TOTAL }] });
    expect(sold).toMatchObject({ type: "sale", status: "accepted", invoiceNumber: expect.stringMatching(/^S1\//) });
    expect(await b.until(() => b.of("stock_changed").find((f) => f.sku === "RICE" && f.onHand === 8))).toMatchObject({ delta: -2 });

    await b.request({ type: "cart_add", line: { sku: "RICE", quantity: 1 } });
    await b.request({ type: "checkout", clientSaleId: uuidv7(), tenders: [{ type: "card", amount: RICE_TOTAL, reference: "AUTH1" }] });
    expect(await a.until(() => a.of("stock_changed").find((f) => f.onHand === 7))).toMatchObject({ sku: "RICE", delta: -1 });
    a.close();
    b.close();
  });

  it("adds up a Z-report: float + cash sales + cash in − cash out against the count, card by its total", async () => {
    const { t, storeId } = await shop(10);
    const term = await connect(t, storeId, await pair(t, storeId));
    await term.request({ type: "open_shift", openingFloat: 5000 });
    await term.request({ type: "cart_add", line: { sku: "RICE", quantity: 2 } });
    // ₹250 handed over for ₹210: ₹40 change, ₹210 stays in the drawer.
    const cash = await term.request({ type: "checkout", clientSaleId: uuidv7(), tenders: [{ type: "cash", amount: 25000 }] });
    expect(cash.sale.changeDue).toBe(4000);
    await term.request({ type: "cart_add", line: { sku: "RICE", quantity: 1 } });
    await term.request({ type: "checkout", clientSaleId: uuidv7(), tenders: [{ type: "card", amount: RICE_TOTAL, reference: "AUTH9" }] });
    expect((await term.request({ type: "cash_in", amount: 2000, reason: "change from bank" })).type).toBe("cash_moved");
    await term.request({ type: "cash_out", amount: 1500, reason: "tea" });

    const z = await term.request({ type: "close_shift", countedByTender: { cash: 26400, card: RICE_TOTAL, upi: 0 } });
    expect(z.type).toBe("z_report");
    const r = z.report;
    expect(r).toMatchObject({ openingFloat: 5000, salesCount: 2, cashIn: 2000, cashOut: 1500, cashRefunds: 0 });
    expect(r.salesByTender).toMatchObject({ cash: 21000, card: 10500, upi: 0 });
    expect(r.expected.cash).toBe(5000 + 21000 + 2000 - 1500);
    expect(r.variance).toMatchObject({ cash: -100, card: 0, upi: 0 });
    expect((await term.request({ type: "cart_add", line: { sku: "RICE", quantity: 1 } })).type).toBe("cart");
    expect(await term.request({ type: "checkout", clientSaleId: uuidv7(), tenders: [{ type: "cash", amount: RICE_TOTAL }] })).toMatchObject(
      {
        type: "error",
        code: "conflict",
      },
    );
    term.close();
  });

  it("refuses an online checkout beyond stock with nothing written, and keeps the cart", async () => {
    const { t, storeId } = await shop(1);
    const term = await connect(t, storeId, await pair(t, storeId));
    await term.request({ type: "open_shift", openingFloat: 0 });
    await term.request({ type: "cart_add", line: { sku: "RICE", quantity: 2 } });
    const answer = await term.request({ type: "checkout", clientSaleId: uuidv7(), tenders: [{ type: "cash", amount: 2 * RICE_TOTAL }] });
    expect(answer).toMatchObject({ type: "error", code: "insufficient_stock" });
    expect(await onHandOf(t, storeId, "RICE")).toBe(1);
    const cart = await term.request({ type: "cart_set_qty", lineId: "c1", quantity: 1 });
    expect(cart.cart.lines).toEqual([{ lineId: "c1", sku: "RICE", quantity: 1 }]);
    term.close();
  });

  it("holds a cart and recalls it", async () => {
    const { t, storeId } = await shop(0);
    const term = await connect(t, storeId, await pair(t, storeId));
    const first = await term.request({ type: "cart_add", line: { sku: "RICE", quantity: 3 } });
    await term.request({ type: "cart_discount", lineId: "c1", discount: { kind: "percent", rateBp: 500 } });
    const held = await term.request({ type: "cart_hold", label: "Mrs Rao" });
    expect(held.cart.lines).toEqual([]);
    expect(held.held).toHaveLength(1);
    const back = await term.request({ type: "cart_recall", cartId: first.cart.cartId });
    expect(back.cart.lines).toEqual([{ lineId: "c1", sku: "RICE", quantity: 3, discount: { kind: "percent", rateBp: 500 } }]);
    expect(back.held).toHaveLength(0);
    term.close();
  });
});

describe("offline sync", () => {
  it("makes one sale of the same offline sale synced 5 times, answering the original each time", async () => {
    const { t, storeId } = await shop(10);
    const term = await connect(t, storeId, await pair(t, storeId));
    const shift = (await term.request({ type: "open_shift", openingFloat: 0 })).shift;
    const sale = offlineSale(2, { shiftId: shift.shiftId });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await term.request({ type: "sync", sales: [sale] })).results[0]);
    expect(answers[0]).toMatchObject({ status: "accepted", saleId: expect.any(String) });
    for (const a of answers.slice(1)) {
      expect(a).toMatchObject({ status: "duplicate", saleId: answers[0].saleId, invoiceNumber: answers[0].invoiceNumber });
    }
    expect(await onHandOf(t, storeId, "RICE")).toBe(8);
    // The sale keeps its client time and reached the tenant database.
    const got = await json(await call("GET", `/v1/sales/${answers[0].saleId}`, { host: t.host, token: t.accessToken }));
    expect(got.sale.invoice.issuedAt).toBe(new Date(sale.clientTime).toISOString());
    term.close();
  });

  it("accepts an offline sale beyond stock and flags it for review", async () => {
    const { t, storeId } = await shop(1);
    const term = await connect(t, storeId, await pair(t, storeId));
    await term.request({ type: "open_shift", openingFloat: 0 });
    const [r] = (await term.request({ type: "sync", sales: [offlineSale(3)] })).results;
    expect(r).toMatchObject({ status: "flagged", saleId: expect.any(String), invoiceNumber: expect.any(String) });
    expect(await onHandOf(t, storeId, "RICE")).toBe(-2);
    expect(await term.until(() => term.of("stock_flagged")[0])).toMatchObject({ sku: "RICE" });
    const z = await term.request({ type: "close_shift", countedByTender: { cash: 3 * RICE_TOTAL } });
    expect(z.report).toMatchObject({ salesCount: 1, flaggedSales: 1 });
    term.close();
  });

  it("puts a sale whose shift closed into a rescue session, leaving the closed shift's report alone", async () => {
    const { t, storeId } = await shop(10);
    const term = await connect(t, storeId, await pair(t, storeId));
    const shift = (await term.request({ type: "open_shift", openingFloat: 1000 })).shift;
    const closed = (await term.request({ type: "close_shift", countedByTender: { cash: 1000 } })).report;
    expect(closed.salesCount).toBe(0);

    const [r] = (await term.request({ type: "sync", sales: [offlineSale(1, { shiftId: shift.shiftId })] })).results;
    expect(r).toMatchObject({ status: "accepted", rescued: true });
    expect(r.shiftId).not.toBe(shift.shiftId);
    const rescue = (await term.request({ type: "close_shift", shiftId: r.shiftId, countedByTender: { cash: RICE_TOTAL } })).report;
    expect(rescue).toMatchObject({ kind: "rescue", shiftId: r.shiftId, openingFloat: 0, salesCount: 1 });
    expect(rescue.variance.cash).toBe(0);
    term.close();
  });

  it("answers each sale of a batch on its own: a refused one does not stop the rest", async () => {
    const { t, storeId } = await shop(10);
    const term = await connect(t, storeId, await pair(t, storeId));
    await term.request({ type: "open_shift", openingFloat: 0 });
    const bad = offlineSale(1, { lines: [{ sku: "NOPE", quantity: 1 }] });
    const good = offlineSale(1);
    const { results } = await term.request({ type: "sync", sales: [bad, good] });
    expect(results.map((x: { status: string }) => x.status)).toEqual(["refused", "accepted"]);
    expect(results[0].code).toEqual(expect.any(String));
    term.close();
  });
});
