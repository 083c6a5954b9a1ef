/**
 * Roles and what they may do. One table, read by every write verb's first line
 * (`requirePermission`), so authorization is structural rather than remembered per route.
 */
import { DomainError } from "../errors";

/** Tenant roles, most powerful first. Platform admins live in the control plane, not here. */
export const ROLES = ["owner", "admin", "store_manager", "cashier", "accountant"] as const;
/** A tenant role. */
export type Role = (typeof ROLES)[number];

/** Every permission a verb can ask for. */
export const PERMISSIONS = [
  "tenant.manage",
  "users.manage",
  "stores.manage",
  "stores.read",
  "domains.manage",
  "api_keys.manage",
  "catalog.manage",
  "catalog.read",
  "stock.manage",
  "stock.read",
  "sales.create",
  "sales.read",
  "sales.refund",
  "reports.read",
  "audit.read",
  "webhooks.manage",
  "notifications.manage",
  "terminals.manage",
] as const;
/** A permission name. */
export type Permission = (typeof PERMISSIONS)[number];

const ALL = new Set<Permission>(PERMISSIONS);

/** The permissions of each role. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: ALL,
  admin: new Set(PERMISSIONS.filter((p) => p !== "tenant.manage")),
  store_manager: new Set<Permission>([
    "stores.read",
    "catalog.manage",
    "catalog.read",
    "stock.manage",
    "stock.read",
    "sales.create",
    "sales.read",
    "sales.refund",
    "reports.read",
    "terminals.manage",
  ]),
  cashier: new Set<Permission>(["stores.read", "catalog.read", "stock.read", "sales.create", "sales.read"]),
  accountant: new Set<Permission>(["stores.read", "catalog.read", "stock.read", "sales.read", "reports.read", "audit.read"]),
};

/** Whether `role` carries `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Roles a given role may grant to others: no one grants a role above their own; only owners make owners. */
export function grantableRoles(role: Role): Role[] {
  const i = ROLES.indexOf(role);
  return role === "owner" ? [...ROLES] : ROLES.slice(i + 1).filter((r) => r !== "owner");
}

/** @throws DomainError forbidden when `role` does not carry `permission`. */
export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) throw new DomainError("forbidden", `Your role (${role}) may not ${permission}`);
}
