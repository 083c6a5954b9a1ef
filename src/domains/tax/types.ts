/**
 * The shapes of the tax engine: what the POS hands in (lines from the catalog, a context from the
 * tenant and store) and what it gets back (a computed invoice). All money is an integer in minor
 * units of `currency`; prices and quantities are exact decimals (decimal.ts); rates are integers in
 * basis points (1 bp = 0.01 %, so 18 % = 1800).
 */
import type { Decimal, Quantity } from "./decimal";
import type { RoundingStep } from "./rounding";

/** The tax regime of a tenant: India GST, a VAT/sales-tax strategy, or no tax. */
export type TaxRegime = "gst" | "vat" | "none";

/** A discount: a fixed amount (minor units, in the same tax terms as the prices) or a rate in bp of the amount. */
export type Discount = { kind: "amount"; amount: number } | { kind: "percent"; rateBp: number };

/** One line of a sale, priced from the catalog. */
export interface InvoiceLineInput {
  /** Caller's id for the line (unique within the invoice). */
  lineId: string;
  description: string;
  /** HSN (goods) or SAC (services) code, 4, 6 or 8 digits (CGST Rules rule 46(g)); optional for B2C where Notification 78/2020-CT allows. */
  hsn?: string;
  /** Quantity sold, > 0, with its unit (GST UQC code such as "NOS", "KGS"). */
  quantity: Quantity;
  /** Price per unit of quantity in MAJOR units (rupees, pounds), any scale; inclusive or exclusive of tax as the context says. */
  unitPrice: Decimal;
  /** Line discount, applied before tax (CGST Act s.15(3)(a)). */
  discount?: Discount;
  /** GST: the combined rate (CGST+SGST or IGST), one of GST_RATE_SLABS_BP. VAT: the VAT rate. Ignored by "none". */
  taxRateBp: number;
  /** GST compensation cess, ad valorem, in bp of the taxable value. */
  cessRateBp?: number;
  /** GST compensation cess, specific: MAJOR units per unit of quantity (e.g. per 1,000 sticks). */
  cessPerUnit?: Decimal;
}

/** How goods reach the buyer, which decides the place of supply (IGST Act 2017 s.10(1)). */
export type SupplyMode = { kind: "counter" } | { kind: "delivery"; shipToStateCode: string };

/** What the GST strategy needs beyond the lines. */
export interface GstContext {
  /** State code of the supplier's GSTIN (the store's registration), e.g. "27". */
  supplierStateCode: string;
  /** State code where the store (and the goods sold over its counter) are; normally the same as supplierStateCode. */
  storeStateCode: string;
  supply: SupplyMode;
  /** A supply to an SEZ unit or developer is inter-state whatever the states (IGST Act s.7(5)(b)). */
  recipientIsSez?: boolean;
}

/** Invoice-wide settings. */
export interface InvoiceContext {
  /** ISO 4217 code; GST requires "INR". */
  currency: string;
  /** Whether unit prices (and amount discounts) include tax (MRP style) or exclude it. */
  pricesIncludeTax: boolean;
  /** Bill-level discount, allocated across lines in proportion to their amounts (step bill_discount_allocation). */
  billDiscount?: Discount;
  /** Invoice round-off: to the nearest whole major unit, or none. Default: GST "nearest_major_unit", others "none". */
  roundOff?: "nearest_major_unit" | "none";
  /** Required by the GST strategy. */
  gst?: GstContext;
}

/** A tax a line can carry. CESS is ad valorem compensation cess; CESS_SPECIFIC is the per-unit cess. */
export type TaxKind = "CGST" | "SGST" | "UTGST" | "IGST" | "CESS" | "CESS_SPECIFIC" | "VAT";

/** Every tax kind, in printing order. */
export const TAX_KINDS: readonly TaxKind[] = ["CGST", "SGST", "UTGST", "IGST", "CESS", "CESS_SPECIFIC", "VAT"];

/** One tax on a line: its rate as an exact percent (9 for 9 %, 0.125 for 0.125 %; null for specific cess) and amount (minor units). */
export interface TaxAmount {
  kind: TaxKind;
  ratePercent: Decimal | null;
  amount: number;
}

/** A computed line. Amounts in minor units. */
export interface ComputedLine {
  lineId: string;
  description: string;
  hsn: string | null;
  quantity: Quantity;
  unitPrice: Decimal;
  /** GST combined rate or VAT rate in bp (0 under "none"). */
  taxRateBp: number;
  /** quantity × unitPrice (step line_amount), in the prices' tax terms. */
  grossAmount: number;
  lineDiscount: number;
  /** This line's share of the bill discount. */
  billDiscount: number;
  /** grossAmount − lineDiscount − billDiscount. */
  netAmount: number;
  /** Value of supply (CGST Act s.15), after discounts, before tax. */
  taxableValue: number;
  taxes: TaxAmount[];
  taxTotal: number;
  /** taxableValue + taxTotal; equals netAmount when prices include tax. */
  lineTotal: number;
}

/** Tax totals per kind and rate, for the invoice's tax table. */
export interface TaxBreakdownRow {
  kind: TaxKind;
  ratePercent: Decimal | null;
  taxableValue: number;
  amount: number;
}

/** HSN-wise summary row (GSTR-1 table 12 shape): one per HSN code, unit and combined rate. */
export interface HsnSummaryRow {
  hsn: string | null;
  unit: string;
  taxRateBp: number;
  quantity: Decimal;
  taxableValue: number;
  igst: number;
  cgst: number;
  sgst: number;
  utgst: number;
  /** Ad valorem plus specific cess. */
  cess: number;
  totalValue: number;
}

/** Invoice totals before round-off. Every figure is the exact sum of the lines' figures. */
export interface InvoiceTotals {
  grossAmount: number;
  lineDiscount: number;
  billDiscount: number;
  taxableValue: number;
  taxTotal: number;
  taxByKind: Record<TaxKind, number>;
  /** Sum of line totals. */
  lineTotal: number;
}

/** Whether CGST+SGST/UTGST or IGST applies, and why. */
export interface GstSupply {
  supplierStateCode: string;
  /** Place of supply state code (IGST Act s.10). */
  placeOfSupply: string;
  /** intra: CGST + SGST/UTGST (IGST Act s.8); inter: IGST (IGST Act s.7). */
  nature: "intra" | "inter";
  /** The levy paired with CGST when intra-state. */
  stateLevy: "SGST" | "UTGST";
}

/** A computed invoice: grandTotal == totals.lineTotal + roundOff. */
export interface ComputedInvoice {
  regime: TaxRegime;
  currency: string;
  pricesIncludeTax: boolean;
  /** GST only. */
  supply: GstSupply | null;
  lines: ComputedLine[];
  taxBreakdown: TaxBreakdownRow[];
  /** GST only (empty otherwise). */
  hsnSummary: HsnSummaryRow[];
  totals: InvoiceTotals;
  /** Signed round-off line (step invoice_round_off), 0 when the context asks for none. */
  roundOff: number;
  grandTotal: number;
  /** The rounding steps this computation applied, by name (rounding.ts ROUNDING_STEPS). */
  roundingSteps: RoundingStep[];
}
