/**
 * The GST checks of the replay (`--regime gst`, issue 6), read back through the public API after
 * the replay and printed under the reconciliation:
 *   (a) every invoice and credit note of the range has a valid tax split: intra-state (place of
 *       supply = the supplier's state) carries CGST = SGST/UTGST on every line and in the totals and
 *       no IGST; inter-state carries IGST only; each line's taxable value + taxes = its total, the
 *       lines add up to the totals, grand total = lines + round-off (to the rupee, CGST Act s.170),
 *       the round-off within half a rupee — except on the credit note that completes the return of a
 *       sale, which takes what is left of the invoice's grand total (durable-objects/pos/credit.ts):
 *       there the sale's credit notes must add up to exactly its invoice's grand total instead;
 *       every line's (HSN, rate) is one the mapping gives (gst.mjs); the place of supply is the
 *       mapped state of the buyer's country (the store's state for walk-in buyers), a credit note's
 *       that of the invoice it cites.
 *   (b) every credit note cites its invoice (CGST Rules rule 53(1A)): the cited invoice exists with
 *       that number. Returns without a receipt (POST /v1/stores/{storeId}/returns) cite none; they
 *       are counted apart and pass only with a stated reason.
 *   (c) GSTR-1 (GET /v1/reports/gstr1) of every month of the range equals the sum of that month's
 *       issued invoices and credit notes as fetched (GET /v1/invoices, all pages): counts, values,
 *       taxable value and each tax in total, per section (b2b, b2cl, cdnr, cdnur; b2cs row by row;
 *       table 12 HSN row by row), and the report's own checks hold.
 * Money in paise throughout; nothing is recomputed by the engine's code, only re-added.
 */
import { COUNTRY_STATE_CODES, GST_CATEGORIES, GST_DEFAULT_CATEGORY, GST_NON_PRODUCTS, GST_STORE_STATE, stateOfCountry } from "./gst.mjs";
import { formatPence } from "./money.mjs";
import { COUNTRY_SEP } from "./replay.mjs";

/**
 * B2CL limit of a tax period, paise: ₹2,50,000 before August 2024, ₹1,00,000 from then
 * (Notification 12/2024–Central Tax amending CGST Rules rule 59(4); src/domains/reports/gstr1-sections.ts).
 */
export function b2clLimitOf(period) {
  return period >= "2024-08" ? 1_00_000_00 : 2_50_000_00;
}
/** Largest invoice round-off magnitude, paise: half a rupee (rounded half up, so −49 … +50). */
export const MAX_ROUND_OFF_PAISE = 50;
/** Page size of GET /v1/invoices (PageQuery.limit max, src/platform/http/router.ts). */
export const INVOICE_PAGE = 200;
/** Failures shown per check. */
const SHOWN = 5;

const TAX_KEYS = ["taxable", "igst", "cgst", "sgst", "cess"];
const zero = () => ({ taxable: 0, igst: 0, cgst: 0, sgst: 0, cess: 0 });
const add = (a, b, sign = 1) => {
  for (const k of TAX_KEYS) a[k] += sign * (b[k] ?? 0);
};
/** GSTR-1's figures of one line: taxable value and each tax (SGST and UTGST together, both cesses together). */
function lineTax(l) {
  const t = zero();
  t.taxable = l.taxableValue;
  for (const x of l.taxes) {
    if (x.kind === "IGST") t.igst += x.amount;
    else if (x.kind === "CGST") t.cgst += x.amount;
    else if (x.kind === "SGST" || x.kind === "UTGST") t.sgst += x.amount;
    else if (x.kind === "CESS" || x.kind === "CESS_SPECIFIC") t.cess += x.amount;
  }
  return t;
}

/** The (HSN/SAC, rate in bp) pairs the mapping can give; "null" for an item with no code. */
const ALLOWED = new Set(
  [...GST_CATEGORIES, GST_DEFAULT_CATEGORY, ...GST_NON_PRODUCTS].map((x) => `${x.code ?? "null"}|${Math.round(x.rate * 100)}`),
);

/** Whether decimal `d` ({units, scale}) percent equals `bp / parts` basis points, exactly. */
function ratePercentIs(d, bp, parts) {
  return d !== null && d.units * 100 * parts === bp * 10 ** d.scale;
}

/** The place of supply the replay meant for a document's buyer: the mapped state of the country in its name, else the store's. */
function mappedState(doc) {
  const name = doc.recipient?.name ?? "";
  const i = name.indexOf(COUNTRY_SEP);
  if (i < 0) return GST_STORE_STATE;
  const country = name.slice(i + COUNTRY_SEP.length);
  return country in COUNTRY_STATE_CODES ? stateOfCountry(country) : `unmapped country ${country}`;
}

/**
 * Problems of one document's tax split and sums (check a), as short strings; [] when valid.
 * @param {object} d an InvoiceDocument (durable-objects/pos/documents.ts)
 * @param {string|null} expectedPos the place of supply it should have
 * @param {{ completesSale?: boolean }} [o] a credit note that completes its sale's return: its
 *   round-off may pass half a rupee (the caller checks the sale's notes add up to the invoice instead)
 */
export function splitProblems(d, expectedPos, o = {}) {
  const out = [];
  const pos = d.placeOfSupply?.stateCode ?? null;
  if (d.regime !== "gst") out.push(`regime ${d.regime}`);
  if (!pos) return [...out, "no place of supply"];
  if (expectedPos && pos !== expectedPos) out.push(`place of supply ${pos}, expected ${expectedPos}`);
  const intra = pos === d.supplier?.stateCode;
  const sum = { taxable: 0, lineTotal: 0, CGST: 0, SGST: 0, UTGST: 0, IGST: 0, CESS: 0, CESS_SPECIFIC: 0 };
  for (const l of d.lines) {
    const at = `line ${l.lineId}`;
    const kinds = l.taxes.map((t) => t.kind).filter((k) => k !== "CESS" && k !== "CESS_SPECIFIC");
    const amount = (k) => l.taxes.filter((t) => t.kind === k).reduce((a, t) => a + t.amount, 0);
    if (intra) {
      const state = kinds.find((k) => k === "SGST" || k === "UTGST");
      if (kinds.length !== 2 || !kinds.includes("CGST") || !state) out.push(`${at}: intra-state taxes ${kinds.join("+")}`);
      else if (amount("CGST") !== amount(state)) out.push(`${at}: CGST ${amount("CGST")} ≠ ${state} ${amount(state)}`);
      for (const t of l.taxes)
        if (t.kind !== "CESS" && t.kind !== "CESS_SPECIFIC" && !ratePercentIs(t.ratePercent, l.taxRateBp, 2))
          out.push(`${at}: ${t.kind} rate is not half of ${l.taxRateBp} bp`);
    } else {
      if (kinds.length !== 1 || kinds[0] !== "IGST") out.push(`${at}: inter-state taxes ${kinds.join("+")}`);
      for (const t of l.taxes)
        if (t.kind === "IGST" && !ratePercentIs(t.ratePercent, l.taxRateBp, 1)) out.push(`${at}: IGST rate is not ${l.taxRateBp} bp`);
    }
    if (l.taxableValue + l.taxTotal !== l.lineTotal || l.taxes.reduce((a, t) => a + t.amount, 0) !== l.taxTotal)
      out.push(`${at}: taxable ${l.taxableValue} + taxes ${l.taxTotal} ≠ total ${l.lineTotal}`);
    if (!ALLOWED.has(`${l.hsn ?? "null"}|${l.taxRateBp}`)) out.push(`${at}: HSN ${l.hsn} at ${l.taxRateBp} bp is not in the mapping`);
    sum.taxable += l.taxableValue;
    sum.lineTotal += l.lineTotal;
    for (const t of l.taxes) sum[t.kind] += t.amount;
  }
  const tt = d.totals;
  if (sum.taxable !== tt.taxableValue) out.push(`Σ lines' taxable ${sum.taxable} ≠ totals ${tt.taxableValue}`);
  if (sum.lineTotal !== tt.lineTotal) out.push(`Σ line totals ${sum.lineTotal} ≠ totals ${tt.lineTotal}`);
  for (const k of ["CGST", "SGST", "UTGST", "IGST", "CESS", "CESS_SPECIFIC"])
    if (sum[k] !== (tt.taxByKind[k] ?? 0)) out.push(`Σ lines' ${k} ${sum[k]} ≠ totals ${tt.taxByKind[k]}`);
  if (intra && (tt.taxByKind.IGST !== 0 || tt.taxByKind.CGST !== tt.taxByKind.SGST + tt.taxByKind.UTGST))
    out.push(
      `intra-state totals CGST ${tt.taxByKind.CGST}, SGST/UTGST ${tt.taxByKind.SGST + tt.taxByKind.UTGST}, IGST ${tt.taxByKind.IGST}`,
    );
  if (!intra && tt.taxByKind.CGST + tt.taxByKind.SGST + tt.taxByKind.UTGST !== 0) out.push("inter-state totals carry CGST/SGST");
  if (tt.taxableValue + tt.taxTotal !== tt.lineTotal) out.push(`totals: taxable + tax ≠ line total`);
  if (d.grandTotal !== tt.lineTotal + d.roundOff) out.push(`grand total ${d.grandTotal} ≠ ${tt.lineTotal} + round-off ${d.roundOff}`);
  if (!o.completesSale && (d.roundOff < 1 - MAX_ROUND_OFF_PAISE || d.roundOff > MAX_ROUND_OFF_PAISE))
    out.push(`round-off ${d.roundOff} beyond half a rupee`);
  if (d.roundingSteps?.includes("invoice_round_off") && d.grandTotal % 100 !== 0) out.push(`grand total ${d.grandTotal} not whole rupees`);
  return out;
}

/** Every invoice and credit note of the tenant, page by page (GET /v1/invoices), handed to `each` as it comes. */
async function forEachDocument(client, each) {
  let cursor = null;
  do {
    const page = await client.request("GET", `/v1/invoices?limit=${INVOICE_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    for (const d of page.items) each(d);
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * Runs checks (a), (b) and (c) for the days `from`..`to` (GSTR-1: every month they touch, whole).
 * @param {{ client: object, from: string, to: string }} o the owner's client of the GST tenant
 * @returns {Promise<{ ok: boolean, documents: number, split: object, citations: object, months: object[] }>}
 */
export async function gstChecks(o) {
  const { client, from, to } = o;
  const firstMonth = from.slice(0, 7);
  const lastMonth = to.slice(0, 7);
  const index = new Map(); // invoice id → { number, pos, inter, grandTotal, month }
  const compact = []; // issued documents of the range's months, as GSTR-1 needs them
  const split = { checked: 0, failed: 0, examples: [] };
  const cites = { cited: 0, unreceipted: 0, failed: 0, examples: [] };
  const notes = [];
  const notesOf = new Map(); // invoice id → its credit notes, every date
  let documents = 0;

  await forEachDocument(client, (d) => {
    documents++;
    const pos = d.placeOfSupply?.stateCode ?? null;
    const inter = pos !== d.supplier?.stateCode;
    if (d.kind === "invoice")
      index.set(d.id, {
        number: d.number,
        pos,
        inter,
        grandTotal: d.grandTotal,
        month: d.issuedOn.slice(0, 7),
        units: new Map(d.lines.map((l) => [l.lineId, l.quantity.units])),
      });
    if (d.kind === "credit_note" && d.original) {
      const sale = notesOf.get(d.original.invoiceId) ?? [];
      sale.push({ id: d.id, issuedAt: d.issuedAt, number: d.number, grandTotal: d.grandTotal, lines: d.lines });
      notesOf.set(d.original.invoiceId, sale);
    }
    if (d.issuedOn >= from && d.issuedOn <= to) {
      if (d.kind === "credit_note")
        notes.push({ d, pos }); // checked once every invoice is known
      else {
        split.checked++;
        const p = splitProblems(d, mappedState(d));
        if (p.length) {
          split.failed++;
          if (split.examples.length < SHOWN) split.examples.push(`${d.number}: ${p.slice(0, 3).join("; ")}`);
        }
      }
    }
    const month = d.issuedOn.slice(0, 7);
    if (d.status !== "issued" || month < firstMonth || month > lastMonth || (d.supplyType !== "b2b" && d.supplyType !== "b2c")) return;
    const byRate = new Map();
    const byHsn = new Map();
    for (const l of d.lines) {
      const t = lineTax(l);
      const r = byRate.get(l.taxRateBp) ?? zero();
      add(r, t);
      byRate.set(l.taxRateBp, r);
      const hk = `${l.hsn}|${d.supplyType.toUpperCase()}|${l.quantity.unit}|${l.taxRateBp}`;
      const h = byHsn.get(hk) ?? zero();
      add(h, t);
      byHsn.set(hk, h);
    }
    compact.push({
      kind: d.kind,
      month,
      supplyType: d.supplyType,
      pos,
      inter,
      grandTotal: d.grandTotal,
      originalId: d.original?.invoiceId ?? null,
      byRate,
      byHsn,
    });
  });

  const completing = completingNotes(index, notesOf);
  // (a) for credit notes and (b): the cited invoice exists with that number; the note keeps its place of supply.
  for (const { d, pos } of notes) {
    const fail = (why) => {
      cites.failed++;
      if (cites.examples.length < SHOWN) cites.examples.push(`${d.number}: ${why}`);
    };
    let expectedPos = mappedState(d);
    if (d.original) {
      const inv = index.get(d.original.invoiceId);
      if (!inv) fail(`cites ${d.original.number} (${d.original.invoiceId}), which does not exist`);
      else if (inv.number !== d.original.number) fail(`cites number ${d.original.number}, the invoice is ${inv.number}`);
      else cites.cited++;
      expectedPos = inv?.pos ?? expectedPos;
    } else if (d.unreceipted?.reason?.trim()) cites.unreceipted++;
    else fail("cites no invoice and states no reason");
    split.checked++;
    const done = completing.get(d.id);
    const p = splitProblems(d, expectedPos, { completesSale: done !== undefined });
    if (done && done.credited !== done.charged)
      p.push(`completes the return of ${d.original.number}: its credit notes add up to ${done.credited}, the invoice to ${done.charged}`);
    if (p.length) {
      split.failed++;
      if (split.examples.length < SHOWN) split.examples.push(`${d.number}: ${p.slice(0, 3).join("; ")} (pos ${pos})`);
    }
  }

  // (c) GSTR-1 of each month against the documents.
  const months = [];
  for (let m = firstMonth; m <= lastMonth; m = nextMonth(m)) months.push(await monthCheck(client, m, compact, index));
  const ok = split.failed === 0 && cites.failed === 0 && months.every((x) => x.ok);
  return { ok, documents, split, citations: cites, months };
}

/**
 * The credit notes that complete the return of their sale — after them every unit of every line of
 * the invoice has come back — with what the sale's notes credit in all and what its invoice charged
 * (grand totals, paise).
 * @param {Map<string, { grandTotal: number, units: Map<string, number> }>} index invoices by id
 * @param {Map<string, { id: string, issuedAt: string, number: string, grandTotal: number, lines: object[] }[]>} notesOf
 * @returns {Map<string, { credited: number, charged: number }>} by credit note id
 */
export function completingNotes(index, notesOf) {
  const out = new Map();
  for (const [invoiceId, notes] of notesOf) {
    const inv = index.get(invoiceId);
    if (!inv) continue; // check (b) reports it
    const left = new Map(inv.units);
    let credited = 0;
    const inOrder = [...notes].sort(
      (a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number, "en", { numeric: true }),
    );
    for (const n of inOrder) {
      for (const l of n.lines) left.set(l.lineId, (left.get(l.lineId) ?? 0) - l.quantity.units);
      credited += n.grandTotal;
      if ([...left.values()].every((u) => u === 0)) {
        out.set(n.id, { credited, charged: inv.grandTotal });
        break;
      }
    }
  }
  return out;
}

/** "2010-12" → "2011-01". */
function nextMonth(m) {
  const [y, mo] = m.split("-").map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/** The month's GSTR-1 against the sums of its documents: { month, ok, invoices, creditNotes, diffs }. */
async function monthCheck(client, month, compact, index) {
  const r = await client.request("GET", `/v1/reports/gstr1?month=${month}`);
  const limit = r.b2clLimit ?? b2clLimitOf(month);
  const docs = compact.filter((c) => c.month === month);
  const want = {
    invoices: { ...zero(), count: 0, value: 0 },
    creditNotes: { ...zero(), count: 0, value: 0 },
    b2b: zero(),
    b2cl: zero(),
    cdnr: zero(),
    cdnur: zero(),
  };
  const b2cs = new Map();
  const hsn = new Map();
  for (const c of docs) {
    const total = c.kind === "invoice" ? want.invoices : want.creditNotes;
    total.count++;
    total.value += c.grandTotal;
    const orig = c.originalId ? index.get(c.originalId) : null;
    const section =
      c.kind === "invoice"
        ? c.supplyType === "b2b"
          ? "b2b"
          : c.inter && c.grandTotal > limit
            ? "b2cl"
            : "b2cs"
        : c.supplyType === "b2b"
          ? "cdnr"
          : orig?.inter && orig.grandTotal > b2clLimitOf(orig.month)
            ? "cdnur"
            : "b2cs";
    const sign = c.kind === "invoice" ? 1 : -1;
    for (const [rate, t] of c.byRate) {
      add(total, t);
      if (section !== "b2cs") add(want[section], t);
      else {
        const k = `${c.pos}|${c.inter ? "INTER" : "INTRA"}|${rate}`;
        const g = b2cs.get(k) ?? zero();
        add(g, t, sign);
        b2cs.set(k, g);
      }
    }
    for (const [k, t] of c.byHsn) {
      const g = hsn.get(k) ?? zero();
      add(g, t, sign);
      hsn.set(k, g);
    }
  }
  const table = (name) => r.tables.find((t) => t.name === name)?.rows ?? [];
  const sumRows = (rows) => {
    const a = zero();
    for (const x of rows) add(a, x);
    return a;
  };
  const diffs = [];
  const same = (label, a, b, keys = TAX_KEYS) => {
    for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) diffs.push(`${label} ${k}: documents ${a[k] ?? 0}, GSTR-1 ${b[k] ?? 0}`);
  };
  const totalKeys = [...TAX_KEYS, "count", "value"];
  same("invoices", want.invoices, r.totals.invoices, totalKeys);
  same("credit notes", want.creditNotes, r.totals.creditNotes, totalKeys);
  for (const s of ["b2b", "b2cl", "cdnr", "cdnur"]) same(s, want[s], sumRows(table(s)));
  const keyed = (rows, key) => new Map(rows.map((x) => [key(x), x]));
  const gotB2cs = keyed(table("b2cs"), (x) => `${x.placeOfSupply}|${x.nature}|${x.rateBp}`);
  const gotHsn = keyed(table("hsn"), (x) => `${x.hsn}|${x.supplyType}|${x.uqc}|${x.rateBp}`);
  for (const [label, mine, got] of [
    ["b2cs", b2cs, gotB2cs],
    ["hsn", hsn, gotHsn],
  ])
    for (const k of new Set([...mine.keys(), ...got.keys()])) same(`${label} ${k}`, mine.get(k) ?? zero(), got.get(k) ?? zero());
  for (const [k, v] of Object.entries(r.checks ?? {})) if (v !== true) diffs.push(`GSTR-1 check ${k} failed`);
  return {
    month,
    ok: diffs.length === 0,
    invoices: want.invoices,
    creditNotes: want.creditNotes,
    b2csRows: b2cs.size,
    hsnRows: hsn.size,
    diffs,
  };
}

/** The GST checks as plain text, rupees as "1,234.56" (paise in the data are pence one to one). */
export function formatGstChecks(g) {
  const out = [];
  const mark = (ok) => (ok ? "pass" : "FAIL");
  out.push(`GST checks (${g.documents} documents fetched)`);
  out.push(`(a) tax split valid: ${g.split.checked - g.split.failed}/${g.split.checked} documents  ${mark(g.split.failed === 0)}`);
  for (const e of g.split.examples) out.push(`      ${e}`);
  const c = g.citations;
  out.push(
    `(b) credit notes cite their invoice: ${c.cited} cited, ${c.unreceipted} returns without receipt (with a reason), ${c.failed} failing  ${mark(c.failed === 0)}`,
  );
  for (const e of c.examples) out.push(`      ${e}`);
  out.push("(c) GSTR-1 = Σ documents, per month:");
  for (const m of g.months) {
    const i = m.invoices;
    const n = m.creditNotes;
    out.push(
      `    ${m.month}  invoices ${i.count} ₹${formatPence(i.value)} (taxable ₹${formatPence(i.taxable)}, CGST ₹${formatPence(i.cgst)}, SGST ₹${formatPence(i.sgst)}, IGST ₹${formatPence(i.igst)}); credit notes ${n.count} ₹${formatPence(n.value)} (taxable ₹${formatPence(n.taxable)}); ${m.b2csRows} B2CS rows, ${m.hsnRows} HSN rows  ${mark(m.ok)}`,
    );
    for (const d of m.diffs.slice(0, SHOWN)) out.push(`      ${d}`);
  }
  out.push(`GST checks: ${g.ok ? "all pass" : "FAILED"}`);
  return out.join("\n");
}
