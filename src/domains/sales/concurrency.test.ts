import { describe, expect, it } from "vitest";
import { createStore, json, signup } from "../../../test/helpers";
import { addProducts, onHandOf, product, receive, sell } from "./test-fixtures";

describe("concurrent checkout", () => {
  it("gives 100 concurrent sales in one store 100 consecutive invoice numbers, no gap, no duplicate", { timeout: 120_000 }, async () => {
    const t = await signup();
    const storeId = await createStore(t, "C1");
    await addProducts(t, [product("RICE", 10000, 5, "1006")]);
    await receive(t, storeId, [["RICE", 100, 6000]]);
    const body = { lines: [{ sku: "RICE", quantity: 1 }], tenders: [{ type: "cash", amount: 10500 }] };
    const responses = await Promise.all(Array.from({ length: 100 }, () => sell(t, storeId, body)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    const numbers = await Promise.all(responses.map(async (r) => (await json(r)).invoice.number as string));
    const seqs = numbers.map((n) => Number(n.split("/").at(-1))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await onHandOf(t, storeId, "RICE")).toBe(0);
    // The 101st sale finds no stock.
    expect((await sell(t, storeId, body)).status).toBe(409);
  });
});
