/**
 * The retention job (issue 15, item 6) on the real PostgreSQL: reports past their unit's
 * retentionMonths go with their tags, bands, the closed alerts they raised and old deliveries;
 * issue groups are recounted (an emptied one removed); a report whose alert is live waits; a
 * unit's longer retention holds; the run is audited once; a dry run (the CLI's) changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../../src/app/retention/run-retention.js';
import { runCommand } from '../../../src/cli/commands.js';
import { createRetentionStore } from '../../../src/db/stores/retention-store.js';
import { silentLogger } from '../../../src/logger.js';
import { analysedReport, newIssueGroup, openAlertsHarness, type AlertsHarness } from '../alerts/harness.js';

const NOW = new Date('2026-12-01T03:00:00Z');
const OLD = new Date('2024-10-15T08:00:00Z'); // 25.5 months before NOW
const RECENT = new Date('2026-06-01T08:00:00Z');

describe('the retention job', () => {
  let h: AlertsHarness;
  const ids: Record<string, number> = {};
  let g1 = 0;
  let g2 = 0;
  beforeAll(async () => {
    h = await openAlertsHarness();
    const { org } = h;
    const p = h.db.prisma;
    g1 = await newIssueGroup(h);
    g2 = await newIssueGroup(h);
    const report = async (name: string, at: Date, unitId: number, group: number | null) => {
      ids[name] = (await analysedReport(h, { memberId: org.collaborator.id, unitId, level: 'normal', issueGroupId: group, createdAt: at, content: `${name}: bà con phàn nàn về giá điện tăng` })).id;
    };
    await report('old1', OLD, org.branch.id, g1);
    await report('old2', OLD, org.branch.id, g1);
    await report('recent', RECENT, org.branch.id, g1);
    await report('lonely', OLD, org.branch.id, g2);
    await report('liveAlert', OLD, org.branch.id, null);
    await report('closedAlert', OLD, org.branch.id, null);
    await report('longerKept', OLD, org.otherBranch.id, null);
    await h.repos.settings.set(org.otherCommittee.id, 'retentionMonths', 36);
    await p.reportTopic.create({ data: { reportId: ids.old1!, topicSlug: 'economy', origin: 'auto', score: 0.9 } });
    await p.reportBand.create({ data: { reportId: ids.old1!, bandKey: 'b-retention-1', createdAt: OLD } });
    const alert = (reportId: number, status: 'open' | 'resolved') =>
      p.alert.create({ data: { reportId, unitId: org.branch.id, currentUnitId: org.branch.id, trigger: 'critical_report', level: 'critical', status, latestQuote: 'quote' } });
    ids.live = (await alert(ids.liveAlert!, 'open')).id;
    ids.closed = (await alert(ids.closedAlert!, 'resolved')).id;
    const leader = org.branchLeaders[0]!;
    const delivery = async (key: string, at: Date) => {
      const d = await p.delivery.create({ data: { idempotencyKey: key, memberId: leader.id, chatId: leader.chatId!, kind: 'alert', lane: 1, method: 'sendMessage', payload: { text: 'quoted report text' }, status: 'sent' } });
      await h.db.sql.query(`UPDATE "Delivery" SET "createdAt" = $2 WHERE id = $1`, [d.id, at.toISOString()]);
    };
    await delivery('retention-old', OLD);
    await delivery('retention-recent', RECENT);
    // the group counters as the analysis leaves them
    await h.db.sql.query(`UPDATE "IssueGroup" SET "reportCount" = 3 WHERE id = $1`, [g1]);
  });
  afterAll(async () => h?.close());

  const store = () => createRetentionStore(h.db.sql);
  const deps = () => ({ store: store(), audit: h.repos.audit, clock: () => NOW, logger: silentLogger() });
  const exists = async (id: number) => (await h.db.prisma.report.findUnique({ where: { id } })) !== null;
  const audits = () => h.db.prisma.auditLog.findMany({ where: { action: 'retention.delete' } });

  it('a dry run (the CLI) says what would go and changes nothing', async () => {
    const out = await runCommand({ repos: h.repos, retention: store(), clock: () => NOW, botUsername: 'pulse_demo_bot' }, ['retention'], { 'dry-run': true });
    expect(out.exitCode).toBe(0);
    expect(out.text).toMatch(/dry run: would delete 4 report\(s\) created 2024-10-15 … 2024-10-15/);
    expect(out.text).toMatch(/1 topic tag\(s\), 1 similarity band\(s\), 1 closed alert\(s\), 1 delivery record\(s\)/);
    expect(out.text).toMatch(/issue groups: 2 recounted, 1 left empty/);
    expect(out.text).toMatch(/kept until their alert is closed: 1 expired report\(s\)/);
    for (const id of Object.values(ids).slice(0, 7)) expect(await exists(id)).toBe(true);
    expect(await audits()).toHaveLength(0);
  });

  it('deletes what expired with what hangs on it, recounts the groups, keeps what must stay, and audits the run', async () => {
    const run = await runRetention(deps(), { batch: 2 });
    expect(run.counts).toMatchObject({ reports: 4, tags: 1, bands: 1, alerts: 1, deliveries: 1, groupsDeleted: 1, heldByLiveAlerts: 1 });
    for (const gone of ['old1', 'old2', 'lonely', 'closedAlert']) expect(await exists(ids[gone]!)).toBe(false);
    for (const kept of ['recent', 'liveAlert', 'longerKept']) expect(await exists(ids[kept]!)).toBe(true);
    expect(await h.db.prisma.reportTopic.count({ where: { reportId: ids.old1! } })).toBe(0);
    expect(await h.db.prisma.reportBand.count({ where: { reportId: ids.old1! } })).toBe(0);
    expect(await h.db.prisma.alert.findUnique({ where: { id: ids.closed! } })).toBeNull();
    expect(await h.db.prisma.alert.findUnique({ where: { id: ids.live! } })).not.toBeNull();
    const group = await h.db.prisma.issueGroup.findUnique({ where: { id: g1 } });
    expect(group).toMatchObject({ reportCount: 1, unitCount: 1 });
    expect(group!.firstSeenAt.toISOString()).toBe(RECENT.toISOString());
    expect(await h.db.prisma.issueGroup.findUnique({ where: { id: g2 } })).toBeNull();
    expect((await h.db.prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: 'retention-' } } })).map((d) => d.idempotencyKey)).toEqual(['retention-recent']);
    const [audit] = await audits();
    expect(audit).toMatchObject({ actorKind: 'system', entity: 'report' });
    expect(audit!.data).toMatchObject({ reports: 4, alerts: 1, deliveries: 1, retentionMonths: [24, 36] });
  });

  it('a second run finds nothing and writes no audit row; once the alert is closed its report goes', async () => {
    expect((await runRetention(deps())).counts.reports).toBe(0);
    expect(await audits()).toHaveLength(1);
    await h.db.prisma.alert.update({ where: { id: ids.live! }, data: { status: 'resolved', closedAt: NOW } });
    expect((await runRetention(deps())).counts).toMatchObject({ reports: 1, alerts: 1, heldByLiveAlerts: 0 });
    expect(await exists(ids.liveAlert!)).toBe(false);
    expect(await audits()).toHaveLength(2);
  });
});
