/**
 * CSV import of products (POST /v1/products/import). The upload is streamed to R2, answered 202
 * with an import id, and processed after the response (executionCtx.waitUntil): the file is
 * stream-parsed twice (csv-parse's WHATWG TransformStream): first to count rows and catch a broken
 * file before anything is written, then in chunks of CHUNK_ROWS rows. Each chunk's upserts, its
 * audit entry and the import's progress commit in one d1.batch, so progress never disagrees with
 * the data and a resumed import skips exactly the rows already counted.
 *
 * Idempotent: rows are upserted by SKU (and grouped into products by handle), so re-running a file
 * creates nothing new; a retried POST with the same Idempotency-Key answers the same import.
 *
 * Limits: waitUntil work is cut about 30 s after the response, so a very large file may stop
 * part-way with status "running" and a stale heartbeat; POST /v1/products/imports/{id}/resume
 * continues it from the last committed chunk. Moving this to a Queue consumer (one message per
 * import, re-enqueued per slice) would lift the limit; the verbs are written so that only the
 * caller changes.
 */
import { parse } from "csv-parse/stream";
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { newId, nowIso } from "../../platform/ids";
import { applyRows, type ImportedRow } from "./import-apply";
import { REQUIRED_COLUMNS, type RowError } from "./import-rows";
import type { ImportOut } from "./schemas";

/** Largest CSV accepted: 20 MiB (about 100,000 rows of a typical catalog). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Rows per d1.batch: keeps a batch well under D1's statement and size limits (a row is up to ~6 statements). */
export const CHUNK_ROWS = 50;
/** Errors kept on an import; the counts stay exact past it. */
export const MAX_IMPORT_ERRORS = 1000;

type Row = Record<string, unknown>;

function toImport(r: Row): ImportOut {
  return {
    id: r.id as string,
    status: r.status as ImportOut["status"],
    rowsTotal: r.rows_total as number,
    rowsDone: r.rows_done as number,
    rowsFailed: r.rows_failed as number,
    created: r.created as number,
    updated: r.updated as number,
    errors: JSON.parse(r.errors as string) as RowError[],
    createdAt: r.created_at as string,
    finishedAt: (r.finished_at as string | null) ?? null,
  };
}

/** An import of this tenant. @throws DomainError forbidden, not_found. */
export async function getImport({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<ImportOut> {
  assertCan(ctx.actor.role, "catalog.read");
  const r = await ctx.d1.prepare("SELECT * FROM catalog_imports WHERE id = ?").bind(id).first<Row>();
  if (!r) throw new DomainError("not_found", "Import not found");
  return toImport(r);
}

/**
 * Stores the uploaded CSV in R2 and records a queued import.
 * @param input.length the Content-Length (required: R2 needs a known length to take a stream).
 * @returns the import, and `replayed` when the Idempotency-Key named an earlier import.
 * @throws DomainError forbidden, unsupported_media_type (not text/csv), validation_failed (no length), payload_too_large.
 */
export async function startImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { body: ReadableStream | null; length: number | null; contentType: string; idempotencyKey?: string };
}): Promise<{ import: ImportOut; replayed: boolean }> {
  assertCan(ctx.actor.role, "catalog.manage");
  const key = input.idempotencyKey ? `${ctx.actor.id}:${input.idempotencyKey}` : null;
  if (key) {
    const prior = await ctx.d1.prepare("SELECT * FROM catalog_imports WHERE idempotency_key = ?").bind(key).first<Row>();
    if (prior) return { import: toImport(prior), replayed: true };
  }
  const type = input.contentType.split(";")[0]?.trim().toLowerCase();
  if (type !== "text/csv" && type !== "application/csv") throw new DomainError("unsupported_media_type", "Send the file as text/csv");
  if (!input.body || !input.length)
    throw new DomainError("validation_failed", "Send a non-empty file with a Content-Length", {
      fields: [{ path: "Content-Length", message: "required" }],
    });
  if (input.length > MAX_IMPORT_BYTES) throw new DomainError("payload_too_large", `A CSV file may be at most ${MAX_IMPORT_BYTES} bytes`);
  const id = newId("productImport");
  const r2Key = `tenants/${ctx.tenant.id}/imports/${id}.csv`;
  await ctx.env.FILES.put(r2Key, input.body, { httpMetadata: { contentType: "text/csv" } });
  await ctx.d1.batch([
    ctx.d1
      .prepare("INSERT INTO catalog_imports (id, idempotency_key, r2_key, status, created_by) VALUES (?, ?, ?, 'queued', ?)")
      .bind(id, key, r2Key, ctx.actor.id),
    await auditStatement(ctx, {
      action: "catalog.import.started",
      entityType: "product_import",
      entityId: id,
      summary: { bytes: input.length },
    }),
  ]);
  return { import: await getImport({ ctx, id }), replayed: false };
}

/** Records of the stored file with their 1-based line numbers, header names lower-cased. */
async function* records(ctx: ServiceContext, r2Key: string): AsyncGenerator<ImportedRow> {
  const obj = await ctx.env.FILES.get(r2Key);
  if (!obj) throw new DomainError("not_found", "The import's file is gone");
  const parser = parse({
    columns: (header: string[]) => {
      const cols = header.map((h) => h.trim().toLowerCase());
      const missing = REQUIRED_COLUMNS.filter((c) => !cols.includes(c));
      if (missing.length) throw new Error(`the header lacks column(s): ${missing.join(", ")}`);
      return cols;
    },
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  // csv-parse/stream builds its TransformStream from node:stream/web, whose classes do not pipe
  // into workerd's global streams; so we pump by hand: bytes in through its writer, records out.
  const writer = parser.writable.getWriter();
  const reader = parser.readable.getReader();
  const pump = (async () => {
    // Bytes, not text: csv-parse decodes UTF-8 itself, so a character split across chunks is safe.
    for await (const bytes of obj.body as unknown as AsyncIterable<Uint8Array>) await writer.write(bytes);
    await writer.close();
  })();
  pump.catch(() => {}); // its failure surfaces through reader.read() (the parser errors both sides) or below
  try {
    for (;;) {
      const { done, value } = (await reader.read()) as {
        done: boolean;
        value?: { record: Record<string, string>; info: { lines: number } };
      };
      if (done || !value) break;
      yield { line: value.info.lines, record: value.record };
    }
    await pump;
  } finally {
    reader.releaseLock();
  }
}

/** The line a csv-parse error points at (1 for a header problem). */
const errorLine = (err: unknown) => (err && typeof err === "object" && "lines" in err && typeof err.lines === "number" ? err.lines : 1);

/**
 * Processes (or resumes) import `id` to the end. Safe to call twice: rows already counted are
 * skipped, and every write is an upsert. Never throws for a bad file: the import is marked failed.
 */
export async function runImport(ctx: ServiceContext, id: string): Promise<ImportOut> {
  const row = await ctx.d1.prepare("SELECT * FROM catalog_imports WHERE id = ?").bind(id).first<Row>();
  if (!row) throw new DomainError("not_found", "Import not found");
  const imp = toImport(row);
  const r2Key = row.r2_key as string;
  if (imp.status === "done" || imp.status === "failed") return imp;
  await ctx.d1.prepare("UPDATE catalog_imports SET status = 'running', heartbeat_at = ? WHERE id = ?").bind(nowIso(), id).run();
  const fail = async (line: number, message: string) => {
    await ctx.d1
      .prepare("UPDATE catalog_imports SET status = 'failed', errors = ?, finished_at = ? WHERE id = ?")
      .bind(JSON.stringify([...imp.errors, { line, message }].slice(0, MAX_IMPORT_ERRORS)), nowIso(), id)
      .run();
    return getImport({ ctx, id });
  };
  if (imp.rowsDone + imp.rowsFailed === 0) {
    // Pass 1: count rows and find a broken file before writing anything.
    let total = 0;
    try {
      for await (const _ of records(ctx, r2Key)) total++;
    } catch (err) {
      return fail(errorLine(err), `not a readable CSV file: ${err instanceof Error ? err.message : String(err)}`);
    }
    await ctx.d1.prepare("UPDATE catalog_imports SET rows_total = ? WHERE id = ?").bind(total, id).run();
  }
  const errors = [...imp.errors];
  const skip = imp.rowsDone + imp.rowsFailed;
  let seen = 0;
  let chunk: ImportedRow[] = [];
  const flush = async () => {
    const batch = chunk;
    chunk = [];
    if (batch.length) await applyRows(ctx, id, batch, errors, MAX_IMPORT_ERRORS);
  };
  try {
    for await (const row of records(ctx, r2Key)) {
      if (seen++ < skip) continue;
      chunk.push(row);
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    await flush();
  } catch (err) {
    return fail(errorLine(err), err instanceof Error ? err.message : String(err));
  }
  await ctx.d1.batch([
    ctx.d1.prepare("UPDATE catalog_imports SET status = 'done', finished_at = ? WHERE id = ?").bind(nowIso(), id),
    await auditStatement(ctx, { action: "catalog.import.finished", entityType: "product_import", entityId: id }),
  ]);
  return getImport({ ctx, id });
}

/**
 * Resumes an import whose worker stopped (status queued or running). @throws forbidden, not_found,
 * conflict (already finished).
 */
export async function resumeImport({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<ImportOut> {
  assertCan(ctx.actor.role, "catalog.manage");
  const imp = await getImport({ ctx, id });
  if (imp.status === "done" || imp.status === "failed") throw new DomainError("conflict", `The import is ${imp.status}`);
  return imp;
}
