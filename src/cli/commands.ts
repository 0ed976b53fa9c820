/** The admin CLI's commands as a pure-ish function of repositories → text, so they are testable. */
import { inviteDeepLink } from '../app/admin/invite-codes.js';
import { createInvite, createUnit, seedTaxonomy } from '../app/admin/units.js';
import type { Repositories } from '../db/repositories/index.js';
import type { SurveyStore } from '../app/surveys/ports.js';
import { runSurveyCommand } from './survey-commands.js';
import type { Clock } from '../domain/clock.js';
import { DEFAULT_SETTINGS, isSettingKey, parseSettingValue, SETTING_KEYS } from '../domain/settings.js';
import type { Unit } from '../domain/types.js';
import { ROLES, type Role } from '../domain/vocabulary.js';
import type { RetentionStore } from '../app/retention/ports.js';
import { runRetention } from '../app/retention/run-retention.js';

export const USAGE = `Pulse admin CLI
  npm run cli -- migrate                      apply database migrations
  npm run cli -- seed                         load the default taxonomy
  npm run cli -- unit create --name NAME [--parent ID|NAME] [--tz ZONE] [--digest-time HH:MM]
  npm run cli -- unit list                    print the unit tree
  npm run cli -- invite create --unit ID|NAME --role collaborator|leader|admin [--days 7] [--uses 1] [--label TEXT]
  npm run cli -- member list [--unit ID|NAME]
  npm run cli -- member deactivate MEMBER_ID
  npm run cli -- settings show [--unit ID|NAME]
  npm run cli -- settings set KEY VALUE [--unit ID|NAME]     (no --unit: global)
  npm run cli -- settings unset KEY [--unit ID|NAME]
  npm run cli -- retention [--dry-run]          delete reports past retentionMonths (--dry-run: print what would go)
  npm run cli -- survey create --file SURVEY.json (--unit ID|NAME | --member LEADER_ID) [--draft]
  npm run cli -- survey open|close|results SURVEY_ID
  npm run cli -- survey list
`;

export interface CliDeps {
  repos: Repositories;
  /** The retention job's store (the CLI's database). */
  retention?: RetentionStore;
  surveys?: SurveyStore;
  clock: Clock;
  botUsername: string;
}

export interface CliOutput {
  text: string;
  exitCode: number;
}

type Values = Record<string, string | boolean | undefined>;

const fail = (text: string): CliOutput => ({ text: `${text}\n`, exitCode: 2 });
const done = (text: string): CliOutput => ({ text: `${text}\n`, exitCode: 0 });

/** Runs one command; errors a person can fix come back as exit code 2 with a one-line reason. */
export async function runCommand(deps: CliDeps, args: string[], v: Values): Promise<CliOutput> {
  const [noun, verb, ...rest] = args;
  const key = `${noun} ${verb ?? ''}`.trim();
  switch (key) {
    case 'seed':
      return done(`taxonomy: ${await seedTaxonomy(deps)} topic(s) added`);
    case 'retention':
      return retention(deps, v['dry-run'] === true);
    case 'unit create':
      return unitCreate(deps, v);
    case 'unit list':
      return done(await unitTree(deps));
    case 'invite create':
      return inviteCreate(deps, v);
    case 'member list':
      return memberList(deps, v);
    case 'member deactivate':
      return memberDeactivate(deps, rest[0] ?? '');
    case 'settings show':
      return settingsShow(deps, v);
    case 'settings set':
      return settingsSet(deps, rest, v);
    case 'settings unset':
      return settingsUnset(deps, rest, v);
    case `survey ${verb}`:
      if (!deps.surveys) return fail('surveys are not available here');
      return runSurveyCommand({ ...deps, surveys: deps.surveys }, verb, rest, v);
    default:
      return fail(`unknown command "${args.join(' ')}"\n${USAGE}`);
  }
}

/** Finds a unit by id or by exact (case-insensitive) name; ambiguity is an error. */
export async function resolveUnit(deps: CliDeps, ref: string | undefined): Promise<Unit | string> {
  if (!ref) return 'missing --unit';
  if (/^\d+$/.test(ref)) return (await deps.repos.units.get(Number(ref))) ?? `no unit with id ${ref}`;
  const found = await deps.repos.units.findByName(ref);
  if (found.length === 1) return found[0]!;
  return found.length === 0 ? `no unit named "${ref}"` : `${found.length} units are named "${ref}": use the id (${found.map((u) => u.id).join(', ')})`;
}

async function unitCreate(deps: CliDeps, v: Values): Promise<CliOutput> {
  if (typeof v.name !== 'string') return fail('missing --name');
  let parentId: number | null = null;
  if (typeof v.parent === 'string') {
    const p = await resolveUnit(deps, v.parent);
    if (typeof p === 'string') return fail(p);
    parentId = p.id;
  }
  const r = await createUnit(deps, { kind: 'cli' }, {
    name: v.name,
    parentId,
    ...(typeof v.tz === 'string' ? { timezone: v.tz } : {}),
    ...(typeof v['digest-time'] === 'string' ? { digestTime: v['digest-time'] } : {}),
  });
  if (!r.ok) return fail(`cannot create unit: ${r.error}`);
  return done(`created unit ${r.value.id} "${r.value.name}" (parent ${r.value.parentId ?? '—'}, ${r.value.timezone}, digest ${r.value.digestTime})`);
}

async function unitTree(deps: CliDeps): Promise<string> {
  const lines: string[] = [];
  const walk = async (u: Unit, indent: string) => {
    lines.push(`${indent}${u.id}  ${u.name}  [${u.timezone} ${u.digestTime}]`);
    for (const c of await deps.repos.units.children(u.id)) await walk(c, `${indent}  `);
  };
  for (const r of await deps.repos.units.roots()) await walk(r, '');
  return lines.length ? lines.join('\n') : 'no units yet: npm run cli -- unit create --name "…"';
}

async function inviteCreate(deps: CliDeps, v: Values): Promise<CliOutput> {
  const unit = await resolveUnit(deps, v.unit as string | undefined);
  if (typeof unit === 'string') return fail(unit);
  const role = v.role as Role | undefined;
  if (!role || !ROLES.includes(role)) return fail(`--role must be one of ${ROLES.join(', ')}`);
  const days = v.days === undefined ? 7 : Number(v.days);
  const maxUses = v.uses === undefined ? 1 : Number(v.uses);
  const r = await createInvite(deps, { kind: 'cli' }, { unitId: unit.id, role, days, maxUses, ...(typeof v.label === 'string' ? { label: v.label } : {}) });
  if (!r.ok) return fail(`cannot create invite: ${r.error}`);
  return done(
    [
      `invite for ${role} of "${unit.name}" (uses: ${maxUses}, expires ${r.value.invite.expiresAt.toISOString()})`,
      `code: ${r.value.code}`,
      `link: ${inviteDeepLink(deps.botUsername, r.value.code)}`,
      'The code is shown once: only its hash is stored.',
    ].join('\n'),
  );
}

async function memberList(deps: CliDeps, v: Values): Promise<CliOutput> {
  const roots = v.unit === undefined ? await deps.repos.units.roots() : [await resolveUnit(deps, v.unit as string)];
  const lines: string[] = [];
  for (const u of roots) {
    if (typeof u === 'string') return fail(u);
    for (const m of await deps.repos.units.subtreeMembers(u.id)) {
      lines.push(`${m.id}\t${m.role}\tunit ${m.unitId}\t${m.active ? 'active' : 'inactive'}\t${m.displayName}`);
    }
  }
  return done(lines.length ? lines.join('\n') : 'no members');
}

async function memberDeactivate(deps: CliDeps, id: string): Promise<CliOutput> {
  if (!/^\d+$/.test(id)) return fail('usage: member deactivate MEMBER_ID');
  const m = await deps.repos.members.get(Number(id));
  if (!m) return fail(`no member ${id}`);
  await deps.repos.members.deactivate(m.id, deps.clock());
  await deps.repos.audit.record({ actorKind: 'cli', action: 'member.deactivate', entity: 'member', entityId: m.id });
  return done(`member ${m.id} (${m.displayName}) deactivated: access ends now, past reports stay`);
}

async function scopeOf(deps: CliDeps, v: Values): Promise<Unit | null | string> {
  return v.unit === undefined ? null : resolveUnit(deps, v.unit as string);
}

async function settingsShow(deps: CliDeps, v: Values): Promise<CliOutput> {
  const unit = await scopeOf(deps, v);
  if (typeof unit === 'string') return fail(unit);
  const effective = await deps.repos.settings.effective(unit?.id ?? null);
  const own = await deps.repos.settings.overrides(unit?.id ?? null);
  const lines = SETTING_KEYS.map((k) => {
    const source = k in own ? (unit ? 'this unit' : 'global') : effective[k] === DEFAULT_SETTINGS[k] ? 'default' : 'inherited';
    return `${k.padEnd(26)} ${String(effective[k]).padEnd(8)} (${source})`;
  });
  return done(`${unit ? `settings of unit ${unit.id} "${unit.name}"` : 'global settings'}\n${lines.join('\n')}`);
}

async function settingsSet(deps: CliDeps, rest: string[], v: Values): Promise<CliOutput> {
  const [key, raw] = rest;
  if (!key || raw === undefined) return fail('usage: settings set KEY VALUE [--unit ID|NAME]');
  if (!isSettingKey(key)) return fail(`unknown setting "${key}"; known: ${SETTING_KEYS.join(', ')}`);
  const parsed = parseSettingValue(key, raw);
  if (!parsed.ok) return fail(parsed.error);
  const unit = await scopeOf(deps, v);
  if (typeof unit === 'string') return fail(unit);
  await deps.repos.settings.set(unit?.id ?? null, key, parsed.value);
  await deps.repos.audit.record({ actorKind: 'cli', action: 'setting.set', entity: 'setting', entityId: `${unit?.id ?? 'global'}:${key}`, data: { value: parsed.value } });
  return done(`${key} = ${parsed.value} (${unit ? `unit ${unit.id} and below` : 'global'})`);
}

async function settingsUnset(deps: CliDeps, rest: string[], v: Values): Promise<CliOutput> {
  const key = rest[0];
  if (!key || !isSettingKey(key)) return fail(`usage: settings unset KEY [--unit ID|NAME]; known keys: ${SETTING_KEYS.join(', ')}`);
  const unit = await scopeOf(deps, v);
  if (typeof unit === 'string') return fail(unit);
  await deps.repos.settings.unset(unit?.id ?? null, key);
  return done(`${key} override removed (${unit ? `unit ${unit.id}` : 'global'})`);
}

/** `retention [--dry-run]`: the retention job now, or what it would remove. */
async function retention(deps: CliDeps, dryRun: boolean): Promise<CliOutput> {
  if (!deps.retention) return fail('retention: no store');
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };
  const run = await runRetention({ store: deps.retention, audit: deps.repos.audit, clock: deps.clock, logger: silent }, { dryRun, actor: 'cli' });
  const c = run.counts;
  const months = [...new Set(run.cutoffs.map((u) => u.months))].sort((a, b) => a - b);
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '-');
  const oldestCutoff = run.cutoffs.reduce<Date | null>((m, u) => (!m || u.cutoff < m ? u.cutoff : m), null);
  const lines = [
    `${dryRun ? 'dry run: would delete' : 'deleted'} ${c.reports} report(s) created ${day(c.oldest)} … ${day(c.newest)} (retention ${months.join(', ') || '-'} month(s); cutoff ${day(oldestCutoff)} for the longest)`,
    `  with ${c.tags} topic tag(s), ${c.bands} similarity band(s), ${c.alerts} closed alert(s)${dryRun ? '' : ` and ${c.cards} card(s)`}, ${c.deliveries} delivery record(s)`,
    `  issue groups: ${c.groupsRecounted} recounted, ${c.groupsDeleted} left empty${dryRun ? ' (would be removed)' : ' removed'}`,
    `  kept until their alert is closed: ${c.heldByLiveAlerts} expired report(s)`,
  ];
  return done(lines.join('\n'));
}
