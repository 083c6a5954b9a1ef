import { describe, expect, it } from "vitest";
import { type InvoiceParticulars, missingRule46Particulars } from "./rule46";
import { gstStrategy, vatStrategy } from "./strategy";
import { gstCtx, line } from "./test-fixtures";

const small = gstStrategy.computeInvoice([line("1", "100.00", 1800, { hsn: "6109" })], gstCtx("27"));
const base: InvoiceParticulars = {
  supplier: { name: "Shree Traders", address: "12 MG Road, Pune", gstin: "27AAPFU0939F1ZV" },
  number: "PUN1/2526/1",
  issuedOn: "2025-11-03",
  reverseCharge: false,
  aatoAbove5Crore: false,
  invoice: small,
};

describe("CGST Rules rule 46 particulars", () => {
  it("accepts a complete B2C invoice", () => {
    expect(missingRule46Particulars(base)).toEqual([]);
  });

  it("needs the supplier's name, address and a valid GSTIN from the supplying state", () => {
    const paths = missingRule46Particulars({ ...base, supplier: { name: " ", gstin: "29AAGCB7383J1Z4" } }).map((e) => e.path);
    expect(paths).toEqual(["supplier.name", "supplier.address", "supplier.gstin"]);
    expect(missingRule46Particulars({ ...base, supplier: { ...base.supplier, gstin: "27AAPFU0939F1ZW" } })[0]?.message).toMatch(
      /check_digit/,
    );
  });

  it("refuses a number over 16 characters and a missing date", () => {
    const paths = missingRule46Particulars({ ...base, number: "PUNE01/2025-26/0001", issuedOn: "" }).map((e) => e.path);
    expect(paths).toEqual(["number", "issuedOn"]);
  });

  it("needs a registered recipient's name, address and valid GSTIN, and 4-digit HSN", () => {
    const b2b = gstStrategy.computeInvoice([line("1", "100.00", 1800)], gstCtx("27"));
    const errs = missingRule46Particulars({ ...base, invoice: b2b, recipient: { gstin: "29AAGCB7383J1Z5" } }).map((e) => e.path);
    expect(errs).toEqual(["recipient.gstin", "recipient.name", "recipient.address", "lines[0].hsn"]);
  });

  it("needs an unregistered recipient's name, address and state from ₹50,000 of taxable value", () => {
    const big = gstStrategy.computeInvoice([line("1", "50000.00", 1800, { hsn: "8418" })], gstCtx("27"));
    expect(missingRule46Particulars({ ...base, invoice: big }).map((e) => e.path)).toEqual([
      "recipient.name",
      "recipient.address",
      "recipient.stateCode",
    ]);
    const under = gstStrategy.computeInvoice([line("1", "49999.99", 1800, { hsn: "8418" })], gstCtx("27"));
    expect(missingRule46Particulars({ ...base, invoice: under })).toEqual([]);
  });

  it("needs 6-digit HSN above ₹5 crore turnover (Notification 78/2020-CT)", () => {
    expect(missingRule46Particulars({ ...base, aatoAbove5Crore: true }).map((e) => e.path)).toEqual(["lines[0].hsn"]);
  });

  it("applies to GST invoices only", () => {
    const vat = vatStrategy.computeInvoice([line("1", "1.00", 2000)], { currency: "GBP", pricesIncludeTax: true });
    expect(missingRule46Particulars({ ...base, invoice: vat }).map((e) => e.path)).toContain("invoice");
  });
});
