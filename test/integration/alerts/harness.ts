/**
 * Alerts test wiring on top of the delivery harness: an organisation tree (bloc → committee →
 * branch, plus a second committee/branch), leaders at each level, a collaborator, analysed
 * reports written directly (the analysis fields set by hand), the alerts and delivery workers.
 */
import type { Queue, Worker } from 'bullmq';
import type { AlertsDeps } from '../../../src/app/alerts/deps.js';
import { alertDeliveryObserver } from '../../../src/app/alerts/observer.js';
import { DEFAULT_TOPICS } from '../../../src/domain/taxonomy.js';
import type { Member, Unit } from '../../../src/domain/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createAlertsWorker } from '../../../src/queue/alerts-worker.js';
import { alertsDepsFrom } from '../../../src/compose/alerts.js';
import { QUEUES } from '../../../src/queue/names.js';
import type { BackendKind } from '../../support/backends.js';
import { openHarness, seedMember, type Harness } from '../delivery/harness.js';

export interface Org {
  bloc: Unit;
  committee: Unit;
  branch: Unit;
  otherCommittee: Unit;
  otherBranch: Unit;
  blocLeader: Member;
  committeeLeader: Member;
  branchLeaders: Member[];
  otherLeader: Member;
  collaborator: Member;
  admin: Member;
}

export interface AlertsHarness extends Harness {
  alertsQueue: Queue;
  deps: AlertsDeps;
  org: Org;
  startAlertsWorker(): Worker;
  close(): Promise<void>;
}

/** Opens the harness and seeds the organisation (delays in minutes; fractions for tests). */
export async function openAlertsHarness(opts: { clock?: () => Date; backend?: BackendKind; cardResendDelaysMs?: readonly number[] } = {}): Promise<AlertsHarness> {
  const h = await openHarness({}, opts.backend);
  const alertsQueue = h.queues.queue(QUEUES.alerts);
  const clock = opts.clock ?? (() => new Date());
  const deps: AlertsDeps = alertsDepsFrom({
    repos: h.repos,
    alertsQueue,
    deliveryQueue: h.deliveryQueue,
    cardEditGate: h.backend.cardEditGate(),
    t: h.t,
    clock,
    logger: silentLogger(),
  });
  if (opts.cardResendDelaysMs) deps.cardResendDelaysMs = opts.cardResendDelaysMs;
  for (const [i, topic] of DEFAULT_TOPICS.entries()) await h.repos.topics.upsert({ ...topic, keywords: [...topic.keywords], sortOrder: i });
  const org = await seedOrg(h);
  const baseClose = h.close;
  const ah: AlertsHarness = {
    ...h,
    alertsQueue,
    deps,
    org,
    startAlertsWorker() {
      const w = createAlertsWorker({ ...deps, queues: h.queues });
      h.workers.push(w);
      return w;
    },
    async close() {
      await Promise.all(h.workers.map((w) => w.close(true).catch(() => undefined)));
      await alertsQueue.obliterate({ force: true }).catch(() => undefined);
      await alertsQueue.close();
      await baseClose();
    },
  };
  h.startDeliveryWorker({ observers: [alertDeliveryObserver(deps)], clock });
  return ah;
}

async function seedOrg(h: Harness): Promise<Org> {
  const { units } = h.repos;
  const bloc = await units.create({ name: 'Đảng ủy Khối' });
  const committee = await units.create({ name: 'Đảng ủy Sở Y tế', parentId: bloc.id });
  const branch = await units.create({ name: 'Chi bộ Bệnh viện <A>', parentId: committee.id });
  const otherCommittee = await units.create({ name: 'Đảng ủy Sở Giáo dục', parentId: bloc.id });
  const otherBranch = await units.create({ name: 'Chi bộ Trường B', parentId: otherCommittee.id });
  return {
    bloc,
    committee,
    branch,
    otherCommittee,
    otherBranch,
    blocLeader: await seedMember(h.repos, bloc.id, 'leader', 'Bloc leader'),
    committeeLeader: await seedMember(h.repos, committee.id, 'leader', 'Committee leader'),
    branchLeaders: [await seedMember(h.repos, branch.id, 'leader', 'Branch leader A'), await seedMember(h.repos, branch.id, 'leader', 'Branch leader B')],
    otherLeader: await seedMember(h.repos, otherCommittee.id, 'leader', 'Other leader'),
    collaborator: await seedMember(h.repos, branch.id, 'collaborator', 'Collaborator'),
    admin: await seedMember(h.repos, bloc.id, 'admin', 'Admin'),
  };
}

let groupSeq = 0;
/** A fresh issue group. */
export async function newIssueGroup(h: Harness, title = `group ${++groupSeq}`): Promise<number> {
  const now = new Date();
  const g = await h.db.prisma.issueGroup.create({ data: { title, firstSeenAt: now, lastSeenAt: now } });
  return g.id;
}

export interface AnalysedReportInput {
  memberId: number;
  unitId: number;
  level: 'normal' | 'high' | 'critical';
  topicSlug?: string;
  issueGroupId?: number | null;
  content?: string;
  createdAt?: Date;
}

/** Stores a report and writes its analysis fields as the analysis worker would. */
export async function analysedReport(h: Harness, r: AnalysedReportInput): Promise<{ id: number; reference: string }> {
  const content = r.content ?? 'Nhiều người bức xúc về việc chậm lương, có ý kiến rủ nhau kéo đến trụ sở <ngay mai>.';
  const { report } = await h.repos.reports.create(
    { memberId: r.memberId, unitId: r.unitId, chosenTopic: null, content, proposal: null, mood: 'angry', spread: 'local', source: 'conversation' },
    r.createdAt ?? new Date(),
  );
  const score = r.level === 'critical' ? 92 : r.level === 'high' ? 70 : 20;
  await h.db.prisma.report.update({
    where: { id: report.id },
    data: {
      status: 'analysed',
      analysedAt: new Date(),
      redactedContent: content,
      topicSlug: r.topicSlug ?? 'economy',
      finalMood: 'angry',
      urgencyScore: score,
      urgencyLevel: r.level,
      urgencyReasons: [
        { code: 'mood', points: 25 },
        { code: 'trigger', points: 40, detail: 'kéo đến trụ sở' },
      ],
      issueGroupId: r.issueGroupId ?? null,
    },
  });
  return { id: report.id, reference: report.reference };
}

/** Short escalation delays (settings are in minutes): `ms` milliseconds per level. */
export async function setShortDelays(h: Harness, unitId: number | null, ms: number): Promise<void> {
  await h.repos.settings.set(unitId, 'escalationCriticalMinutes', ms / 60_000);
  await h.repos.settings.set(unitId, 'escalationHighMinutes', ms / 60_000);
}

/** No quiet hours (tests that are not about them must not depend on the time of day). */
export async function disableQuietHours(h: Harness): Promise<void> {
  await h.repos.settings.set(null, 'quietStart', '00:00');
  await h.repos.settings.set(null, 'quietEnd', '00:00');
}

/** `target` with one async method wrapped: `around(call)` runs instead, `call()` does the real work. */
export function aroundMethod<T extends object>(target: T, method: keyof T, around: (call: () => Promise<unknown>) => Promise<unknown>): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => around(() => (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args));
    },
  });
}
