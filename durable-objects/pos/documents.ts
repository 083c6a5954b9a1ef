/**
 * The documents of a sale as the store's Durable Object keeps them (the truth) and the API returns
 * them: the sale, its tax invoice, and credit notes of returns. The Worker prices and taxes a sale
 * (a {@link SaleDraft}); the object gives it ids, a date and a consecutive number inside the same
 * transaction as the stock movement. Money is integer minor units of `currency`; quantities are
 * integers in the SKU's stock unit; instants ISO 8601 UTC; dates YYYY-MM-DD in the tenant's zone.
 */
import type { ComputedInvoice } from "../../src/domains/tax";

/** Ways a customer pays. `udhaar` is on account (a receivable); `store_credit` redeems a voucher or credit note. */
export const TENDER_TYPES = ["cash", "card", "upi", "store_credit", "udhaar"] as const;
/** A tender type. */
export type TenderType = (typeof TENDER_TYPES)[number];
/**
 * The tender an exchange records on its new sale: the value of the return's credit note applied
 * against the new invoice. Only the store object writes it (never a client), so it is not in
 * {@link TENDER_TYPES}.
 */
export const EXCHANGE_CREDIT = "exchange_credit";
/** A tender type as recorded on a document: a client's, or the exchange credit. */
export type RecordedTenderType = TenderType | typeof EXCHANGE_CREDIT;

/** A party on an invoice (CGST Rules rule 46(a), (d), (e)). */
export interface Party {
  name: string | null;
  address: string | null;
  gstin: string | null;
  /** Two-digit GST state code, null outside GST. */
  stateCode: string | null;
  phone?: string | null;
}

/** One priced line of a sale, as sold. */
export interface SaleLine {
  /** "1", "2", … in the order the request listed them; the invoice line with the same id carries the tax. */
  lineId: string;
  sku: string;
  variantId: string;
  name: string;
  /** stock | service | non_stock: only stock lines move the ledger. */
  kind: "stock" | "service" | "non_stock";
  /** Integer, in `stockUnit`. */
  quantity: number;
  stockUnit: string;
  /** GST Unique Quantity Code of the unit (rule 46(i)). */
  uqc: string;
  /** Price of one stock unit in minor units, in the line's tax terms. */
  unitPrice: number;
  priceSource: "catalog" | "store" | "keyed";
  /** Whether unitPrice includes tax. */
  taxInclusive: boolean;
  /** Serial-tracked items: the serial numbers sold, one per unit (also shown on the invoice line). */
  serials?: string[];
}

/** A tender as recorded. `amount` is what was handed over (cash may exceed its share: change). */
export interface Tender {
  type: RecordedTenderType;
  amount: number;
  reference: string | null;
  /** UPI without a reference waits for the provider's confirmation; everything else is settled at the till. */
  status: "settled" | "awaiting_confirmation";
  /** UPI only: the intent URI for the QR code (NPCI UPI linking specification). */
  upiUri?: string;
  /** UPI only: the payee VPA used. */
  payeeVpa?: string;
  /** UPI only, once confirmed after the sale (durable-objects/pos/confirm.ts): who confirmed it, how and when. */
  confirmation?: TenderConfirmation;
}

/**
 * How an awaiting UPI tender became settled: by a payment provider's signed callback
 * (`paymentId` is the provider's payment id, e.g. Razorpay's "pay_…") or by a reference the
 * cashier keyed (`paymentId` is that reference, e.g. the UTR shown on the customer's phone).
 */
export interface TenderConfirmation {
  via: "razorpay" | "local" | "cashier";
  paymentId: string;
  /** Minor units the provider reported (the cashier path records the tender's amount). */
  amount: number;
  /** ISO 8601 UTC. */
  at: string;
  actor: string;
}

/** The tax figures of an invoice or credit note, as the tax engine computed them. */
export type TaxFigures = Pick<
  ComputedInvoice,
  "regime" | "currency" | "lines" | "taxBreakdown" | "hsnSummary" | "totals" | "roundOff" | "grandTotal" | "roundingSteps"
>;

/** A tax invoice or a credit note, with the rule 46 (rule 53 for credit notes) particulars. */
export interface InvoiceDocument extends TaxFigures {
  id: string;
  kind: "invoice" | "credit_note";
  /** At most 16 characters, consecutive in its series per store per financial year. */
  number: string;
  /** "2026-27". */
  financialYear: string;
  issuedAt: string;
  /** Date of issue in the tenant's time zone (rule 46(c)). */
  issuedOn: string;
  storeId: string;
  /** The sale the document belongs to; null for the credit note of a return without a receipt. */
  saleId: string | null;
  supplier: Party;
  recipient: Party | null;
  /** GST: the place of supply (rule 46(n)); null otherwise. */
  placeOfSupply: { stateCode: string; stateName: string | null } | null;
  /** Rule 46(p): tax payable on reverse charge. Always "N" at a till. */
  reverseCharge: "N";
  /** b2b when the recipient has a GSTIN, else b2c. */
  supplyType: "b2b" | "b2c" | "none";
  /** The grand total in words (Indian numbering for INR, English for others). */
  amountInWords: string;
  /** Credit notes: the invoice they cite (rule 53(1A)); null on a return without a receipt (see `unreceipted`). */
  original: { invoiceId: string; number: string; issuedOn: string } | null;
  /**
   * Credit notes of a return without a receipt (durable-objects/pos/unreceipted.ts): no invoice to
   * cite, so the note states why the goods came back and that it stands without an original invoice.
   */
  unreceipted?: { reason: string; note: typeof WITHOUT_ORIGINAL_INVOICE };
  status: "issued" | "cancelled";
  /** Set when the invoice was cancelled (it keeps its number; durable-objects/pos/cancel.ts). */
  cancellation?: { at: string; actor: string; reason: string };
}

/** What the Worker hands the object to commit a sale: priced and taxed, without ids, date or number. */
export interface SaleDraft {
  storeId: string;
  storeCode: string;
  timeZone: string;
  currency: string;
  lines: SaleLine[];
  figures: TaxFigures;
  supplier: Party;
  recipient: Party | null;
  customer: { name: string | null; phone: string | null; gstin: string | null } | null;
  placeOfSupply: InvoiceDocument["placeOfSupply"];
  supplyType: InvoiceDocument["supplyType"];
  tenders: Omit<Tender, "status" | "upiUri">[];
  changeDue: number;
  amountInWords: string;
}

/** The draft facts every issued document (invoice or credit note) copies as they are. */
export type DocumentParties = Pick<
  SaleDraft,
  "figures" | "storeId" | "supplier" | "recipient" | "placeOfSupply" | "supplyType" | "amountInWords"
>;

/**
 * An issued invoice or credit note from its draft's figures and parties and the number taken for
 * it (CGST Rules rule 46 / rule 53 particulars: number, date, supplier, recipient, place of supply).
 * `original` stays null here; a credit note against an invoice sets it.
 */
export function issuedDocument(
  d: DocumentParties,
  o: {
    id: string;
    kind: InvoiceDocument["kind"];
    saleId: string | null;
    at: string;
    number: { number: string; financialYear: { label: string }; issuedOn: string };
  },
): InvoiceDocument {
  return {
    ...d.figures,
    id: o.id,
    kind: o.kind,
    number: o.number.number,
    financialYear: o.number.financialYear.label,
    issuedAt: o.at,
    issuedOn: o.number.issuedOn,
    storeId: d.storeId,
    saleId: o.saleId,
    supplier: d.supplier,
    recipient: d.recipient,
    placeOfSupply: d.placeOfSupply,
    reverseCharge: "N",
    supplyType: d.supplyType,
    amountInWords: d.amountInWords,
    original: null,
    status: "issued",
  };
}

/** A committed sale. */
export interface SaleDocument {
  id: string;
  storeId: string;
  /** cancelled: its invoice was cancelled and the stock came back (durable-objects/pos/cancel.ts). */
  status: "completed" | "cancelled";
  createdAt: string;
  actor: string;
  customer: SaleDraft["customer"];
  lines: SaleLine[];
  tenders: Tender[];
  grandTotal: number;
  /** Sum of tenders minus the grand total, paid back in cash. */
  changeDue: number;
  currency: string;
  invoice: InvoiceDocument;
  /** Lines of the ledger sale (stock items only). */
  stockEntries: number;
  /** Set when an offline sale took stock below zero (flagged for review). */
  flaggedShortfall: boolean;
  /** The new sale of an exchange: the sale and return it came from (durable-objects/pos/exchange.ts). */
  exchange?: { originalSaleId: string; returnId: string; creditNoteNumber: string };
  /** Cancelled sales: what went back by which tender (minor units). */
  cancelRefunds?: { type: RecordedTenderType; amount: number }[];
}

/** What a credit note without an original invoice says in place of the invoice it would cite. */
export const WITHOUT_ORIGINAL_INVOICE = "Without original invoice (return without receipt)";

/** A committed return: what came back, how it was refunded, and its credit note. */
export interface ReturnDocument {
  id: string;
  /** The sale the goods came back from; null for a return without a receipt. */
  saleId: string | null;
  storeId: string;
  createdAt: string;
  actor: string;
  /** `serials`: the serial numbers that came back (serial-tracked items). */
  lines: { lineId: string; sku: string; quantity: number; disposition: "restock" | "write_off"; serials?: string[] }[];
  /** `exchange_credit`: value applied to an exchange's new sale, not paid out. `reference`: a card or UPI refund's (returns without a receipt). */
  refunds: { type: RecordedTenderType; amount: number; reference?: string }[];
  creditNote: InvoiceDocument;
  /** Set when the return is the first half of an exchange: the new sale. */
  exchangeSaleId?: string;
  /** Returns without a receipt: why the goods came back (1–500 characters). */
  reason?: string;
  /** Returns without a receipt: the customer as the request named them (null: walk-in). */
  customer?: SaleDraft["customer"];
}
