import { uuidv7 } from "uuidv7";

/**
 * Entity ids: a short type prefix and a UUIDv7 (RFC 9562 §5.7), so ids sort by creation time and
 * say what they name in logs ("str_0193…" is a store).
 */
export const ID_PREFIXES = {
  tenant: "ten",
  user: "usr",
  store: "str",
  apiKey: "key",
  token: "tok",
  audit: "aud",
  request: "req",
  event: "evt",
  message: "msg",
  admin: "adm",
  family: "fam",
  ledgerEntry: "sle",
  reservation: "rsv",
  transfer: "trf",
  stockCount: "cnt",
  delivery: "dlv",
  stockDocument: "sdoc",
  product: "prd",
  variant: "var",
  category: "cat",
  media: "med",
  productImport: "imp",
  deadLetter: "dlt",
  webhook: "whk",
  webhookDelivery: "whd",
  webhookAttempt: "wha",
  notification: "ntf",
  sale: "sal",
  invoice: "inv",
  saleReturn: "ret",
  creditNote: "crn",
  reportExport: "rex",
  terminal: "trm",
  shift: "shf",
  cart: "crt",
} as const;

/** A new id for an entity of `kind`, e.g. newId("store") → "str_01939a…". */
export function newId(kind: keyof typeof ID_PREFIXES): string {
  return `${ID_PREFIXES[kind]}_${uuidv7().replace(/-/g, "")}`;
}

/** The current instant as an ISO 8601 UTC string with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}
