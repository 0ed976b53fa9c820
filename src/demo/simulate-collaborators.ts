/**
 * Simulated collaborators for the demo: realistic reports driven through the REAL bot code
 * (`bot.handleUpdate`), pressing buttons by reading the fake Bot API's recorded keyboards,
 * typing answers the way people do (with and without diacritics), a few quick reports.
 * Reports are spread over `days` days when a settable clock is given (the bot must use it).
 */
import type { Bot } from 'grammy';
import type { BotContext } from '../bot/context.js';
import type { Member } from '../domain/types.js';
import { MOODS, SOURCES } from '../domain/vocabulary.js';
import { callbackUpdate, textUpdate, type FakeBotApi, type FakeUser } from '../fake-telegram/index.js';
import { PLACES, SCENARIOS, type Scenario } from './scenarios.js';

/** A clock the simulation moves forward; give `() => clock.now()` to the bot. */
export interface SimClock {
  now(): Date;
  set(at: Date): void;
}

/** A settable clock starting at `start`. */
export function createSimClock(start: Date): SimClock {
  let at = start;
  return { now: () => at, set: (d) => void (at = d) };
}

/** The Telegram users of seeded members (their language follows the member's setting). */
export function fakeUsersOf(members: Member[]): FakeUser[] {
  return members.map((m) => ({ id: Number(m.telegramUserId), firstName: m.displayName.split(' ').at(-1) ?? 'CTV', languageCode: m.language ?? 'vi' }));
}

/** Options of simulateCollaborators. */
export interface SimulateOptions {
  bot: Bot<BotContext>;
  api: FakeBotApi;
  users: FakeUser[];
  days?: number;
  reportsPerDay?: number;
  rng: () => number;
  clock?: SimClock;
  /** How many collaborators act at the same time (default 8). */
  concurrency?: number;
}

/** What the simulation did. */
export interface SimulationResult {
  submitted: number;
  quick: number;
  full: number;
  alertScenarios: number;
  failed: number;
  updates: number;
}

type Rng = () => number;
const pickOne = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function pickScenario(rng: Rng): Scenario {
  const total = SCENARIOS.reduce((s, x) => s + x.weight, 0);
  let r = rng() * total;
  for (const s of SCENARIOS) if ((r -= s.weight) < 0) return s;
  return SCENARIOS[0]!;
}

/** Drives one person through the bot: typed messages and button presses read from the fake API. */
export class Driver {
  updates = 0;
  constructor(
    private readonly o: SimulateOptions,
    private readonly u: FakeUser,
  ) {}

  async text(t: string): Promise<void> {
    this.updates += 1;
    await this.o.bot.handleUpdate(textUpdate(this.u, t));
  }

  /** Presses the button whose data ends with `suffix` on the latest keyboard sent to the person. */
  async press(suffix: string): Promise<void> {
    const call = [...this.o.api.calls].reverse().find((c) => String(c.payload.chat_id) === String(this.u.id) && c.payload.reply_markup);
    const rows = (call?.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
    const button = rows.flat().find((b) => b.callback_data?.endsWith(suffix));
    if (!call || !button?.callback_data) throw new Error(`simulation: no button ${suffix}`);
    this.updates += 1;
    await this.o.bot.handleUpdate(callbackUpdate(this.u, button.callback_data, (call.result as { message_id: number }).message_id));
  }

  lastText(): string {
    return this.o.api.textsTo(this.u.id).at(-1) ?? '';
  }
}

function fill(rng: Rng, template: string): string {
  return template.replace('{place}', pickOne(rng, PLACES));
}

async function fullReport(d: Driver, s: Scenario, rng: Rng): Promise<void> {
  await d.text('/report');
  await d.press(`:t:${s.topic}`);
  const text = fill(rng, pickOne(rng, s.texts));
  const cut = text.indexOf(', ');
  if (rng() < 0.3 && cut > 10) {
    await d.text(text.slice(0, cut + 1));
    await d.text(text.slice(cut + 2));
  } else await d.text(text);
  await d.press(':c:done');
  const mood = pickOne(rng, s.moods);
  if (rng() < 0.3) await d.text(String(MOODS.indexOf(mood) + 1));
  else await d.press(`:m:${mood}`);
  await d.press(`:s:${pickOne(rng, s.spreads)}`);
  const source = pickOne(rng, s.sources);
  if (rng() < 0.2) await d.text(String(SOURCES.indexOf(source) + 1));
  else await d.press(`:o:${source}`);
  if (s.proposals && rng() < 0.6) await d.text(pickOne(rng, s.proposals));
  else if (rng() < 0.5) await d.text(rng() < 0.5 ? 'bo qua' : 'bỏ qua');
  else await d.press(':p:skip');
  await d.press(':v:submit');
}

async function quickReport(d: Driver, s: Scenario, rng: Rng): Promise<void> {
  await d.text(fill(rng, pickOne(rng, s.texts)));
  await d.press(':q:send');
}

/** Runs the simulation and returns what happened. */
export async function simulateCollaborators(o: SimulateOptions): Promise<SimulationResult> {
  const res: SimulationResult = { submitted: 0, quick: 0, full: 0, alertScenarios: 0, failed: 0, updates: 0 };
  const days = o.days ?? 7;
  const perDay = o.reportsPerDay ?? Math.max(1, Math.round(o.users.length * 0.6));
  const start = o.clock?.now() ?? new Date();
  for (let day = 0; day < days; day++) {
    const jobs = Array.from({ length: perDay }, (_, i) => ({ user: pickOne(o.rng, o.users), minute: Math.floor(((i + o.rng()) / perDay) * 14 * 60) }));
    for (let i = 0; i < jobs.length; i += o.concurrency ?? 8) {
      const batch = dedupe(jobs.slice(i, i + (o.concurrency ?? 8)));
      o.clock?.set(new Date(start.getTime() + day * 86400_000 + 7 * 3600_000 + batch[0]!.minute * 60_000));
      await Promise.all(batch.map((job) => runOne(o, job.user, res)));
    }
  }
  return res;
}

function dedupe<T extends { user: FakeUser }>(batch: T[]): T[] {
  const seen = new Set<number>();
  return batch.filter((j) => !seen.has(j.user.id) && seen.add(j.user.id));
}

async function runOne(o: SimulateOptions, user: FakeUser, res: SimulationResult): Promise<void> {
  const d = new Driver(o, user);
  const s = pickScenario(o.rng);
  const quick = o.rng() < 0.15;
  try {
    if (quick) await quickReport(d, s, o.rng);
    else await fullReport(d, s, o.rng);
    if (/R-\d{4}-\d{6}/.test(d.lastText())) {
      res.submitted += 1;
      if (quick) res.quick += 1;
      else res.full += 1;
      if (s.alert) res.alertScenarios += 1;
    } else res.failed += 1;
  } catch {
    res.failed += 1;
    await d.text('/cancel').catch(() => undefined);
  }
  res.updates += d.updates;
}

