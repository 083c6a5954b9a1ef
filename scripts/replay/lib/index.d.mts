// biome-ignore-all lint/suspicious/noExplicitAny: API answers are loose JSON; the test reads a few fields
/** Types of the replay's modules (plain ESM for Node) as the Workers-side CI test uses them. */
type Row = Record<string, string>;
type Journal = { get(k: string): string | undefined; set(k: string, v: string): void };
export interface Client {
  request(method: string, path: string, opts?: { body?: unknown; key?: string; auth?: boolean }): Promise<Record<string, any>>;
  login(): Promise<void>;
  setTenant(t: string): void;
  setCredentials(email: string, password: string): void;
}
export declare class ApiError extends Error {
  status: number;
  code: string | null;
  problem: any;
}
export declare function createClient(o: {
  api: string;
  tenant?: string;
  fetchImpl?: typeof fetch;
  email?: string;
  password?: string;
}): Client;
export declare const WALK_IN: string;
export interface Expected {
  perMonth: { month: string; invoices: number; cancellations: number; gross: number; returns: number; net: number }[];
  topSkus: { sku: string; units: number }[];
  byCountry: Map<string, number>;
}
export declare function expectedFigures(
  rows: Iterable<Row> | AsyncIterable<Row>,
  range?: { from?: string; to?: string },
): Promise<Expected>;
export declare function lineAmountPence(quantity: number | string, price: string): number;
export declare function wholePence(price: string): number | null;
export declare function ceilPence(price: string): number;
export declare function parseDecimal(s: string): { units: bigint; scale: number };
export declare function formatPence(p: number): string;
export interface Unplaced {
  invoice: string;
  month: string;
  country: string;
  kind: string;
  reason: string;
  amount: number;
}
export interface Reconciliation {
  months: {
    month: string;
    expected: any;
    got: any;
    unplaced: { gross: number; returns: number; extraDocs: number; extraCreditNotes: number };
  }[];
  skus: { sku: string; expected: number; got: number }[];
  countries: { country: string; expected: number; got: number; unplaced: number }[];
  ok: boolean;
  okAfterUnplaced: boolean;
}
export declare function reconcile(o: {
  client: Client;
  expected: Expected;
  from: string;
  to: string;
  unplaced?: Unplaced[];
  extraDocs?: Map<string, number>;
  extraCreditNotes?: Map<string, number>;
}): Promise<Reconciliation>;
export declare function formatReconciliation(r: Reconciliation, opts?: { currency?: "GBP" | "INR" }): string;
export declare const COUNTRIES: string[];
export declare function customerOf(cid: string | null, country: string): { name?: string; phone?: string; address: string };
/** The data's invoices, one per InvoiceNo and day, in time order (rows grouped wherever they stand in the day). */
export declare function invoicesInOrder(
  rows: AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>,
  range: { from?: string; to?: string },
): AsyncGenerator<{ no: string; date: string; rows: Record<string, string>[] }>;
export declare function replay(o: {
  client: Client;
  rows: () => Iterable<Row> | AsyncIterable<Row>;
  range: { from?: string; to?: string };
  regime: "vat" | "none" | "gst";
  slug: string;
  owner: { email: string; password: string };
  concurrency?: number;
  journal: Journal;
  onProgress?: (p: { done: number; total: number; phase: string }) => void;
}): Promise<{
  storeId: string;
  unplaced: Unplaced[];
  stats: Record<string, number>;
  extraDocs: Map<string, number>;
  extraCreditNotes: Map<string, number>;
  scan: any;
}>;
export declare function lineRole(r: Row): "sale" | "cancel" | "writeoff" | "badDebt" | "other";
export declare function skuOf(code: string): string;
export declare function utcOf(local: string): string;
export declare const GST_REPLAY_GSTIN: string;
export declare const GST_STORE_STATE: string;
export declare const COUNTRY_STATE_CODES: Record<string, string>;
export declare function stateOfCountry(country: string): string;
export declare function gstItemOf(stockCode: string, name: string): { category: string; code: string | null; rate: number };
export declare function assertCodesInMaster(master: { hsn: Set<string>; sac: Set<string>; states: Set<string> }): void;
export declare function rupeeRounded(paise: number): number;
type Tax = { taxable: number; igst: number; cgst: number; sgst: number; cess: number };
export interface GstCheckResult {
  ok: boolean;
  documents: number;
  split: { checked: number; failed: number; examples: string[] };
  citations: { cited: number; unreceipted: number; failed: number; examples: string[] };
  months: {
    month: string;
    ok: boolean;
    invoices: Tax & { count: number; value: number };
    creditNotes: Tax & { count: number; value: number };
    b2csRows: number;
    hsnRows: number;
    diffs: string[];
  }[];
}
export declare function gstChecks(o: { client: Client; from: string; to: string }): Promise<GstCheckResult>;
export declare function formatGstChecks(g: GstCheckResult): string;
export declare function splitProblems(doc: any, expectedPos: string | null, o?: { completesSale?: boolean }): string[];
export declare function completingNotes(
  index: Map<string, { grandTotal: number; units: Map<string, number> }>,
  notesOf: Map<
    string,
    { id: string; issuedAt: string; number: string; grandTotal: number; lines: { lineId: string; quantity: { units: number } }[] }[]
  >,
): Map<string, { credited: number; charged: number }>;
