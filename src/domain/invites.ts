/**
 * Invite rules (PRODUCT.md "People and permissions"): one-time or limited-use codes bound to a
 * unit and a role, with an expiry. Leaders invite only into their subtree and never above their
 * own role. Codes are short, unambiguous and typeable on a phone.
 */
import { err, ok, type Result } from './result.js';
import type { Invite } from './types.js';
import type { Role } from './vocabulary.js';

export type InviteRefusal = 'unknown' | 'expired' | 'used_up' | 'revoked' | 'already_member';

/** Whether an invite can still be used at `now`. */
export function checkInvite(invite: Invite | null, now: Date): Result<Invite, InviteRefusal> {
  if (!invite) return err('unknown');
  if (invite.revokedAt) return err('revoked');
  if (invite.expiresAt.getTime() <= now.getTime()) return err('expired');
  if (invite.uses >= invite.maxUses) return err('used_up');
  return ok(invite);
}

const ROLE_RANK: Record<Role, number> = { collaborator: 0, leader: 1, admin: 2 };

/** Whether `creatorRole` may issue an invite for `role` (never above one's own role; collaborators never). */
export function mayInviteRole(creatorRole: Role, role: Role): boolean {
  if (creatorRole === 'collaborator') return false;
  return ROLE_RANK[role] <= ROLE_RANK[creatorRole];
}

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new invite code such as `K7QM-3XPA-9TRD` from a random source returning floats in [0, 1). */
export function generateInviteCode(rng: () => number): string {
  const pick = () => ALPHABET[Math.floor(rng() * ALPHABET.length)]!;
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `${group()}-${group()}-${group()}`;
}

/** Canonical form of a typed or deep-linked code: upper case, separators normalised. */
export function canonicalInviteCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/[\s_]+/g, '-');
}
