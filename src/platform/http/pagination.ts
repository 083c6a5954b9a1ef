/**
 * Keyset (cursor) pagination: lists are ordered by id, and the cursor is the last id of the page,
 * base64url-encoded so clients treat it as opaque. Ids are UUIDv7 so id order is creation order.
 */
import { base64url, fromBase64url } from "../crypto";
import { DomainError } from "../errors";

/** Encodes the last id of a page as a cursor. */
export function encodeCursor(lastId: string): string {
  return base64url(new TextEncoder().encode(lastId));
}

/** Decodes a cursor back to an id. @throws DomainError validation_failed for a malformed cursor. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    return new TextDecoder().decode(fromBase64url(cursor));
  } catch {
    throw new DomainError("validation_failed", "cursor is not one this API issued", { fields: [{ path: "cursor", message: "invalid" }] });
  }
}

/**
 * Cuts `rows` (fetched with limit + 1) to a page.
 * @returns the items and the cursor of the next page, or null when this was the last.
 */
export function toPage<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
