/**
 * Admin use cases for the organisation: units, invites, taxonomy. Used by the CLI today and
 * the dashboard later; every change is audited.
 */
import { mayInviteRole } from '../../domain/invites.js';
import { err, ok, type Result } from '../../domain/result.js';
import { DEFAULT_TOPICS } from '../../domain/taxonomy.js';
import type { Invite, Member, Unit } from '../../domain/types.js';
import { foldVietnamese } from '../../domain/text.js';
import { validateUnitName, parseLocalTime } from '../../domain/units.js';
import type { Role } from '../../domain/vocabulary.js';
import type { Clock } from '../../domain/clock.js';
import { hashInviteCode, newInviteCode } from './invite-codes.js';
import type { AdminRepos } from './ports.js';

export interface AdminDeps {
  repos: AdminRepos;
  clock: Clock;
}

export type Actor = { kind: 'cli' } | { kind: 'member'; member: Member };

/** Creates a unit (root when parentId is null) after validating its name, time zone and digest time. */
export async function createUnit(
  deps: AdminDeps,
  actor: Actor,
  input: { name: string; parentId: number | null; timezone?: string; digestTime?: string },
): Promise<Result<Unit, string>> {
  const name = validateUnitName(input.name);
  if (!name.ok) return err(name.error);
  if (input.digestTime && !parseLocalTime(input.digestTime).ok) return err('invalid_time');
  if (input.timezone && !isTimeZone(input.timezone)) return err('invalid_timezone');
  if (actor.kind === 'member') {
    if (actor.member.role === 'collaborator') return err('forbidden');
    if (actor.member.role === 'leader' && (input.parentId === null || !(await deps.repos.units.isInSubtree(actor.member.unitId, input.parentId))))
      return err('forbidden');
  }
  if (input.parentId !== null && !(await deps.repos.units.get(input.parentId))) return err('parent_not_found');
  const unit = await deps.repos.units.create({
    name: name.value,
    parentId: input.parentId,
    ...(input.timezone ? { timezone: input.timezone } : {}),
    ...(input.digestTime ? { digestTime: input.digestTime } : {}),
  });
  await deps.repos.audit.record({ ...actorFields(actor), action: 'unit.create', entity: 'unit', entityId: unit.id, data: { name: unit.name, parentId: unit.parentId } });
  return ok(unit);
}

export interface CreatedInvite {
  invite: Invite;
  /** The plain code: shown once, never stored. */
  code: string;
}

/** Creates an invite for a unit and role; leaders only for their subtree and never above their role. */
export async function createInvite(
  deps: AdminDeps,
  actor: Actor,
  input: { unitId: number; role: Role; days?: number; maxUses?: number; label?: string; code?: string },
): Promise<Result<CreatedInvite, string>> {
  if (actor.kind === 'member') {
    if (!mayInviteRole(actor.member.role, input.role)) return err('forbidden');
    if (actor.member.role !== 'admin' && !(await deps.repos.units.isInSubtree(actor.member.unitId, input.unitId))) return err('forbidden');
  }
  if (!(await deps.repos.units.get(input.unitId))) return err('unit_not_found');
  const days = input.days ?? 7;
  const maxUses = input.maxUses ?? 1;
  if (!(days > 0 && days <= 365)) return err('invalid_days');
  if (!(Number.isInteger(maxUses) && maxUses >= 1 && maxUses <= 10_000)) return err('invalid_max_uses');
  const code = input.code ?? newInviteCode();
  const invite = await deps.repos.invites.create({
    codeHash: hashInviteCode(code),
    unitId: input.unitId,
    role: input.role,
    expiresAt: new Date(deps.clock().getTime() + days * 86_400_000),
    maxUses,
    createdById: actor.kind === 'member' ? actor.member.id : null,
    label: input.label ?? null,
  });
  await deps.repos.audit.record({ ...actorFields(actor), action: 'invite.create', entity: 'invite', entityId: invite.id, data: { unitId: input.unitId, role: input.role, maxUses, days } });
  return ok({ invite, code });
}

/**
 * Inserts the default taxonomy, keywords with and without diacritics. Topics that already exist
 * keep admins' edits unless `force`.
 */
export async function seedTaxonomy(deps: AdminDeps, opts: { force?: boolean } = {}): Promise<number> {
  const existing = new Set((await deps.repos.topics.list(false)).map((t) => t.slug));
  let n = 0;
  for (const [i, t] of DEFAULT_TOPICS.entries()) {
    if (existing.has(t.slug) && !opts.force) continue;
    const keywords = [...new Set(t.keywords.flatMap((k) => [k, foldVietnamese(k)]))];
    await deps.repos.topics.upsert({ slug: t.slug, nameVi: t.nameVi, nameEn: t.nameEn, keywords, sensitive: t.sensitive, sortOrder: i });
    n += 1;
  }
  return n;
}

function actorFields(actor: Actor) {
  return actor.kind === 'cli' ? { actorKind: 'cli' as const } : { actorKind: 'member' as const, actorId: actor.member.id };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
