import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_MAX_ITERATIONS, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores the algorithm and parameters in the hash and verifies", async () => {
    const h = await hashPassword("correct horse");
    expect(h).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("correct horsE", h)).toBe(false);
  });

  it("never exceeds the 100,000 PBKDF2 iterations production workerd accepts", async () => {
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    await expect(hashPassword("x", 100_001)).rejects.toThrow(RangeError);
    const tooCostly = (await hashPassword("x", 1000)).replace("$1000$", "$600000$");
    expect(await verifyPassword("x", tooCostly)).toBe(false);
  });

  it("still verifies hashes made with fewer iterations (parameters travel with the hash)", async () => {
    const h = await hashPassword("legacy", 1000);
    expect(await verifyPassword("legacy", h)).toBe(true);
  });
});
