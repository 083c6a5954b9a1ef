/**
 * The replay's CI slice (issue 6): the real retailer's first invoices (2010-12-01 before 10:05,
 * read by vitest.config.ts into the REPLAY_SLICE binding) replayed through the public API with
 * the same modules the CLI runs (scripts/replay/lib), then reconciled with the reports.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  createClient,
  expectedFigures,
  invoicesInOrder,
  lineAmountPence,
  reconcile,
  replay,
  utcOf,
  wholePence,
} from "../scripts/replay/lib/index.mjs";

const rows = JSON.parse((env as unknown as { REPLAY_SLICE?: string }).REPLAY_SLICE ?? "[]") as Record<string, string>[];

describe("replay money and time", () => {
  it("rounds quantity × unit price half-up to the penny on the decimal string", () => {
    expect(lineAmountPence(6, "2.55")).toBe(1530);
    expect(lineAmountPence(3, "0.335")).toBe(101); // 1.005 → 1.01
    expect(lineAmountPence(1, "0.001")).toBe(0);
    expect(lineAmountPence(5, "0.001")).toBe(1); // 0.005 → 0.01
    expect(lineAmountPence(-2, "1.25")).toBe(-250);
    expect(lineAmountPence(1, "-11062.06")).toBe(-1106206);
    expect(wholePence("2.5")).toBe(250);
    expect(wholePence("0.001")).toBe(null);
  });

  it("keeps an invoice whose lines stand in two runs of the file as one invoice (542806 in the data)", async () => {
    const row = (no: string, date: string, code: string) => ({ InvoiceNo: no, InvoiceDate: date, StockCode: code });
    const got = [];
    for await (const inv of invoicesInOrder(
      [
        row("542806", "2011-02-01 11:19:00", "A"),
        row("542807", "2011-02-01 11:19:00", "B"),
        row("542806", "2011-02-01 11:20:00", "C"),
        row("542808", "2011-02-01 11:18:00", "D"),
        row("542809", "2011-02-02 09:00:00", "E"),
      ],
      {},
    ))
      got.push([inv.no, inv.date, inv.rows.map((r) => r.StockCode).join("")]);
    expect(got).toEqual([
      ["542808", "2011-02-01 11:18:00", "D"],
      ["542806", "2011-02-01 11:19:00", "AC"],
      ["542807", "2011-02-01 11:19:00", "B"],
      ["542809", "2011-02-02 09:00:00", "E"],
    ]);
  });

  it("reads UK local InvoiceDates as GMT in winter and BST in summer", () => {
    expect(utcOf("2010-12-01 08:26:00")).toBe("2010-12-01T08:26:00.000Z");
    expect(utcOf("2011-06-01 10:00:00")).toBe("2011-06-01T09:00:00.000Z");
  });
});

describe.skipIf(rows.length === 0)("replay of a real retailer's first morning", () => {
  const fetchImpl = ((url: string, init?: RequestInit) => exports.default.fetch(new Request(url, init))) as typeof fetch;
  const owner = { email: "owner@replay-ci.example", password: "replay-owner-password-2026" };
  const run = (journal: Map<string, string>) =>
    replay({
      client: createClient({ api: "http://localhost", fetchImpl }),
      rows: () => rows,
      range: {},
      regime: "vat",
      slug: "replay-ci",
      owner,
      concurrency: 4,
      journal: { get: (k) => journal.get(k), set: (k, v) => void journal.set(k, v) },
    });

  it("places everything and matches the reports to the penny, and a rerun duplicates nothing", async () => {
    const first = await run(new Map());
    // Only negative-price bad-debt lines are not till documents, and the slice has none: cancellations
    // with no earlier sale to return against go back as returns without a receipt.
    expect(first.unplaced).toEqual([]);
    expect(first.stats.unreceipted).toBeGreaterThan(0);
    const client = createClient({ api: "http://localhost", fetchImpl, tenant: "replay-ci", ...owner });
    await client.login();
    const expected = await expectedFigures(rows);
    const r = await reconcile({
      client,
      expected,
      from: "2010-12-01",
      to: "2010-12-01",
      unplaced: first.unplaced,
      extraDocs: first.extraDocs,
      extraCreditNotes: first.extraCreditNotes,
    });
    expect(r.months).toHaveLength(1);
    expect(r.months[0]?.got.invoices).toBe(r.months[0]?.expected.invoices);
    expect(r.months[0]?.got.gross).toBe(r.months[0]?.expected.gross);
    expect(r.months[0]?.got.cancellations).toBe(r.months[0]?.expected.cancellations);
    expect(r.months[0]?.got.returns).toBe(r.months[0]?.expected.returns);
    expect(r.skus.every((s) => s.expected === s.got)).toBe(true);
    // Strict: every row equal, no unplaced line to explain a difference.
    expect(r.ok).toBe(true);
    expect(r.okAfterUnplaced).toBe(true);

    // A rerun that lost its journal (a crash) replays the same idempotency keys: nothing new.
    await run(new Map());
    const again = await reconcile({
      client,
      expected,
      from: "2010-12-01",
      to: "2010-12-01",
      unplaced: first.unplaced,
      extraDocs: first.extraDocs,
      extraCreditNotes: first.extraCreditNotes,
    });
    expect(again.months).toEqual(r.months);
    expect(again.countries).toEqual(r.countries);
  }, 600_000);
});
