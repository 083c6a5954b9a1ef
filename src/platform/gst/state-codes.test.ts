/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { GST_STATES } from "./state-codes";
import { gstState, isGstStateCode, stateLevyFor, UTGST_STATE_CODES } from "./states";

// The dataset lives outside the repo (/work/shared, never copied in). Vite inlines it at transform
// time when present; where it is absent (another checkout) the comparison is skipped, and
// `node scripts/gen-gst-states.mjs --check` is the check to run there.
const csvFiles = import.meta.glob("../../../../shared/datasets/gst/gst_state_codes.csv", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;
const csv = Object.values(csvFiles)[0];

describe("GST state codes", () => {
  it.skipIf(csv === undefined)("matches the GSTN state code list in the dataset, row for row", () => {
    const rows = (csv as string)
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(","));
    expect(GST_STATES.map((s) => [s.code, s.name, s.status])).toEqual(rows.map((r) => [r[0], r[1], r[3]]));
    const cat = { State: "state", "Union Territory": "union_territory", Special: "special" } as Record<string, string>;
    expect(GST_STATES.map((s) => s.category)).toEqual(rows.map((r) => cat[r[2] as string]));
  });

  it("covers 01..38, 96, 97 and 99 with no duplicate", () => {
    const codes = GST_STATES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (let i = 1; i <= 38; i++) expect(isGstStateCode(String(i).padStart(2, "0"))).toBe(true);
    for (const c of ["96", "97", "99"]) expect(isGstStateCode(c)).toBe(true);
    expect(isGstStateCode("39")).toBe(false);
    expect(isGstStateCode("00")).toBe(false);
  });

  it("marks 25 and 28 as legacy codes", () => {
    expect(gstState("25")?.status).toBe("legacy");
    expect(gstState("28")?.status).toBe("legacy");
    expect(gstState("27")).toMatchObject({ name: "Maharashtra", status: "active" });
  });

  it("levies UTGST only in union territories without a legislature", () => {
    for (const c of ["04", "25", "26", "31", "35", "38", "97"]) expect(stateLevyFor(c)).toBe("UTGST");
    for (const c of ["01", "07", "34", "27", "29", "33"]) expect(stateLevyFor(c)).toBe("SGST");
    // Every UTGST code is a union territory or the special "other territory" code in the list.
    for (const c of UTGST_STATE_CODES) expect(["union_territory", "special"]).toContain(gstState(c)?.category);
  });
});
