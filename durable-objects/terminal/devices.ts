/**
 * Paired terminals of a store. A manager pairs a device once and gets its device token, shown
 * that one time: only its SHA-256 is kept (a leaked table cannot open a till). The terminal
 * presents the token in its hello frame on every connection. A revoked terminal stays listed
 * (its sales still name it) but can no longer connect.
 */
import { randomToken, sha256Hex, timingSafeEqual } from "../../src/platform/crypto";
import { newId, nowIso } from "../../src/platform/ids";

/** Prefix of device tokens, so a leaked one is recognisable in logs and secret scanners. */
export const DEVICE_TOKEN_PREFIX = "edt_dev_";
/** Random bytes in a device token: 256 bits (NIST SP 800-63B §5.1.1.2 asks at least 112 for secrets). */
export const DEVICE_TOKEN_BYTES = 32;

/** A paired terminal as the API lists it (never with its token). */
export interface TerminalRecord {
  terminalId: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

type Row = { id: string; name: string; created_at: string; created_by: string; revoked_at: string | null; last_seen_at: string | null };

function toRecord(r: Row): TerminalRecord {
  return {
    terminalId: r.id,
    name: r.name,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    lastSeenAt: r.last_seen_at,
  };
}

/** The stored form of a device token. */
export function hashDeviceToken(token: string): Promise<string> {
  return sha256Hex(`edgetill-device-token\n${token}`);
}

/** Pairs a new terminal. @returns its record and the device token (the only time it is shown). */
export async function pairTerminal(
  sql: SqlStorage,
  input: { name: string; actor: string },
): Promise<TerminalRecord & { deviceToken: string }> {
  const terminalId = newId("terminal");
  const deviceToken = `${DEVICE_TOKEN_PREFIX}${randomToken(DEVICE_TOKEN_BYTES)}`;
  const hash = await hashDeviceToken(deviceToken);
  const now = nowIso();
  sql.exec(
    "INSERT INTO terminals (id, name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
    terminalId,
    input.name,
    hash,
    now,
    input.actor,
  );
  return { terminalId, name: input.name, createdAt: now, createdBy: input.actor, revokedAt: null, lastSeenAt: null, deviceToken };
}

/** Every terminal of the store, newest first. */
export function listTerminals(sql: SqlStorage): TerminalRecord[] {
  return sql.exec<Row>("SELECT * FROM terminals ORDER BY created_at DESC, id DESC").toArray().map(toRecord);
}

/** Revokes a terminal. @returns the record, or null when no such terminal is paired here. */
export function revokeTerminal(sql: SqlStorage, terminalId: string): TerminalRecord | null {
  sql.exec("UPDATE terminals SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", nowIso(), terminalId);
  const row = sql.exec<Row>("SELECT * FROM terminals WHERE id = ?", terminalId).toArray()[0];
  return row ? toRecord(row) : null;
}

/**
 * Whether `token` opens `terminalId`: paired here, not revoked, and the token's hash matches
 * (compared in constant time). Records the terminal as seen.
 */
export async function verifyDevice(sql: SqlStorage, terminalId: string, token: string): Promise<boolean> {
  const hash = await hashDeviceToken(token);
  const row = sql
    .exec<{ token_hash: string; revoked_at: string | null }>("SELECT token_hash, revoked_at FROM terminals WHERE id = ?", terminalId)
    .toArray()[0];
  if (!row || row.revoked_at || !timingSafeEqual(row.token_hash, hash)) return false;
  sql.exec("UPDATE terminals SET last_seen_at = ? WHERE id = ?", nowIso(), terminalId);
  return true;
}
