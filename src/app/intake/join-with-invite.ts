/**
 * `/start <code>`: binds a Telegram user to the invite's unit and role. The code is hashed
 * before any lookup (only hashes are stored); a refused code stores nothing.
 */
import { canonicalInviteCode, type InviteRefusal } from '../../domain/invites.js';
import { err, type Result } from '../../domain/result.js';
import type { Member } from '../../domain/types.js';
import { hashInviteCode } from '../admin/invite-codes.js';
import type { IntakeDeps } from './deps.js';
import type { Redeemer } from './ports.js';

/** The Telegram person redeeming an invite. */
export type Joiner = Redeemer;

/** Redeems the code; `unknown` for anything that cannot be a code (too long, odd characters). */
export async function joinWithInvite(
  deps: Pick<IntakeDeps, 'repos' | 'clock'>,
  rawCode: string,
  who: Joiner,
): Promise<Result<Member, InviteRefusal>> {
  const code = canonicalInviteCode(rawCode);
  if (!/^[A-Z0-9-]{4,64}$/.test(code)) return err('unknown');
  const existing = await deps.repos.members.findByTelegramId(who.telegramUserId);
  if (existing) return err('already_member');
  return deps.repos.invites.redeem(hashInviteCode(code), { ...who, displayName: who.displayName.slice(0, 128) }, deps.clock());
}
