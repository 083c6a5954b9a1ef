/**
 * Password hashing with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) on WebCrypto. The algorithm and its
 * parameters are stored inside each hash ("pbkdf2-sha256$<iterations>$<salt>$<hash>"), so the
 * cost can be raised later and old hashes still verify.
 */
import { base64url, fromBase64url, timingSafeEqual } from "../crypto";

/**
 * Most PBKDF2 iterations production workerd accepts: it refuses deriveBits above 100,000
 * (verified November 2026, ../shared/ARCHITECTURE.md). Local workerd does not refuse, so
 * hashPassword enforces the ceiling itself and a test pins it.
 */
export const PBKDF2_MAX_ITERATIONS = 100_000;
/** Iterations used for new hashes: the platform ceiling (OWASP 2023 asks 600,000 for SHA-256; Workers cannot). */
export const PBKDF2_ITERATIONS = PBKDF2_MAX_ITERATIONS;
/** Salt length in bytes (NIST SP 800-132 asks at least 16). */
const SALT_BYTES = 16;
/** Derived key length in bits. */
const KEY_BITS = 256;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be 1..${PBKDF2_MAX_ITERATIONS}`);
  }
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

/**
 * Hashes a password. Returns "pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>".
 * @throws RangeError when `iterations` exceeds {@link PBKDF2_MAX_ITERATIONS}.
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(hash)}`;
}

/**
 * Checks a password against a stored hash in constant time. Returns false for a wrong password
 * or a hash in an unknown format (never throws for those).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, iter, salt, hash] = stored.split("$");
  if (alg !== "pbkdf2-sha256" || !iter || !salt || !hash) return false;
  const iterations = Number(iter);
  if (!Number.isInteger(iterations) || iterations > PBKDF2_MAX_ITERATIONS) return false;
  const derived = await derive(password, fromBase64url(salt), iterations);
  return timingSafeEqual(base64url(derived), hash);
}

/** A hash of a random password: verified against when the account does not exist, so timing does not reveal it. */
export const DUMMY_PASSWORD_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
