/**
 * Verbs of product images: upload (raw image body) to R2 under tenants/<tenantId>/media/<productId>/<id>,
 * and read back through the Worker. An upload is idempotent by content: the same bytes for the same
 * product answer the existing image, so a retried upload stores nothing twice (the generic
 * Idempotency-Key middleware reads bodies as text, which would corrupt binary images).
 */

import type { z } from "@hono/zod-openapi";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { toHex } from "../../platform/crypto";
import { DomainError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { MediaOut } from "./schemas";

/** Largest image accepted: 5 MiB, a generous ceiling for a product photo. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

/** Image types accepted, with the leading bytes ("magic numbers") each format's specification fixes. */
export const IMAGE_SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  "image/png": (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47, // PNG spec §5.2
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, // JPEG SOI marker
  "image/gif": (b) => String.fromCharCode(...b.slice(0, 4)) === "GIF8",
  "image/webp": (b) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  "image/avif": (b) => String.fromCharCode(...b.slice(4, 8)) === "ftyp",
};

type Media = z.infer<typeof MediaOut>;

/** The R2 key of an image. */
export const mediaKey = (tenantId: string, productId: string, mediaId: string) => `tenants/${tenantId}/media/${productId}/${mediaId}`;

/**
 * Stores an image of product `productId`.
 * @param input.contentType the request's Content-Type (image/png, jpeg, gif, webp or avif).
 * @throws DomainError forbidden, not_found (product), unsupported_media_type (type, or bytes not of that type), payload_too_large, validation_failed (empty).
 */
export async function uploadMedia({
  ctx,
  productId,
  input,
}: {
  ctx: ServiceContext;
  productId: string;
  input: { contentType: string; body: ArrayBuffer };
}): Promise<{ media: Media; created: boolean }> {
  assertCan(ctx.actor.role, "catalog.manage");
  const product = await ctx.d1.prepare("SELECT id FROM catalog_products WHERE id = ?").bind(productId).first();
  if (!product) throw new DomainError("not_found", "Product not found");
  const type = input.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const sniff = IMAGE_SIGNATURES[type];
  if (!sniff) throw new DomainError("unsupported_media_type", `Send the image as ${Object.keys(IMAGE_SIGNATURES).join(", ")}`);
  if (input.body.byteLength === 0)
    throw new DomainError("validation_failed", "The image is empty", { fields: [{ path: "(body)", message: "empty" }] });
  if (input.body.byteLength > MAX_MEDIA_BYTES)
    throw new DomainError("payload_too_large", `An image may be at most ${MAX_MEDIA_BYTES} bytes`);
  const bytes = new Uint8Array(input.body);
  if (!sniff(bytes)) throw new DomainError("unsupported_media_type", `The bytes are not a ${type} image`);

  const sha256 = toHex(await crypto.subtle.digest("SHA-256", bytes));
  const url = (id: string) => `/v1/products/${productId}/media/${id}`;
  const existing = await ctx.d1
    .prepare("SELECT id, content_type, size FROM catalog_media WHERE product_id = ? AND sha256 = ?")
    .bind(productId, sha256)
    .first<{ id: string; content_type: string; size: number }>();
  if (existing)
    return { media: { id: existing.id, contentType: existing.content_type, size: existing.size, url: url(existing.id) }, created: false };

  const id = newId("media");
  const key = mediaKey(ctx.tenant.id, productId, id);
  // R2 first: a failed D1 batch then leaves an unreferenced object (harmless), never a row without its object.
  await ctx.env.FILES.put(key, bytes, { httpMetadata: { contentType: type }, sha256 });
  await ctx.d1.batch([
    ctx.d1
      .prepare("INSERT INTO catalog_media (id, product_id, r2_key, content_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(id, productId, key, type, bytes.byteLength, sha256),
    await auditStatement(ctx, {
      action: "catalog.media.uploaded",
      entityType: "product",
      entityId: productId,
      after: { id, sha256, size: bytes.byteLength },
      summary: { mediaId: id, contentType: type },
    }),
  ]);
  return { media: { id, contentType: type, size: bytes.byteLength, url: url(id) }, created: true };
}

/** The stored image and its type. @throws DomainError forbidden, not_found. */
export async function getMedia({
  ctx,
  productId,
  mediaId,
}: {
  ctx: ServiceContext;
  productId: string;
  mediaId: string;
}): Promise<{ body: ReadableStream; contentType: string; size: number; etag: string }> {
  assertCan(ctx.actor.role, "catalog.read");
  const row = await ctx.d1
    .prepare("SELECT r2_key, content_type, sha256 FROM catalog_media WHERE id = ? AND product_id = ?")
    .bind(mediaId, productId)
    .first<{ r2_key: string; content_type: string; sha256: string }>();
  if (!row) throw new DomainError("not_found", "Image not found");
  const obj = await ctx.env.FILES.get(row.r2_key);
  if (!obj) throw new DomainError("not_found", "Image not found");
  return { body: obj.body, contentType: row.content_type, size: obj.size, etag: `"${row.sha256}"` };
}
