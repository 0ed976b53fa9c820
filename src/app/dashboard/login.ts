/**
 * Signing in to the dashboard from the bot: `/dashboard` issues a one-time link (random token,
 * only its SHA-256 stored, valid 10 minutes, used once); opening it shows a confirmation whose
 * POST redeems the token (so a link preview or a prefetch cannot use it up, and another site
 * cannot sign someone in). Only active leaders and admins may sign in; every sign-in and every
 * refused attempt is audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Member } from '../../domain/types.js';
import type { AuditLog, LoginTokenStore, MemberReads } from './ports.js';

export const LOGIN_TTL_MS = 10 * 60_000;

export interface LoginDeps {
  tokens: LoginTokenStore;
  members: MemberReads;
  audit: AuditLog;
  clock: Clock;
}

export type LoginRefusal = 'not_staff' | 'unknown' | 'expired' | 'used' | 'inactive';

/** The stored form of a token. */
export const hashLoginToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Who may open the dashboard. */
export const mayUseDashboard = (m: Pick<Member, 'role' | 'active'> | null): m is Member => !!m && m.active && (m.role === 'leader' || m.role === 'admin');

/** A new link for an active leader or admin: the token (shown once) and its expiry. */
export async function issueLoginToken(deps: LoginDeps, member: Member): Promise<Result<{ token: string; expiresAt: Date }, 'not_staff'>> {
  if (!mayUseDashboard(member)) return err('not_staff');
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + LOGIN_TTL_MS);
  await deps.tokens.create({ tokenHash: hashLoginToken(token), memberId: member.id, expiresAt, createdAt: now });
  await deps.audit.record({ actorKind: 'member', actorId: member.id, action: 'dashboard.link_issued', entity: 'member', entityId: member.id, at: now });
  return ok({ token, expiresAt });
}

const wellFormed = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** What the confirmation page shows, without using the token up. */
export async function peekLoginToken(deps: LoginDeps, token: string): Promise<Result<Member, LoginRefusal>> {
  if (!wellFormed(token)) return err('unknown');
  const row = await deps.tokens.find(hashLoginToken(token));
  if (!row) return err('unknown');
  if (row.usedAt) return err('used');
  if (row.expiresAt.getTime() <= deps.clock().getTime()) return err('expired');
  const member = await deps.members.get(row.memberId);
  return mayUseDashboard(member) ? ok(member) : err('inactive');
}

/** Uses the token up and returns the member to start a session for; audited either way. */
export async function redeemLoginToken(deps: LoginDeps, token: string, client: { ip: string; userAgent: string }): Promise<Result<Member, LoginRefusal>> {
  const now = deps.clock();
  const refuse = async (reason: LoginRefusal, memberId: number | null = null) => {
    await deps.audit.record({ actorKind: 'member', actorId: memberId, action: 'dashboard.sign_in.refused', entity: 'member', entityId: memberId, data: { reason, ip: client.ip }, at: now });
    return err(reason);
  };
  if (!wellFormed(token)) return refuse('unknown');
  const hash = hashLoginToken(token);
  const memberId = await deps.tokens.consume(hash, now);
  if (memberId === null) {
    const row = await deps.tokens.find(hash);
    if (!row) return refuse('unknown');
    return refuse(row.usedAt ? 'used' : 'expired', row.memberId);
  }
  const member = await deps.members.get(memberId);
  if (!mayUseDashboard(member)) return refuse('inactive', memberId);
  await deps.audit.record({
    actorKind: 'member',
    actorId: member.id,
    action: 'dashboard.sign_in',
    entity: 'member',
    entityId: member.id,
    data: { ip: client.ip, userAgent: client.userAgent.slice(0, 200) },
    at: now,
  });
  return ok(member);
}
