/**
 * Shape checks on the engine's input, shared by every strategy. Failures are the caller's (or the
 * catalog's) mistake, so they are DomainError "unprocessable" naming the field, never a 500.
 */
import { DomainError } from "../../platform/errors";
import { MAX_DOCUMENT_LINES } from "../../platform/limits";
import { assertDecimal } from "./decimal";
import type { InvoiceContext, InvoiceLineInput } from "./types";

/** HSN/SAC code shape on an invoice: 4, 6 or 8 digits (CGST Rules rule 46(g); Notification 78/2020-Central Tax). */
export const HSN_PATTERN = /^(\d{4}|\d{6}|\d{8})$/;

/**
 * Most items in one e-invoice (NIC e-invoice schema 1.1: ItemList holds up to 1,000 items). Only
 * B2B GST invoices become e-invoices (src/domains/invoices/einvoice/build.ts refuses longer ones);
 * other invoices take up to MAX_DOCUMENT_LINES (src/platform/limits.ts).
 */
export const MAX_INVOICE_LINES = 1000;

function refuse(path: string, message: string): never {
  throw new DomainError("unprocessable", `${path}: ${message}`, { fields: [{ path, message }] });
}

/**
 * The number of minor-unit digits of an ISO 4217 currency (2 for INR and GBP), from the runtime's
 * ICU data. @throws DomainError unprocessable for a code that is not three capital letters or unknown.
 */
export function minorUnitDigits(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) refuse("currency", "must be an ISO 4217 code");
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    refuse("currency", "unknown currency");
  }
}

/** Checks what every strategy needs from the lines. @throws DomainError unprocessable naming `lines[i].field`. */
export function validateLines(lines: readonly InvoiceLineInput[]): void {
  if (lines.length === 0) refuse("lines", "an invoice needs at least one line");
  if (lines.length > MAX_DOCUMENT_LINES) refuse("lines", `at most ${MAX_DOCUMENT_LINES} lines`);
  const ids = new Set<string>();
  lines.forEach((l, i) => {
    const p = `lines[${i}]`;
    if (ids.has(l.lineId)) refuse(`${p}.lineId`, "duplicate line id");
    ids.add(l.lineId);
    assertDecimal(l.quantity, `${p}.quantity`);
    if (l.quantity.units === 0) refuse(`${p}.quantity`, "must be more than zero");
    if (!l.quantity.unit) refuse(`${p}.quantity.unit`, "a quantity needs a unit");
    assertDecimal(l.unitPrice, `${p}.unitPrice`);
    if (l.hsn !== undefined && !HSN_PATTERN.test(l.hsn)) refuse(`${p}.hsn`, "HSN/SAC must be 4, 6 or 8 digits");
    if (!Number.isInteger(l.taxRateBp) || l.taxRateBp < 0) refuse(`${p}.taxRateBp`, "must be a non-negative integer (bp)");
    if (l.cessPerUnit) assertDecimal(l.cessPerUnit, `${p}.cessPerUnit`);
  });
}

/** Checks the context fields every strategy reads. */
export function validateContext(ctx: InvoiceContext): void {
  if (typeof ctx.pricesIncludeTax !== "boolean") refuse("pricesIncludeTax", "must be true or false");
  if (ctx.roundOff !== undefined && ctx.roundOff !== "none" && ctx.roundOff !== "nearest_major_unit")
    refuse("roundOff", "unknown round-off mode");
}

/** Helper for strategies: refuse a field with a message. */
export { refuse as refuseField };
