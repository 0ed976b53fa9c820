import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelStore } from '../../../src/db/stores/model-store.js';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { createTopicModelCache } from '../../../src/app/analysis/topic-models.js';
import { silentLogger } from '../../../src/logger.js';
import { analysisDepsFrom, createAnalysisWorker } from '../../../src/queue/analysis-worker.js';
import { enqueueAnalysis, type AnalyzeJob } from '../../../src/queue/jobs/analyze.js';
import { QUEUES } from '../../../src/queue/names.js';
import { eventually } from '../delivery/harness.js';
import { disableQuietHours, openAlertsHarness, type AlertsHarness } from './harness.js';

/** Through the real analysis: a stored report → analysis → evaluate → card at the fake Bot API. */
describe('end to end through the real analysis', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    const clock = () => new Date();
    const context = createAnalysisContextProvider({ repos: h.repos, clock, models: createTopicModelCache(createModelStore(h.db.prisma)) });
    await context.get();
    h.workers.push(createAnalysisWorker(h.queues, analysisDepsFrom({ sql: h.db.sql, context, alertsQueue: h.alertsQueue, clock, logger: silentLogger() }), 4));
    h.startAlertsWorker();
  });
  afterAll(async () => {
    if (!h) return;
    await Promise.all(h.workers.map((w) => w.close(true).catch(() => undefined)));
    const q = h.queues.queue(QUEUES.analysis);
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
    await h.close();
  });

  it('a strike with a crowd gathering reaches the branch leaders, a calm report raises nothing', async () => {
    const { org } = h;
    const analysisQueue = h.queues.queue<AnalyzeJob>(QUEUES.analysis);
    const submit = async (content: string, mood: 'angry' | 'neutral', spread: 'online' | 'few') => {
      const { report } = await h.repos.reports.create(
        { memberId: org.collaborator.id, unitId: org.branch.id, chosenTopic: null, content, proposal: null, mood, spread, source: 'conversation' },
        new Date(),
      );
      await enqueueAnalysis(analysisQueue, report.id);
      return report;
    };
    const calm = await submit('Người dân hoan nghênh việc phường sửa lại đèn chiếu sáng ở con hẻm gần chợ.', 'neutral', 'few');
    const urgent = await submit(
      'Công nhân nhà máy giày đình công từ sáng nay, hàng trăm người tụ tập trước cổng đòi trả lương, có người kêu gọi kéo lên trụ sở tỉnh, clip lan truyền khắp mạng.',
      'angry',
      'online',
    );
    await eventually(() => org.branchLeaders.every((l) => h.fake.textsTo(l.chatId!).some((t) => t.includes(urgent.reference))), 20_000);
    const alert = (await h.repos.alerts.byReport(urgent.id))!;
    expect(alert.level).toBe('critical');
    await eventually(async () => (await h.repos.reports.get(calm.id))?.status === 'analysed');
    expect(await h.repos.alerts.byReport(calm.id)).toBeNull();
    expect(h.fake.textsTo(org.committeeLeader.chatId!)).toHaveLength(0);
    await analysisQueue.close();
  });
});
