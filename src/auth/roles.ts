/**
 * Roles and what they allow. Each role includes the one below it: agent < supervisor < admin.
 */
import type { Role } from '../store/port';

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** True when `role` is `minimum` or above it. */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** The roles in ascending order of power. */
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
