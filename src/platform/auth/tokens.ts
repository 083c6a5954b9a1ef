/**
 * Access tokens: compact JWS (RFC 7515) signed with EdDSA over Ed25519 (RFC 8037) by jose.
 * Short-lived; they carry tenant, user, role and stores. Keys come only from bindings
 * (JWT_PRIVATE_JWK / JWT_PUBLIC_JWK); `npm run dev` generates dev keys into .dev.vars.
 */
import { importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import { DomainError } from "../errors";
import type { Role } from "./roles";

/** Issuer of every Edgetill token. */
export const TOKEN_ISSUER = "edgetill";
/** The only signature algorithm accepted: "none" and HMAC algorithms are refused by construction. */
export const TOKEN_ALGORITHM = "EdDSA";
/** Default access-token lifetime: 15 minutes. */
export const DEFAULT_ACCESS_TTL_SECONDS = 900;

/** Claims of an access token issued to a tenant user or a platform admin. */
export interface AccessClaims {
  /** User id (usr_…) or platform admin id (adm_…). */
  sub: string;
  /** Tenant id, or "platform" for platform admins. */
  tid: string;
  /** Tenant role, or "platform_admin". */
  role: Role | "platform_admin";
  /** Store ids the subject may act in; null = all. */
  stores: string[] | null;
}

type KeyLike = Awaited<ReturnType<typeof importJWK>>;
const keyCache = new Map<string, KeyLike>();

async function key(jwkJson: string | undefined, which: string): Promise<KeyLike> {
  if (!jwkJson) throw new Error(`${which} is not bound; run npm run dev once or set the secret`);
  const cached = keyCache.get(jwkJson);
  if (cached) return cached;
  const k = await importJWK(JSON.parse(jwkJson) as JWK, TOKEN_ALGORITHM);
  keyCache.set(jwkJson, k);
  return k;
}

/** Signs an access token for `claims` valid for `ttlSeconds`. */
export async function signAccessToken(env: { JWT_PRIVATE_JWK: string }, claims: AccessClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ tid: claims.tid, role: claims.role, stores: claims.stores })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(claims.tid)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(await key(env.JWT_PRIVATE_JWK, "JWT_PRIVATE_JWK"));
}

/**
 * Verifies an access token's signature (EdDSA only), issuer, expiry and shape.
 * @throws DomainError invalid_token for any failure; the reason is not disclosed to the client.
 */
export async function verifyAccessToken(env: { JWT_PUBLIC_JWK: string }, token: string): Promise<AccessClaims> {
  const publicKey = await key(env.JWT_PUBLIC_JWK, "JWT_PUBLIC_JWK");
  try {
    const { payload } = await jwtVerify(token, publicKey, { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER });
    const { sub, tid, role, stores } = payload as Record<string, unknown>;
    if (typeof sub !== "string" || typeof tid !== "string" || typeof role !== "string") throw new Error("claims");
    if (payload.aud !== tid) throw new Error("audience");
    if (stores !== null && !(Array.isArray(stores) && stores.every((s) => typeof s === "string"))) throw new Error("stores");
    return { sub, tid, role: role as AccessClaims["role"], stores: stores as string[] | null };
  } catch {
    throw new DomainError("invalid_token");
  }
}
