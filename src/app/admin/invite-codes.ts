/**
 * Invite codes are stored only as a hash. Every path that creates or redeems a code (CLI,
 * bot /start, dashboard) hashes it here, after canonicalising what a person typed.
 */
import { createHash, randomInt } from 'node:crypto';
import { canonicalInviteCode, generateInviteCode } from '../../domain/invites.js';

/** sha256 (hex) of the canonical code. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(canonicalInviteCode(code)).digest('hex');
}

/** A fresh random code from a cryptographic source. */
export function newInviteCode(): string {
  return generateInviteCode(() => randomInt(0, 1 << 30) / (1 << 30));
}

/** The deep link that opens the bot with the code (`t.me/<bot>?start=<code>`). */
export function inviteDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${encodeURIComponent(canonicalInviteCode(code))}`;
}
