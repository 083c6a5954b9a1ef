/**
 * API keys for integrations. A key is "et_<prefix>_<secret>"; only its SHA-256 is stored, so a
 * leaked database does not leak keys. Shown once at creation.
 */
import { randomToken, sha256Hex } from "../crypto";

/** Leading marker of every Edgetill API key, so secret scanners and our auth can tell keys from JWTs. */
export const API_KEY_MARKER = "et_";

/** A new API key and what to store of it: its display prefix and its hash. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const prefix = randomToken(6);
  const key = `${API_KEY_MARKER}${prefix}_${randomToken(32)}`;
  return { key, prefix: `${API_KEY_MARKER}${prefix}`, hash: await sha256Hex(key) };
}

/** The stored hash of a presented key. */
export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}
