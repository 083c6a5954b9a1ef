import { describe, expect, it } from "vitest";
import { freshStore } from "../ledger/testing";
import { draft } from "./testing";

describe("invoice number series", () => {
  it("restarts at 1 on 1 April in the tenant's zone (00:00 IST is 18:30 UTC on 31 March)", async () => {
    const { storeId, stub } = freshStore();
    const at = ["2026-03-31T10:00:00Z", "2026-03-31T18:29:59Z", "2026-03-31T18:30:00Z", "2026-04-02T09:00:00Z"];
    const numbers: string[] = [];
    for (const instant of at) {
      const r = await stub.posCheckout({ actor: "usr_test", at: instant, draft: draft(storeId) });
      if (!r.ok) throw new Error(r.detail);
      numbers.push(r.sale.invoice.number);
      expect(r.sale.invoice.issuedAt).toBe(new Date(instant).toISOString());
    }
    expect(numbers).toEqual(["BLR1/2526/1", "BLR1/2526/2", "BLR1/2627/1", "BLR1/2627/2"]);
  });

  it("dates the invoice on the tenant's calendar", async () => {
    const { storeId, stub } = freshStore();
    const r = await stub.posCheckout({ actor: "usr_test", at: "2026-03-31T18:30:00Z", draft: draft(storeId) });
    expect(r.ok && r.sale.invoice.issuedOn).toBe("2026-04-01");
    expect(r.ok && r.sale.invoice.financialYear).toBe("2026-27");
  });

  it("gives 100 concurrent sales 100 consecutive numbers, no gap, no duplicate", async () => {
    const { storeId, stub } = freshStore();
    const results = await Promise.all(Array.from({ length: 100 }, () => stub.posCheckout({ actor: "usr_test", draft: draft(storeId) })));
    const seqs = results.map((r) => {
      if (!r.ok) throw new Error(r.detail);
      return Number(r.sale.invoice.number.split("/").at(-1));
    });
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("refuses a store code that cannot open a 16-character number, consuming nothing", async () => {
    const { storeId, stub } = freshStore();
    const r = await stub.posCheckout({ actor: "usr_test", draft: { ...draft(storeId), storeCode: "BLR-0001" } });
    expect(r).toMatchObject({ ok: false, code: "unprocessable" });
    const ok = await stub.posCheckout({ actor: "usr_test", draft: draft(storeId) });
    expect(ok.ok && ok.sale.invoice.number).toMatch(/\/1$/);
  });
});
