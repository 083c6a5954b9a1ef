/** Fixtures for the POS object tests (imported by *.test.ts only). */
import type { SaleDraft, SaleLine } from "./documents";

/** A one-line sale of ₹100 with GST-free figures (a service unless `item` says otherwise): enough for series and commit tests. */
export function draft(storeId: string, item: { sku?: string; kind?: SaleLine["kind"]; quantity?: number } = {}): SaleDraft {
  const line = {
    lineId: "1",
    description: "Alteration",
    hsn: "998821",
    quantity: { units: 1, scale: 0, unit: "NOS" },
    unitPrice: { units: 10000, scale: 2 },
    taxRateBp: 0,
    grossAmount: 10000,
    lineDiscount: 0,
    billDiscount: 0,
    netAmount: 10000,
    taxableValue: 10000,
    taxes: [],
    taxTotal: 0,
    lineTotal: 10000,
  };
  return {
    storeId,
    storeCode: "BLR1",
    timeZone: "Asia/Kolkata",
    currency: "INR",
    lines: [
      {
        lineId: "1",
        sku: item.sku ?? "ALTER",
        variantId: "var_x",
        name: "Alteration",
        kind: item.kind ?? "service",
        quantity: item.quantity ?? 1,
        stockUnit: "each",
        uqc: "NOS",
        unitPrice: 10000,
        priceSource: "catalog",
        taxInclusive: false,
      },
    ],
    figures: {
      regime: "gst",
      currency: "INR",
      lines: [line],
      taxBreakdown: [],
      hsnSummary: [],
      totals: {
        grossAmount: 10000,
        lineDiscount: 0,
        billDiscount: 0,
        taxableValue: 10000,
        taxTotal: 0,
        taxByKind: { CGST: 0, SGST: 0, UTGST: 0, IGST: 0, CESS: 0, CESS_SPECIFIC: 0, VAT: 0 },
        lineTotal: 10000,
      },
      roundOff: 0,
      grandTotal: 10000,
      roundingSteps: ["line_amount"],
    },
    supplier: { name: "Shop", address: "Bengaluru", gstin: "29AAGCB7383J1Z4", stateCode: "29" },
    recipient: null,
    customer: null,
    placeOfSupply: { stateCode: "29", stateName: "Karnataka" },
    supplyType: "b2c",
    tenders: [{ type: "cash", amount: 10000, reference: null }],
    changeDue: 0,
    amountInWords: "Rupees One Hundred Only",
  };
}
