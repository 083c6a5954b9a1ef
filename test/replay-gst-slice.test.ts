/**
 * The replay's GST slice (issue 6): the same first invoices of the real retailer as
 * test/replay-slice.test.ts (the REPLAY_SLICE binding of vitest.config.ts) replayed into an Indian
 * tenant (`--regime gst`, scripts/replay/lib/gst.mjs), reconciled with the reports to the paisa
 * (₹1 per £1 of the data), then read back for the three GST checks: every document's tax split,
 * credit notes citing their invoices, and GSTR-1 equal to the month's documents.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  assertCodesInMaster,
  COUNTRIES,
  COUNTRY_STATE_CODES,
  completingNotes,
  createClient,
  expectedFigures,
  formatGstChecks,
  GST_REPLAY_GSTIN,
  GST_STORE_STATE,
  gstChecks,
  gstItemOf,
  reconcile,
  replay,
  rupeeRounded,
  splitProblems,
  stateOfCountry,
} from "../scripts/replay/lib/index.mjs";
import { isValidGstin } from "../src/platform/gst/gstin";
import { gstState } from "../src/platform/gst/states";

const bindings = env as unknown as { REPLAY_SLICE?: string; REPLAY_GST_CODES?: string };
const rows = JSON.parse(bindings.REPLAY_SLICE ?? "[]") as Record<string, string>[];
const master = JSON.parse(bindings.REPLAY_GST_CODES ?? "{}") as { hsn?: string[]; sac?: string[]; states?: string[] };

describe("the GST mapping of the replay", () => {
  it("maps every country of the data to a state: the United Kingdom to the store's, every other country elsewhere", () => {
    expect(isValidGstin(GST_REPLAY_GSTIN)).toBe(true);
    expect(GST_REPLAY_GSTIN.slice(0, 2)).toBe(GST_STORE_STATE);
    for (const c of COUNTRIES) {
      const s = stateOfCountry(c);
      expect(gstState(s)?.status, `${c} → ${s}`).toBe("active");
      expect(s === GST_STORE_STATE).toBe(c === "United Kingdom");
    }
    expect(Object.keys(COUNTRY_STATE_CODES).sort()).toEqual([...COUNTRIES].sort());
    expect(() => stateOfCountry("Atlantis")).toThrow(/no GST state mapped/);
  });

  it("gives items an HSN/SAC code and rate by category, and none to what is not a supply", () => {
    expect(gstItemOf("85123A", "WHITE HANGING HEART T-LIGHT HOLDER")).toEqual({ category: "holder", code: "7326", rate: 18 });
    expect(gstItemOf("21071", "VINTAGE BILLBOARD DRINK ME MUG")).toEqual({ category: "ceramic", code: "6912", rate: 5 });
    expect(gstItemOf("22086", "PAPER CHAIN KIT 50'S CHRISTMAS")).toMatchObject({ code: "4823", rate: 18 });
    expect(gstItemOf("72760B", "VINTAGE CREAM 3 BASKET CAKE STAND")).toMatchObject({ code: "6912" });
    expect(gstItemOf("90200A", "BLUE SWEETHEART BRACELET")).toMatchObject({ code: "7117", rate: 3 });
    expect(gstItemOf("20725", "LUNCH BAG RED RETROSPOT")).toMatchObject({ code: "4202", rate: 18 });
    expect(gstItemOf("22467", "GUMBALL COAT RACK")).toMatchObject({ category: "default", code: "9505", rate: 5 });
    expect(gstItemOf("POST", "POSTAGE")).toEqual({ category: "post", code: "996812", rate: 18 });
    expect(gstItemOf("gift_0001_20", "Dotcomgiftshop Gift Voucher £20.00")).toMatchObject({ code: null, rate: 0 });
    expect(gstItemOf("BANK CHARGES", "Bank Charges")).toMatchObject({ code: null, rate: 0 });
  });

  it.skipIf(!master.hsn)("uses only codes of the GST portal's HSN and SAC masters and its state list", () => {
    const set = (a?: string[]) => new Set(a ?? []);
    expect(() => assertCodesInMaster({ hsn: set(master.hsn), sac: set(master.sac), states: set(master.states) })).not.toThrow();
    expect(() => assertCodesInMaster({ hsn: new Set(), sac: set(master.sac), states: set(master.states) })).toThrow(/HSN 9505/);
  });

  it("tenders the total rounded half up to the rupee, as the engine rounds an invoice (CGST Act s.170)", () => {
    expect(rupeeRounded(10049)).toBe(10000);
    expect(rupeeRounded(10050)).toBe(10100);
    expect(rupeeRounded(49)).toBe(0);
  });
});

describe.skipIf(rows.length === 0)("GST replay of a real retailer's first morning", () => {
  const fetchImpl = ((url: string, init?: RequestInit) => exports.default.fetch(new Request(url, init))) as typeof fetch;
  const owner = { email: "owner@replay-gst-ci.example", password: "replay-owner-password-2026" };

  it("places every invoice, matches the reports to the paisa, and passes the three GST checks", async () => {
    const journal = new Map<string, string>();
    const out = await replay({
      client: createClient({ api: "http://localhost", fetchImpl }),
      rows: () => rows,
      range: {},
      regime: "gst",
      slug: "replay-gst-ci",
      owner,
      concurrency: 4,
      journal: { get: (k) => journal.get(k), set: (k, v) => void journal.set(k, v) },
    });
    // Every line is placed: cancellations with no earlier sale go back as returns without a receipt.
    expect(out.unplaced).toEqual([]);

    const client = createClient({ api: "http://localhost", fetchImpl, tenant: "replay-gst-ci", ...owner });
    await client.login();
    const r = await reconcile({
      client,
      expected: await expectedFigures(rows),
      from: "2010-12-01",
      to: "2010-12-01",
      unplaced: out.unplaced,
      extraDocs: out.extraDocs,
      extraCreditNotes: out.extraCreditNotes,
    });
    expect(r.months).toHaveLength(1);
    expect(r.months[0]?.got.invoices).toBe(r.months[0]?.expected.invoices);
    expect(r.months[0]?.got.gross).toBe(r.months[0]?.expected.gross);
    expect(r.skus.every((s) => s.expected === s.got)).toBe(true);
    // Exactly, row by row: the same table the VAT replay matches (test/replay-slice.test.ts), in rupees.
    expect(r.ok).toBe(true);

    const g = await gstChecks({ client, from: "2010-12-01", to: "2010-12-01" });
    expect(g.ok, formatGstChecks(g)).toBe(true);
    expect(g.split.checked).toBeGreaterThan(0);
    expect(g.citations.failed).toBe(0);
    expect(g.citations.cited + g.citations.unreceipted).toBe(r.months[0]?.got.cancellations);
    const month = g.months[0];
    expect(month?.invoices.count).toBe(r.months[0]?.got.invoices);
    // Both kinds of supply occur: the United Kingdom's intra-state (CGST = SGST), Australia's and France's inter-state (IGST).
    expect(month?.invoices.cgst).toBeGreaterThan(0);
    expect(month?.invoices.cgst).toBe(month?.invoices.sgst);
    expect(month?.invoices.igst).toBeGreaterThan(0);

    // The slice's two cancellations have no earlier sale; a return against an Australian (inter-state) invoice
    // adds a credit note that cites it, which the checks then find with the invoice's place of supply (01).
    const saleId = journal.get("replay-sale-536389");
    expect(saleId).toBeTruthy();
    const ret = await client.request("POST", `/v1/sales/${saleId}/returns`, {
      key: "replay-gst-ci-extra-return",
      body: { lines: [{ lineId: "1", quantity: 1, disposition: "restock" }], occurredAt: "2010-12-01T10:30:00Z" },
    });
    expect(ret.creditNote.placeOfSupply.stateCode).toBe(stateOfCountry("Australia"));
    const g2 = await gstChecks({ client, from: "2010-12-01", to: "2010-12-01" });
    expect(g2.ok, formatGstChecks(g2)).toBe(true);
    expect(g2.citations.cited).toBe(g.citations.cited + 1);

    // The rest of that sale comes back too: the completing credit note takes what is left of the
    // invoice's grand total (its round-off may pass half a rupee), so the notes add up to the invoice.
    const { sale } = await client.request("GET", `/v1/sales/${saleId}`);
    type Line = { lineId: string; quantity: { units: number } };
    const lines: Line[] = sale.invoice.lines;
    const rest = lines
      .map((l) => ({
        lineId: l.lineId,
        quantity: l.quantity.units - (l.lineId === "1" ? 1 : 0),
        disposition: "restock",
      }))
      .filter((l: { quantity: number }) => l.quantity > 0);
    const last = await client.request("POST", `/v1/sales/${saleId}/returns`, {
      key: "replay-gst-ci-rest-return",
      body: { lines: rest, occurredAt: "2010-12-01T10:45:00Z" },
    });
    expect(ret.creditNote.grandTotal + last.creditNote.grandTotal).toBe(sale.grandTotal);
    const g3 = await gstChecks({ client, from: "2010-12-01", to: "2010-12-01" });
    expect(g3.ok, formatGstChecks(g3)).toBe(true);
    const note = (n: { id: string; issuedAt: string; number: string; grandTotal: number; lines: object[] }) => ({
      id: n.id,
      issuedAt: n.issuedAt,
      number: n.number,
      grandTotal: n.grandTotal,
      lines: n.lines as Line[],
    });
    const index = new Map([
      [sale.invoice.id, { grandTotal: sale.grandTotal, units: new Map(lines.map((l) => [l.lineId, l.quantity.units])) }],
    ]);
    const notes = [note(ret.creditNote), note(last.creditNote)];
    expect(completingNotes(index, new Map([[sale.invoice.id, notes]]))).toEqual(
      new Map([[last.creditNote.id, { credited: sale.grandTotal, charged: sale.grandTotal }]]),
    );
    // … and a note that credits a rupee too much is caught, as is a sale not yet completed.
    const over = [note(ret.creditNote), { ...note(last.creditNote), grandTotal: last.creditNote.grandTotal + 100 }];
    expect(completingNotes(index, new Map([[sale.invoice.id, over]])).get(last.creditNote.id)?.credited).toBe(sale.grandTotal + 100);
    expect(completingNotes(index, new Map([[sale.invoice.id, [note(ret.creditNote)]]])).size).toBe(0);

    // The checks bite: a paisa moved from SGST, or another place of supply, is reported.
    const page = await client.request("GET", "/v1/invoices?kind=invoice&limit=200");
    const intra = page.items.find((d: { placeOfSupply: { stateCode: string } }) => d.placeOfSupply.stateCode === GST_STORE_STATE);
    expect(splitProblems(intra, GST_STORE_STATE)).toEqual([]);
    const tampered = structuredClone(intra);
    tampered.lines[0].taxes[1].amount += 1;
    expect(splitProblems(tampered, GST_STORE_STATE).join("; ")).toMatch(/CGST \d+ ≠ SGST/);
    expect(splitProblems(intra, "14").join("; ")).toMatch(/place of supply 27, expected 14/);
  }, 600_000);
});
