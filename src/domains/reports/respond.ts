/**
 * What every report route shares: the JSON schema of a report, the responses block (JSON, CSV,
 * XLSX or an export link), and the answer in the asked format.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import { ctxOf } from "../../platform/http/middleware";
import { authErrors } from "../../platform/http/router";
import { type ExportFormat, exportReport } from "./exports";
import type { ReportResult } from "./sales";
import type { ReportTable } from "./table";

/** The JSON shape of a one-table report. */
export const ReportOut = z
  .looseObject({
    report: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(["text", "int", "money", "bp"]) })),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    totals: z.record(z.string(), z.union([z.number(), z.null()])),
  })
  .openapi("Report", { description: "Money in integer minor units; `totals` are the exact sums of the rows" });
const ExportLinkOut = z
  .object({
    id: z.string(),
    report: z.string(),
    format: z.enum(["csv", "xlsx"]),
    rows: z.number().int(),
    bytes: z.number().int(),
    downloadUrl: z.string(),
  })
  .openapi("ReportExport");

/** The responses of a report route. */
export const responses = (schema: z.ZodType, description: string) => ({
  200: {
    description: `${description}: JSON, or the CSV/XLSX file when format=csv|xlsx`,
    content: {
      "application/json": { schema },
      "text/csv": { schema: z.string() },
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string().openapi({ format: "binary" }) },
    },
  },
  201: { description: "The export was written to storage: its download link", content: { "application/json": { schema: ExportLinkOut } } },
  ...authErrors,
});

/** Answers a report as JSON, or as a file (inline or a link) for csv/xlsx. */
export async function answer(
  c: Context<AppEnv>,
  format: "json" | ExportFormat,
  delivery: "inline" | "link" | undefined,
  out: { json: unknown; report: string; fileName: string; tables: ReportTable[]; digits: number },
): Promise<Response> {
  if (format === "json") return c.json(out.json, 200);
  const r = await exportReport(ctxOf(c), { ...out, format, link: delivery === "link" });
  return "inline" in r ? r.inline : c.json(r.link, 201);
}

/** The export inputs of a one-table report. */
export const simple = (r: ReportResult) => ({
  json: r,
  report: r.report,
  fileName: `${r.name}-${r.from}-${r.to}`,
  tables: [{ name: r.name, columns: r.columns, rows: r.rows }],
  digits: r.digits,
});
