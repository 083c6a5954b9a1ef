import { describe, expect, it } from "vitest";
import { financialYearOf, financialYearStarting, localDateIn } from "./financial-year";

const IST = "Asia/Kolkata";

describe("financial year (April–March, tenant's time zone)", () => {
  it("puts 31 March 23:59 IST in the old year and 1 April 00:00 IST in the new one", () => {
    // 00:00 IST on 1 April 2026 is 18:30 UTC on 31 March 2026.
    expect(financialYearOf("2026-03-31T18:29:59.999Z", IST).label).toBe("2025-26");
    expect(financialYearOf("2026-03-31T18:30:00Z", IST).label).toBe("2026-27");
    expect(localDateIn("2026-03-31T18:30:00Z", IST)).toEqual({ year: 2026, month: 4, day: 1 });
  });

  it("uses the tenant's zone, not UTC", () => {
    const t = "2026-03-31T20:00:00Z";
    expect(financialYearOf(t, IST).startYear).toBe(2026);
    expect(financialYearOf(t, "UTC").startYear).toBe(2025);
    // London on BST: 1 April 00:30 BST is 23:30 UTC on 31 March.
    expect(financialYearOf("2026-03-31T23:30:00Z", "Europe/London").startYear).toBe(2026);
  });

  it("describes a year with its label, code and dates", () => {
    expect(financialYearStarting(2025)).toEqual({
      startYear: 2025,
      label: "2025-26",
      code: "2526",
      startsOn: "2025-04-01",
      endsOn: "2026-03-31",
    });
    expect(financialYearStarting(2099 - 1).code).toBe("9899");
    expect(financialYearOf(new Date("2025-12-31T12:00:00Z"), IST).label).toBe("2025-26");
    expect(financialYearOf("2026-01-01T00:00:00+05:30", IST).label).toBe("2025-26");
  });

  it("refuses an unknown time zone or an invalid instant", () => {
    expect(() => financialYearOf("2026-01-01T00:00:00Z", "Mars/Olympus")).toThrow(/time zone/);
    expect(() => financialYearOf("not a date", IST)).toThrow(/instant/);
  });
});
