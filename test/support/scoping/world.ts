/**
 * A whole organisation for the scoping property test: a random unit tree with leaders,
 * collaborators and an admin, the real bot (alert buttons, /alerts, /digest, /myreports), the
 * real analysis, alerts and digests use cases, the real delivery path (BullMQ + the delivery
 * worker) against the fake Bot API, and a controllable clock. Escalation jobs are held by
 * `ManualAlertJobs` so that the test decides when time passes. Every name, reference and
 * report text carries a unique token, so that whatever reaches a chat can be traced back.
 */
import { createModelStore } from '../../../src/db/stores/model-store.js';
import { analysisDepsFrom } from '../../../src/queue/analysis-worker.js';
import { Composer } from 'grammy';
import { Api } from 'grammy';
import type { AlertJob, AlertJobs, AlertsDeps } from '../../../src/app/alerts/index.js';
import { alertDeliveryObserver, alertJobId, evaluateReport, runCardEditsJob, runStepJob } from '../../../src/app/alerts/index.js';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { analyzeReport, type AnalysisDeps } from '../../../src/app/analysis/analyze-report.js';
import { createTopicModelCache } from '../../../src/app/analysis/topic-models.js';
import type { BotContext } from '../../../src/bot/context.js';
import { alertsFeature } from '../../../src/bot/features/alerts.js';
import { digestFeature } from '../../../src/bot/features/digest.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import type { Member, Unit } from '../../../src/domain/types.js';
import type { Role } from '../../../src/domain/vocabulary.js';
import { silentLogger } from '../../../src/logger.js';
import { alertsDepsFrom } from '../../../src/compose/alerts.js';
import { createDeliveryWorker } from '../../../src/queue/delivery-worker.js';
import { digestDepsFrom, digestReadDeps } from '../../../src/compose/digests.js';
import { QUEUES } from '../../../src/queue/names.js';
import { createHarness, type Harness } from '../../bot/harness.js';
import { eventually } from '../../integration/delivery/harness.js';

/** Escalation and card-edit jobs on the test's clock: `runDue` runs what is due, in order. */
export class ManualAlertJobs implements AlertJobs {
  private readonly jobs = new Map<string, { job: AlertJob; dueAt: number }>();
  constructor(private readonly now: () => number) {}
  async add(job: AlertJob, opts: { delayMs: number }): Promise<void> {
    const id = alertJobId(job);
    if (!this.jobs.has(id)) this.jobs.set(id, { job, dueAt: this.now() + Math.max(0, opts.delayMs) });
  }
  async remove(jobs: readonly AlertJob[]): Promise<void> {
    for (const j of jobs) this.jobs.delete(alertJobId(j));
  }
  async runDue(deps: AlertsDeps): Promise<number> {
    let ran = 0;
    for (;;) {
      const due = [...this.jobs.entries()].filter(([, j]) => j.dueAt <= this.now()).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
      if (!due) return ran;
      this.jobs.delete(due[0]);
      const { job } = due[1];
      if (job.kind === 'cards') await runCardEditsJob(deps, job);
      else await runStepJob(deps, job);
      ran += 1;
    }
  }
}

export interface WorldMember extends Member {
  unit: Unit;
}

export interface World {
  h: Harness;
  units: Unit[];
  members: WorldMember[];
  alerts: AlertsDeps;
  jobs: ManualAlertJobs;
  analysis: AnalysisDeps;
  digests: ReturnType<typeof digestDepsFrom>;
  /** Waits until every queued message was sent (or failed for good). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

let tokenSeq = 0;
/** A unique token of letters only (survives normalising, redaction and tokenising). */
export function token(prefix: string): string {
  let n = tokenSeq++;
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `${prefix}${s.padStart(3, 'a')}`;
}

/** The tree: `childCounts` consumed level by level, at most `perLevel` units per level. */
export interface TreeSpec {
  depth: number;
  childCounts: number[];
  leaders: number[];
  collaborators: number[];
}

export async function openWorld(spec: TreeSpec): Promise<World> {
  const late = new Composer<BotContext>();
  const feature: { current?: Composer<BotContext> } = {};
  late.use((ctx, next) => feature.current!.middleware()(ctx, next));
  const h = await createHarness({ extraFeatures: [late] });
  const units = await buildTree(h, spec);
  const members = await seedMembers(h, units, spec);
  const queues = h.backend.queues;
  const alertsQueue = queues.queue(QUEUES.alerts);
  const deliveryQueue = queues.queue(QUEUES.delivery);
  const clock = () => h.now.value;
  const t = translator(createI18n());
  const jobs = new ManualAlertJobs(() => clock().getTime());
  const base = alertsDepsFrom({ repos: h.repos, alertsQueue, deliveryQueue, cardEditGate: h.backend.cardEditGate(), t, clock, logger: silentLogger(), cardEditDelayMs: 0 });
  const alerts: AlertsDeps = { ...base, jobs };
  feature.current = new Composer<BotContext>(alertsFeature(alerts), digestFeature(digestReadDeps({ sql: h.db.sql, repos: h.repos, clock })));
  const models = createTopicModelCache(createModelStore(h.db.prisma));
  const analysis: AnalysisDeps = analysisDepsFrom({ sql: h.db.sql, context: createAnalysisContextProvider({ repos: h.repos, clock, models }), alertsQueue: null, clock, logger: silentLogger() });
  const worker = createDeliveryWorker({
    api: new Api('123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz', { fetch: h.api.fetch }),
    repos: h.repos,
    queues,
    limiterStore: h.backend.limiterStore(),
    port: base.messages,
    t,
    clock: () => new Date(),
    logger: silentLogger(),
    observers: [alertDeliveryObserver(alerts)],
    concurrency: 8,
    limiter: { globalPerSecond: 1000, privateMax: 1000, privateWindowMs: 1000 },
  });
  const flush = () =>
    eventually(async () => {
      const [row] = await h.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE status IN ('pending', 'sending')`);
      return row!.n === 0;
    }, 30_000);
  return {
    h,
    units,
    members,
    alerts,
    jobs,
    analysis,
    digests: digestDepsFrom({ sql: h.db.sql, repos: h.repos, clock, t, logger: silentLogger() }, base.messages),
    flush,
    async close() {
      await worker.close(true).catch(() => undefined);
      for (const q of [alertsQueue, deliveryQueue]) {
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      await h.destroy();
    },
  };
}

async function buildTree(h: Harness, spec: TreeSpec): Promise<Unit[]> {
  const root = await h.repos.units.create({ name: `Khoi ${token('ku')}` });
  const units = [root];
  let level = [root];
  let next = 0;
  for (let d = 1; d < spec.depth; d++) {
    const children: Unit[] = [];
    for (const parent of level) {
      const count = spec.childCounts[next++ % spec.childCounts.length]!;
      for (let i = 0; i < count && children.length < 4; i++) children.push(await h.repos.units.create({ name: `Don vi ${token('ku')}`, parentId: parent.id }));
    }
    units.push(...children);
    level = children;
  }
  return units;
}

async function seedMembers(h: Harness, units: Unit[], spec: TreeSpec): Promise<WorldMember[]> {
  const out: WorldMember[] = [];
  const add = async (unit: Unit, role: Role) => {
    const u = h.user('en');
    const m = await h.repos.members.create({ telegramUserId: BigInt(u.id), displayName: `Nguoi ${token('kn')}`, role, unitId: unit.id, language: 'en' });
    out.push({ ...m, unit });
  };
  for (const [i, unit] of units.entries()) {
    const leaders = i === 0 ? Math.max(1, spec.leaders[i % spec.leaders.length]!) : spec.leaders[i % spec.leaders.length]!;
    for (let k = 0; k < leaders; k++) await add(unit, 'leader');
    const isLeaf = !units.some((u) => u.parentId === unit.id);
    const collaborators = Math.max(isLeaf ? 1 : 0, spec.collaborators[i % spec.collaborators.length]!);
    for (let k = 0; k < collaborators; k++) await add(unit, 'collaborator');
  }
  await add(units[0]!, 'admin');
  return out;
}

/** Runs the real analysis of a report and its alert evaluation, then lets the cards go out. */
export async function analyseAndEvaluate(w: World, reportId: number): Promise<void> {
  await analyzeReport(w.analysis, reportId);
  await evaluateReport(w.alerts, reportId);
  await w.flush();
}
