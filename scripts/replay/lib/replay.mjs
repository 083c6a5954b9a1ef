/**
 * The replay: drives Edgetill's public HTTP API with a real retailer's invoices, in time order.
 * Tenant (signup or login) → one store → the catalog → per month a goods receipt ahead of need →
 * every invoice as a sale at its InvoiceDate (`occurredAt`, owner-only, audited) with its own unit
 * prices and one tender → every cancellation as returns against the customer's most recent
 * earlier invoices holding that StockCode at that price, the rest as one return without a receipt.
 * Idempotency keys come from the data
 * (invoice numbers), and a journal of answers makes a rerun skip what is done.
 */
import { ApiError } from "./client.mjs";
import { WALK_IN } from "./expected.mjs";
import { GST_STORE, GST_TENANT, gstBuyer, gstCatalogFields, rupeeRounded } from "./gst.mjs";
import { ceilPence, lineAmountPence, wholePence } from "./money.mjs";
import { customerIdOf, lineRole, monthOf, skuOf, utcOf, vatRateOf } from "./rows.mjs";
import { scanRows } from "./scan.mjs";

/** Most lines one sale takes (MAX_DOCUMENT_LINES in src/platform/limits.ts): the data's longest invoice (1,114 lines) is one sale. */
export const MAX_SALE_LINES = 1500;
/** Most lines one goods receipt takes (durable-objects/ledger/inputs.ts ReceiveInput.lines.max). */
export const MAX_RECEIPT_LINES = 500;
/** The store the replay sells from (its code opens every invoice number). */
export const STORE_CODE = "WEB1";
/** Supplier cost as a share of the last selling price (no costs in the data; only the ledger's valuation uses it). */
export const COST_SHARE_PERCENT = 60;

/** The countries of the data set; a customer's key carries the index so a customer seen in two countries splits by country. */
export const COUNTRIES = [
  "Australia",
  "Austria",
  "Bahrain",
  "Belgium",
  "Brazil",
  "Canada",
  "Channel Islands",
  "Cyprus",
  "Czech Republic",
  "Denmark",
  "EIRE",
  "European Community",
  "Finland",
  "France",
  "Germany",
  "Greece",
  "Hong Kong",
  "Iceland",
  "Israel",
  "Italy",
  "Japan",
  "Lebanon",
  "Lithuania",
  "Malta",
  "Netherlands",
  "Norway",
  "Poland",
  "Portugal",
  "RSA",
  "Saudi Arabia",
  "Singapore",
  "Spain",
  "Sweden",
  "Switzerland",
  "USA",
  "United Arab Emirates",
  "United Kingdom",
  "Unspecified",
];

/** Separator between the CustomerID and the country in a customer's name ("Customer 17850 · United Kingdom"). */
export const COUNTRY_SEP = " · ";

/**
 * The sale's customer. Edgetill has no customer entity: a sale names its buyer, and reports key
 * customers by phone. The replay gives "Customer <id> · <country>" as the name, the country as the
 * address, and a key in the phone field that is plainly not a phone number: "0" + CustomerID +
 * the country's two-digit index. Anonymous sales carry only the country (walk-in in reports).
 */
export function customerOf(cid, country) {
  if (!cid) return { address: country || "Unspecified" };
  const i = COUNTRIES.indexOf(country);
  const cc = String(i < 0 ? 99 : i).padStart(2, "0");
  return { name: `Customer ${cid}${COUNTRY_SEP}${country}`, phone: `0${cid.replace(/\D/g, "")}${cc}`, address: country };
}

/** The by-country label of a CSV line: its country, or WALK_IN without a CustomerID. */
export function countryOf(r) {
  return customerIdOf(r.CustomerID) ? r.Country : WALK_IN;
}

/** Runs tasks with at most `n` at once, started in the order given. */
function pool(n) {
  const running = new Set();
  return {
    async run(task) {
      while (running.size >= n) await Promise.race(running);
      const p = task().finally(() => running.delete(p));
      running.add(p);
      return p;
    },
    async drain() {
      while (running.size) await Promise.race(running);
    },
  };
}

/**
 * The data's invoices, one per InvoiceNo and day, in time order: a day's rows are grouped by
 * InvoiceNo wherever they stand in the file (invoice 542806's lines are in two runs, 11:19 and
 * 11:20, with another invoice between), an invoice keeps its first InvoiceDate, and a day's
 * invoices are sorted by it (stable: file order within a minute).
 * @param {AsyncIterable<Record<string,string>>|Iterable<Record<string,string>>} rows
 * @param {{from?: string, to?: string}} range
 * @returns {AsyncGenerator<{no: string, date: string, rows: Record<string,string>[]}>}
 */
export async function* invoicesInOrder(rows, range) {
  let day = null;
  let dayInvoices = new Map();
  const flush = function* () {
    yield* [...dayInvoices.values()].sort((a, b) => a.date.localeCompare(b.date));
    dayInvoices = new Map();
  };
  for await (const r of rows) {
    const d = r.InvoiceDate.slice(0, 10);
    if ((range.from && d < range.from) || (range.to && d > range.to)) continue;
    if (d !== day) {
      yield* flush();
      day = d;
    }
    let inv = dayInvoices.get(r.InvoiceNo);
    if (!inv) {
      inv = { no: r.InvoiceNo, date: r.InvoiceDate, rows: [] };
      dayInvoices.set(r.InvoiceNo, inv);
    }
    inv.rows.push(r);
  }
  yield* flush();
}

/**
 * Replays `rows()` (a fresh iterable of CSV records per call) through `client`.
 * @param {object} o
 * @param {ReturnType<import("./client.mjs").createClient>} o.client
 * @param {() => AsyncIterable<Record<string,string>>|Iterable<Record<string,string>>} o.rows
 * @param {{from?: string, to?: string}} o.range
 * @param {"vat"|"none"|"gst"} o.regime gst: see gst.mjs (INR one-to-one, HSN by category, place of supply by country)
 * @param {string} o.slug tenant slug
 * @param {{ email: string, password: string }} o.owner
 * @param {number} [o.concurrency]
 * @param {{ get(k: string): string|undefined, set(k: string, v: string): void }} o.journal answers of done requests
 * @param {(p: {done: number, total: number, phase: string}) => void} [o.onProgress]
 * @returns {Promise<{storeId: string, unplaced: object[], stats: object}>}
 */
export async function replay(o) {
  const { client, range, regime, journal } = o;
  const concurrency = o.concurrency ?? 4;
  const progress = o.onProgress ?? (() => {});
  const unplaced = [];
  const stats = { sales: 0, saleParts: 0, returns: 0, unreceipted: 0, writeOffs: 0, receipts: 0, products: 0 };

  const scan = await scanRows(o.rows(), range);

  // 1. The tenant: log in, or sign it up (GB, GBP, Europe/London; gst: IN, INR, a GSTIN, still Europe/London).
  client.setTenant(o.slug);
  client.setCredentials(o.owner.email, o.owner.password);
  try {
    await client.login();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    await client.request("POST", "/v1/signup", {
      auth: false,
      key: `replay-signup-${o.slug}`,
      body: {
        slug: o.slug,
        legalName: "Online Retail (UCI data set) replay",
        ...(regime === "gst" ? GST_TENANT : { country: "GB", currency: "GBP" }),
        timeZone: "Europe/London",
        taxRegime: regime,
        plan: "enterprise",
        owner: { name: "Replay Owner", email: o.owner.email, password: o.owner.password },
      },
    });
    await client.login();
  }

  // 2. One store for the sales.
  const stores = await client.request("GET", "/v1/stores");
  let store = (stores.items ?? stores).find?.((s) => s.code === STORE_CODE);
  if (!store)
    store = await client.request("POST", "/v1/stores", {
      key: `replay-store-${o.slug}`,
      body: {
        code: STORE_CODE,
        name: "Online shop",
        type: "shop",
        ...(regime === "gst" ? GST_STORE : { address: { line1: "Unit 1", city: "London", postalCode: "N1 1AA", country: "GB" } }),
        timeZone: "Europe/London",
      },
    });
  const storeId = store.id;

  // 3. The catalog: one product per StockCode.
  const cat = pool(concurrency);
  let n = 0;
  for (const it of scan.items.values()) {
    const key = `replay-product-${it.sku}`;
    if (journal.get(key)) {
      n++;
      continue;
    }
    await cat.run(async () => {
      const attributes = { stockCode: it.code };
      if (it.aliases.length) attributes.aliases = it.aliases.join(" | ").slice(0, 500);
      try {
        const p = await client.request("POST", "/v1/products", {
          key,
          body: {
            name: it.name,
            kind: it.kind,
            ...(regime === "gst" ? gstCatalogFields(it.code, it.name) : { gstRate: regime === "vat" ? vatRateOf(it.code) : 0 }),
            taxInclusive: true,
            attributes,
            variants: [{ sku: it.sku, openPrice: true, price: it.lastPrice || null }],
          },
        });
        journal.set(key, p.id);
        stats.products++;
      } catch (e) {
        // Made by an earlier run whose answer was lost (or with another --to): the SKU exists.
        if (e instanceof ApiError && (e.code === "conflict" || e.code === "idempotency_key_reused")) journal.set(key, "exists");
        else throw e;
      }
      progress({ phase: "catalog", done: ++n, total: scan.items.size });
    });
  }
  await cat.drain();

  // 4. Invoices in time order, receipts a month ahead of need.
  const work = pool(concurrency);
  const history = new Map(); // CustomerID → [{ time, sale: Promise<string|null>, lineId, sku, price, remaining }]
  let month = null;
  let done = 0;
  const tick = () => progress({ phase: "invoices", done: ++done, total: scan.invoices });
  const fail = (inv, reason, amount, kind, extra = {}) =>
    unplaced.push({ invoice: inv.no, month: monthOf(inv.date), country: countryOf(inv.rows[0]), kind, reason, amount, ...extra });
  const extraDocs = new Map(); // month → sales beyond one per invoice (invoices of more than MAX_SALE_LINES lines)
  const extraCreditNotes = new Map(); // month → credit notes beyond one per cancellation (one spanning several earlier sales)

  for await (const inv of invoicesInOrder(o.rows(), range)) {
    const m = monthOf(inv.date);
    if (m !== month) {
      month = m;
      await work.drain();
      await receive(m);
    }
    const at = utcOf(inv.date);
    const byRole = { sale: [], cancel: [], writeoff: [], badDebt: [], other: [] };
    for (const r of inv.rows) byRole[lineRole(r)].push(r);
    for (const r of [...byRole.badDebt, ...byRole.other])
      fail(
        inv,
        "negative-price adjustment (bad debt): not a sale; belongs to accounts receivable",
        lineAmountPence(r.Quantity, r.UnitPrice),
        "badDebt",
      );
    if (byRole.sale.length) await work.run(() => sell(inv, byRole.sale, at).finally(tick));
    else if (byRole.cancel.length) await work.run(() => cancel(inv, byRole.cancel, at).finally(tick));
    else if (byRole.writeoff.length) await work.run(() => writeOff(inv, byRole.writeoff).finally(tick));
    else tick();
  }
  await work.drain();
  return { storeId, unplaced, stats, scan, extraDocs, extraCreditNotes };

  async function receive(m) {
    const needs = scan.needs.get(m);
    if (!needs) return;
    const lines = [...needs.entries()].map(([sku, qty]) => ({
      sku,
      qty,
      unitCost: Math.floor(((scan.items.get(sku)?.lastPrice ?? 0) * COST_SHARE_PERCENT) / 100),
    }));
    for (let i = 0; i < lines.length; i += MAX_RECEIPT_LINES) {
      const key = `replay-grn-${m}-${i / MAX_RECEIPT_LINES}`;
      if (journal.get(key)) continue;
      const out = await client.request("POST", `/v1/stores/${storeId}/stock/receipts`, {
        key,
        body: {
          document: { type: "purchase_receipt", id: `GRN-${m}-${i / MAX_RECEIPT_LINES + 1}` },
          lines: lines.slice(i, i + MAX_RECEIPT_LINES),
        },
      });
      journal.set(key, out.documentId ?? "done");
      stats.receipts++;
    }
  }

  async function sell(inv, rows, at) {
    const cid = customerIdOf(rows[0].CustomerID);
    const base = customerOf(cid, rows[0].Country);
    const { customer, shipToStateCode } = regime === "gst" ? gstBuyer(cid, rows[0].Country, base) : { customer: base };
    const parts = [];
    for (let i = 0; i < rows.length; i += MAX_SALE_LINES) parts.push(rows.slice(i, i + MAX_SALE_LINES));
    // Edgetill takes at most MAX_SALE_LINES lines per sale: a longer invoice becomes consecutive sales.
    if (parts.length > 1) extraDocs.set(monthOf(inv.date), (extraDocs.get(monthOf(inv.date)) ?? 0) + parts.length - 1);
    const hist = cid ? (history.get(cid) ?? history.set(cid, []).get(cid)) : null;
    const jobs = parts.map((part, p) => {
      const key = parts.length === 1 ? `replay-sale-${inv.no}` : `replay-sale-${inv.no}-p${p + 1}`;
      let total = 0;
      const lines = part.map((r) => {
        const amount = lineAmountPence(r.Quantity, r.UnitPrice);
        total += amount;
        const whole = wholePence(r.UnitPrice);
        const line = { sku: skuOf(r.StockCode), quantity: Number(r.Quantity), unitPrice: whole ?? ceilPence(r.UnitPrice) };
        // A sub-penny price (0.001, 2.485): the ceiling price less a line discount gives exactly the rounded amount.
        if (whole === null) line.discount = { kind: "amount", amount: line.quantity * line.unitPrice - amount };
        return line;
      });
      // GST rounds the invoice total to the rupee (step invoice_round_off): the card pays exactly that.
      const due = regime === "gst" ? rupeeRounded(total) : total;
      const body = {
        lines,
        customer,
        ...(shipToStateCode ? { shipToStateCode } : {}),
        tenders: due > 0 ? [{ type: "card", amount: due, reference: `INV ${inv.no}` }] : [{ type: "cash", amount: 1 }],
        occurredAt: at,
      };
      const sale = (async () => {
        const known = journal.get(key);
        if (known) return known;
        try {
          const out = await client.request("POST", `/v1/stores/${storeId}/sales`, { key, body });
          journal.set(key, out.id);
          stats.sales++;
          if (parts.length > 1) stats.saleParts++;
          return out.id;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          fail(inv, `sale refused: ${e.code}: ${e.problem?.detail ?? ""}`.slice(0, 300), total, "sale");
          return null;
        }
      })();
      if (hist)
        for (const [i, r] of part.entries())
          hist.push({
            time: inv.date,
            sale,
            lineId: String(i + 1),
            sku: skuOf(r.StockCode),
            price: Number(r.UnitPrice).toFixed(4),
            remaining: Number(r.Quantity),
          });
      return sale;
    });
    await Promise.all(jobs);
  }

  /**
   * A cancellation (C invoice): each line goes back against the customer's most recent earlier
   * invoices holding that StockCode at that price (one return per such sale: a credit note cites
   * one invoice); what no earlier sale holds — or all of an anonymous cancellation — goes back in ONE
   * return without a receipt (POST /v1/stores/{storeId}/returns) for the whole C invoice. So a
   * cancellation is one credit note unless it spans several earlier sales; the credit notes beyond
   * one are counted per month in `extraCreditNotes` for the reconciliation.
   */
  async function cancel(inv, rows, at) {
    const cid = customerIdOf(rows[0].CustomerID);
    const hist = cid ? (history.get(cid) ?? []) : [];
    const targets = new Map(); // sale promise → { sale, lines: Map lineId → qty }
    const unmatched = []; // { r, quantity } with no earlier sale to return against
    for (const r of rows) {
      let want = -Number(r.Quantity);
      const sku = skuOf(r.StockCode);
      const price = Number(r.UnitPrice).toFixed(4);
      for (let i = hist.length - 1; i >= 0 && want > 0; i--) {
        const h = hist[i];
        if (h.sku !== sku || h.price !== price || h.remaining <= 0 || h.time > inv.date) continue;
        const take = Math.min(want, h.remaining);
        h.remaining -= take;
        want -= take;
        if (!targets.has(h.sale)) targets.set(h.sale, { sale: h.sale, lines: new Map() });
        const t = targets.get(h.sale);
        t.lines.set(h.lineId, (t.lines.get(h.lineId) ?? 0) + take);
      }
      if (want > 0) unmatched.push({ r, quantity: want });
    }
    let k = 0;
    const placed = await Promise.all([
      ...[...targets.values()].map(async (t) => {
        const key = `replay-return-${inv.no}-${++k}`;
        const saleId = await t.sale;
        if (!saleId) {
          for (const [lineId, q] of t.lines) fail(inv, "its original sale was not placed", 0, "return", { lineId, quantity: q });
          return false;
        }
        if (journal.get(key)) return true;
        try {
          const out = await client.request("POST", `/v1/sales/${saleId}/returns`, {
            key,
            body: { lines: [...t.lines].map(([lineId, quantity]) => ({ lineId, quantity, disposition: "restock" })), occurredAt: at },
          });
          journal.set(key, out.id);
          stats.returns++;
          return true;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          fail(inv, `return refused: ${e.code}: ${e.problem?.detail ?? ""}`.slice(0, 300), 0, "return");
          return false;
        }
      }),
      ...(unmatched.length ? [unreceipted(inv, cid, unmatched, at)] : []),
    ]);
    const docs = placed.filter(Boolean).length;
    if (docs > 1) extraCreditNotes.set(monthOf(inv.date), (extraCreditNotes.get(monthOf(inv.date)) ?? 0) + docs - 1);
  }

  /**
   * The lines of cancellation `inv` that no earlier sale holds, as one return without a receipt:
   * priced exactly as sell() prices a sale line (whole pence, or the ceiling price less a line
   * discount, so the line amount is lineAmountPence), restocked, refunded to the card, the customer
   * as at checkout. @returns whether the credit note exists (placed now or by an earlier run).
   */
  async function unreceipted(inv, cid, unmatched, at) {
    const key = `replay-unreceipted-${inv.no}`;
    if (journal.get(key)) return true;
    const first = unmatched[0].r;
    const base = customerOf(cid, first.Country);
    const { customer, shipToStateCode } = regime === "gst" ? gstBuyer(cid, first.Country, base) : { customer: base };
    let total = 0;
    const lines = unmatched.map(({ r, quantity }) => {
      const amount = lineAmountPence(quantity, r.UnitPrice);
      total += amount;
      const whole = wholePence(r.UnitPrice);
      const line = { sku: skuOf(r.StockCode), quantity, unitPrice: whole ?? ceilPence(r.UnitPrice), disposition: "restock" };
      if (whole === null) line.discount = { kind: "amount", amount: quantity * line.unitPrice - amount };
      return line;
    });
    const reason = cid
      ? `Cancellation ${inv.no}: no earlier invoice of this customer holds this StockCode at this price`
      : `Cancellation ${inv.no}: anonymous cancellation (no CustomerID), no invoice to return against`;
    try {
      const out = await client.request("POST", `/v1/stores/${storeId}/returns`, {
        key,
        body: { lines, reason, customer, ...(shipToStateCode ? { shipToStateCode } : {}), refundTo: "card", occurredAt: at },
      });
      journal.set(key, out.id);
      stats.unreceipted++;
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      fail(inv, `return without receipt refused: ${e.code}: ${e.problem?.detail ?? ""}`.slice(0, 300), total, "return", {
        lines: lines.length,
      });
      return false;
    }
  }

  async function writeOff(inv, rows) {
    const lines = rows
      .filter((r) => scan.items.get(skuOf(r.StockCode))?.kind === "stock")
      .map((r) => ({ sku: skuOf(r.StockCode), qty: Number(r.Quantity) }));
    if (!lines.length) return;
    const key = `replay-adj-${inv.no}`;
    if (journal.get(key)) return;
    try {
      const out = await client.request("POST", `/v1/stores/${storeId}/stock/adjustments`, {
        key,
        body: { reason: "damage", note: `${inv.no}: ${rows.map((r) => r.Description?.trim() || "?").join("; ")}`.slice(0, 500), lines },
      });
      journal.set(key, out.documentId ?? "done");
      stats.writeOffs++;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      fail(inv, `write-off refused: ${e.code}: ${e.problem?.detail ?? ""}`.slice(0, 300), 0, "writeoff");
    }
  }
}
