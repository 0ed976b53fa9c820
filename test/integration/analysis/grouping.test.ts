import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupStore } from '../../../src/db/stores/analysis-store.js';
import { analyzeReport } from '../../../src/app/analysis/analyze-report.js';
import { listIssueGroups, mergeGroups, moveReport } from '../../../src/app/issue-groups/manage.js';
import { NOW, createAnalysisFixture, type AnalysisFixture } from './fixture.js';

const PETROL = [
  'Giá xăng tăng mạnh từ hôm qua, người dân và tài xế xe ôm bức xúc vì chi phí đi lại tăng cao.',
  'Tài xế xe ôm công nghệ bức xúc vì giá xăng tăng mạnh từ hôm qua, chi phí đi lại tăng cao quá.',
  'Người dân phàn nàn giá xăng tăng mạnh từ hôm qua, tài xế xe ôm nói chi phí đi lại quá cao.',
];
const TUITION = 'Phụ huynh phấn khởi vì học sinh tiểu học được miễn học phí từ năm học mới ở các trường công lập.';
const FLOOD = [
  'Lũ quét trong đêm cuốn trôi cầu treo bản Nậm Cang, hàng chục hộ dân bị cô lập hoàn toàn.',
  'Hàng chục hộ dân bản Nậm Cang bị cô lập hoàn toàn sau khi lũ quét trong đêm cuốn trôi cầu treo.',
];
const HOSPITAL = [
  'Bệnh viện huyện thiếu thuốc điều trị tiểu đường, bệnh nhân bảo hiểm y tế phải tự mua ngoài.',
  'Bệnh nhân bảo hiểm y tế phải tự mua thuốc tiểu đường bên ngoài vì bệnh viện huyện thiếu thuốc.',
  'Bệnh viện huyện tiếp tục thiếu thuốc tiểu đường, bệnh nhân có bảo hiểm y tế phải tự mua ngoài.',
  'Tình trạng bệnh viện huyện thiếu thuốc tiểu đường khiến bệnh nhân bảo hiểm y tế phải mua ngoài.',
];

describe('issue groups', () => {
  let f: AnalysisFixture;
  const groupOf = async (reportId: number) =>
    f.db.prisma.report.findUniqueOrThrow({ where: { id: reportId }, select: { issueGroupId: true, groupSuggested: true, groupSimilarity: true } });
  beforeAll(async () => {
    f = await createAnalysisFixture(4);
  });
  afterAll(async () => f?.destroy());

  let petrolGroup = 0;
  let tuitionGroup = 0;
  let petrolIds: number[] = [];

  it('similar reports from different units join one group; an unrelated one does not', async () => {
    petrolIds = [];
    for (const [i, content] of PETROL.entries()) {
      const r = await f.report({ unit: i, content, mood: 'angry', chosenTopic: 'economy' });
      await analyzeReport(f.deps(), r.id);
      petrolIds.push(r.id);
    }
    const groups = await Promise.all(petrolIds.map(groupOf));
    petrolGroup = groups[0]?.issueGroupId as number;
    expect(groups.map((g) => g.issueGroupId)).toEqual([petrolGroup, petrolGroup, petrolGroup]);
    expect(groups[1]?.groupSimilarity).toBeGreaterThan(0.3);
    const g = await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: petrolGroup } });
    expect(g).toMatchObject({ reportCount: 3, unitCount: 3, mainTopic: 'economy', status: 'open' });
    expect(g.moodMix).toMatchObject({ angry: 3, neutral: 0 });
    expect(g.title.length).toBeGreaterThan(10);
    expect(g.topTerms.join(' ')).toMatch(/xang/);

    const t = await f.report({ unit: 3, content: TUITION });
    await analyzeReport(f.deps(), t.id);
    tuitionGroup = (await groupOf(t.id)).issueGroupId as number;
    expect(tuitionGroup).not.toBe(petrolGroup);
  });

  it('a text of a few words never auto-attaches on its own', async () => {
    const r = await f.report({ unit: 1, content: 'Giá xăng tăng mạnh' });
    await analyzeReport(f.deps(), r.id);
    const g = await groupOf(r.id);
    expect(g.issueGroupId === petrolGroup && !g.groupSuggested).toBe(false);
  });

  it('groups last seen outside the window are not candidates', async () => {
    const old = await f.report({ unit: 0, content: FLOOD[0] as string, at: new Date(NOW.getTime() - 20 * 86_400_000) });
    await analyzeReport(f.deps(), old.id);
    const fresh = await f.report({ unit: 1, content: FLOOD[1] as string });
    await analyzeReport(f.deps(), fresh.id);
    const [a, b] = [await groupOf(old.id), await groupOf(fresh.id)];
    expect(a.issueGroupId).not.toBeNull();
    expect(b.issueGroupId).not.toBe(a.issueGroupId);
    // Inside the window the same two texts do group (so the test above can fail).
    const again = await f.report({ unit: 2, content: FLOOD[0] as string });
    await analyzeReport(f.deps(), again.id);
    expect((await groupOf(again.id)).issueGroupId).toBe(b.issueGroupId);
  });

  it('similar reports analysed at the same time end in one group with exact counts', async () => {
    const reports = await Promise.all(HOSPITAL.map((content, i) => f.report({ unit: i, content, mood: 'worried' })));
    await Promise.all(reports.map((r) => analyzeReport(f.deps(), r.id)));
    const ids = new Set((await Promise.all(reports.map((r) => groupOf(r.id)))).map((g) => g.issueGroupId));
    expect(ids.size).toBe(1);
    const g = await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: [...ids][0] as number } });
    expect(g).toMatchObject({ reportCount: 4, unitCount: 4 });
  });

  it('merges two groups and moves a report, with audit entries and recomputed counters', async () => {
    const deps = { groups: createGroupStore(f.db.sql, f.db.prisma), clock: () => NOW };
    const actor = { kind: 'member' as const, memberId: f.leader.id };
    const before = (await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: petrolGroup } })).reportCount;
    expect(await mergeGroups(deps, { sourceId: tuitionGroup, targetId: tuitionGroup, actor })).toEqual({ ok: false, error: 'same_group' });
    expect(await mergeGroups(deps, { sourceId: tuitionGroup, targetId: petrolGroup, actor })).toEqual({ ok: true, value: { moved: 1 } });
    const source = await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: tuitionGroup } });
    expect(source).toMatchObject({ status: 'merged', mergedIntoId: petrolGroup, reportCount: 0 });
    expect(await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: petrolGroup } })).toMatchObject({ reportCount: before + 1, unitCount: 4 });
    expect(await mergeGroups(deps, { sourceId: tuitionGroup, targetId: petrolGroup, actor })).toEqual({ ok: false, error: 'group_not_open' });
    const mergeAudit = await f.repos.audit.forEntity('issue_group', petrolGroup);
    expect(mergeAudit.map((a) => a.action)).toContain('issue_group.merge');

    const other = await f.report({ unit: 3, content: 'Cử tri đề nghị sửa đường liên xã bị sụt lún nghiêm trọng sau mùa mưa, xe máy đi lại rất nguy hiểm.' });
    await analyzeReport(f.deps(), other.id);
    const otherGroup = (await groupOf(other.id)).issueGroupId as number;
    const moved = await moveReport(deps, { reportId: petrolIds[2] as number, groupId: otherGroup, actor });
    expect(moved).toEqual({ ok: true, value: { fromGroupId: petrolGroup } });
    expect(await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: otherGroup } })).toMatchObject({ reportCount: 2, unitCount: 2 });
    expect(await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: petrolGroup } })).toMatchObject({ reportCount: before, unitCount: 3 });
    expect(await moveReport(deps, { reportId: petrolIds[2] as number, groupId: tuitionGroup, actor })).toEqual({ ok: false, error: 'group_not_open' });
    const moveAudit = await f.repos.audit.forEntity('report', petrolIds[2] as number);
    expect(moveAudit[0]).toMatchObject({ action: 'issue_group.move_report', actorKind: 'member', actorId: f.leader.id });

    const listed = await listIssueGroups(deps, { limit: 10 });
    const petrol = listed.find((g) => g.id === petrolGroup);
    expect(petrol).toMatchObject({ reportCount: before, mainTopic: 'economy' });
    expect(petrol?.units).toHaveLength(3);
    expect(listed.map((g) => g.reportCount)).toEqual([...listed.map((g) => g.reportCount)].sort((x, y) => y - x));
    expect(listed.some((g) => g.id === tuitionGroup)).toBe(false);
  });
});
