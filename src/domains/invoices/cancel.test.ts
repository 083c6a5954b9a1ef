import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, problem, signup, staff } from "../../../test/helpers";
import worker from "../../../workers/index";
import { key, onHandOf, sell } from "../sales/test-fixtures";
import { cashSale, gstShop, pdfText } from "./test-fixtures";

const seq = (n: string) => Number(n.split("/").at(-1));

async function soldInvoice() {
  const { t, storeId } = await gstShop();
  const sale = await json(await sell(t, storeId, cashSale()));
  const cancel = (id: string, body: unknown = { reason: "Billed to the wrong customer" }, token = t.accessToken) =>
    call("POST", `/v1/invoices/${id}/cancel`, { host: t.host, token, body });
  return { t, storeId, sale, cancel };
}

describe("invoice cancellation", () => {
  it("keeps the number, marks the invoice cancelled, restores stock, and the next sale takes the next number", async () => {
    const { t, storeId, sale, cancel } = await soldInvoice();
    expect(await onHandOf(t, storeId, "RICE")).toBe(48);
    const res = await cancel(sale.invoice.id);
    expect(res.status).toBe(200);
    const inv = await json(res);
    expect(inv).toMatchObject({ id: sale.invoice.id, number: sale.invoice.number, status: "cancelled" });
    expect(inv.cancellation).toMatchObject({ reason: "Billed to the wrong customer" });
    expect(await onHandOf(t, storeId, "RICE")).toBe(50);
    expect(await onHandOf(t, storeId, "SOAP")).toBe(50);
    const got = await json(await call("GET", `/v1/invoices/${sale.invoice.id}`, { host: t.host, token: t.accessToken }));
    expect(got).toMatchObject({ number: sale.invoice.number, status: "cancelled" });
    const s = await json(await call("GET", `/v1/sales/${sale.id}`, { host: t.host, token: t.accessToken }));
    expect(s.sale.status).toBe("cancelled");
    expect(s.sale.cancelRefunds).toEqual([{ type: "cash", amount: sale.grandTotal }]);
    const next = await json(await sell(t, storeId, cashSale()));
    expect(seq(next.invoice.number)).toBe(seq(sale.invoice.number) + 1);
  });

  it("redraws the PDF as CANCELLED after the cancellation", async () => {
    const { t, sale, cancel } = await soldInvoice();
    const pdf = () => call("GET", `/v1/invoices/${sale.invoice.id}/pdf`, { host: t.host, token: t.accessToken });
    expect(await pdfText(await (await pdf()).arrayBuffer())).not.toContain("CANCELLED");
    await cancel(sale.invoice.id);
    const text = await pdfText(await (await pdf()).arrayBuffer());
    expect(text).toContain("CANCELLED");
    expect(text).toContain(sale.invoice.number);
  });

  it("refuses a second cancellation and a return of a cancelled sale", async () => {
    const { t, sale, cancel } = await soldInvoice();
    await cancel(sale.invoice.id);
    expect((await problem(await cancel(sale.invoice.id))).code).toBe("conflict");
    const ret = await call("POST", `/v1/sales/${sale.id}/returns`, {
      host: t.host,
      token: t.accessToken,
      body: { lines: [{ lineId: "1", quantity: 1 }] },
      headers: { "idempotency-key": key() },
    });
    expect((await problem(ret)).code).toBe("conflict");
  });

  it("refuses an invoice a credit note already cites, and a credit note itself", async () => {
    const { t, sale, cancel } = await soldInvoice();
    const ret = await json(
      await call("POST", `/v1/sales/${sale.id}/returns`, {
        host: t.host,
        token: t.accessToken,
        body: { lines: [{ lineId: "1", quantity: 1 }] },
        headers: { "idempotency-key": key() },
      }),
    );
    expect((await problem(await cancel(sale.invoice.id))).code).toBe("conflict");
    expect((await problem(await cancel(ret.creditNote.id))).status).toBe(422);
  });

  it("needs a reason, a role with sales.refund, and this tenant's token", async () => {
    const { t, storeId, sale, cancel } = await soldInvoice();
    expect((await cancel(sale.invoice.id, {})).status).toBe(400);
    const cashier = await staff(t, "cashier", [storeId]);
    expect((await problem(await cancel(sale.invoice.id, undefined, cashier.token))).code).toBe("forbidden");
    const other = await signup();
    expect((await cancel(sale.invoice.id, undefined, other.accessToken)).status).toBe(403);
    expect((await cancel(sale.invoice.id, undefined, "")).status).toBe(401);
    expect((await cancel("inv_missing")).status).toBe(404);
    expect(await onHandOf(t, storeId, "RICE")).toBe(48);
  });
});

describe("a cancelled invoice in the reports", () => {
  it("leaves the sales report and never comes back on a redelivered sale event", async () => {
    const { t, sale, cancel } = await soldInvoice();
    const day = sale.invoice.issuedOn as string;
    const report = async () =>
      json(await call("GET", `/v1/reports/sales?groupBy=none&from=${day}&to=${day}`, { host: t.host, token: t.accessToken }));
    expect((await report()).totals.invoices).toBe(1);
    expect((await cancel(sale.invoice.id)).status).toBe(200);
    expect((await report()).totals.invoices ?? 0).toBe(0);
    // The sale.completed event arriving late re-projects the sale as it is now: still cancelled.
    const body = {
      eventId: `evt_late_${sale.id}`,
      tenantId: t.id,
      storeId: sale.storeId ?? sale.invoice.storeId,
      type: "sale.completed",
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: { saleId: sale.id },
    };
    const batch = createMessageBatch("edgetill-events", [{ id: "late-1", timestamp: new Date(), attempts: 1, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toHaveLength(0);
    expect(result.explicitAcks).toEqual(["late-1"]);
    expect((await report()).totals.invoices ?? 0).toBe(0);
  });
});
