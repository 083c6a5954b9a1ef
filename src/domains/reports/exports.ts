/**
 * Report files: CSV (csv.ts) or XLSX (xlsx.ts) of a report's tables. Small results answer inline
 * as an attachment; large ones (more than {@link EXPORT_INLINE_MAX_ROWS} rows) or on request are
 * written to R2 under tenants/<tenantId>/exports/<id>.<format>, recorded in report_exports with an
 * audit entry, and answered with a download link served by {@link downloadExport}.
 */
import { auditStatement } from "../../platform/audit";
import { assertCan } from "../../platform/auth/roles";
import type { ServiceContext } from "../../platform/context";
import { DomainError } from "../../platform/errors";
import { newId, nowIso } from "../../platform/ids";
import { toCsv } from "./csv";
import type { ReportTable } from "./table";
import { toXlsx } from "./xlsx";

/** Most rows answered inline; larger exports go to R2 behind a download link (keeps responses small). */
export const EXPORT_INLINE_MAX_ROWS = 5_000;

/** Content types by format (RFC 7111 text/csv; ECMA-376 SpreadsheetML). */
export const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** An export format. */
export type ExportFormat = keyof typeof CONTENT_TYPES;

/** The R2 key of an export. */
export function exportKey(tenantId: string, id: string, format: ExportFormat): string {
  return `tenants/${tenantId}/exports/${id}.${format}`;
}

/** A written export, as the API answers it. */
export interface ExportLink {
  id: string;
  report: string;
  format: ExportFormat;
  rows: number;
  bytes: number;
  downloadUrl: string;
}

/** The file bytes of tables in a format. */
export function renderExport(tables: readonly ReportTable[], format: ExportFormat, digits: number): Uint8Array {
  return format === "csv" ? new TextEncoder().encode(toCsv(tables, digits)) : toXlsx(tables, digits);
}

/**
 * Renders a report's tables; inline (a Response with the file) when small and not asked as a link,
 * else stored in R2 and answered as an {@link ExportLink}.
 */
export async function exportReport(
  ctx: ServiceContext,
  p: { report: string; fileName: string; tables: readonly ReportTable[]; format: ExportFormat; digits: number; link: boolean },
): Promise<{ inline: Response } | { link: ExportLink }> {
  const rows = p.tables.reduce((a, t) => a + t.rows.length, 0);
  const bytes = renderExport(p.tables, p.format, p.digits);
  if (!p.link && rows <= EXPORT_INLINE_MAX_ROWS) {
    return {
      inline: new Response(bytes, {
        headers: { "content-type": CONTENT_TYPES[p.format], "content-disposition": `attachment; filename="${p.fileName}.${p.format}"` },
      }),
    };
  }
  const id = newId("reportExport");
  const key = exportKey(ctx.tenant.id, id, p.format);
  await ctx.env.FILES.put(key, bytes, {
    httpMetadata: { contentType: CONTENT_TYPES[p.format], contentDisposition: `attachment; filename="${p.fileName}.${p.format}"` },
  });
  const audit = await auditStatement(ctx, {
    action: "report.exported",
    entityType: "report_export",
    entityId: id,
    summary: { report: p.report, format: p.format, rows, bytes: bytes.byteLength },
  });
  await ctx.d1.batch([
    ctx.d1
      .prepare(
        "INSERT INTO report_exports (id, report, format, r2_key, rows, bytes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(id, p.report, p.format, key, rows, bytes.byteLength, ctx.actor.id, nowIso()),
    audit,
  ]);
  return { link: { id, report: p.report, format: p.format, rows, bytes: bytes.byteLength, downloadUrl: `/v1/reports/exports/${id}` } };
}

/**
 * The file of an export. Its creator may download it, and so may anyone with reports.read over
 * every store (an export of a store-limited user never holds more than they can see; the reverse
 * does not hold). @throws DomainError forbidden, not_found.
 */
export async function downloadExport({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<Response> {
  assertCan(ctx.actor.role, "reports.read");
  const row = await ctx.d1
    .prepare("SELECT r2_key, format, created_by FROM report_exports WHERE id = ?")
    .bind(input.id)
    .first<{ r2_key: string; format: ExportFormat; created_by: string }>();
  if (!row || (row.created_by !== ctx.actor.id && ctx.actor.storeIds !== null)) throw new DomainError("not_found", "Export not found");
  const obj = await ctx.env.FILES.get(row.r2_key);
  if (!obj) throw new DomainError("not_found", "Export file not found");
  const headers = new Headers({ "content-type": CONTENT_TYPES[row.format] });
  if (obj.httpMetadata?.contentDisposition) headers.set("content-disposition", obj.httpMetadata.contentDisposition);
  return new Response(obj.body, { headers });
}
