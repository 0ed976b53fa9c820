/**
 * The "group growth" part of a report's urgency counts only the reports of the group inside
 * the subtree of the report's own unit: the score and its reasons are shown to that unit's
 * leaders and those above, who may not see a sibling's reports (issue 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeReport } from '../../../src/app/analysis/analyze-report.js';
import { createAnalysisFixture, type AnalysisFixture } from './fixture.js';

const TEXT = (place: string, i: number) => `Người dân ${place} bức xúc vì giá điện tháng này tăng gấp đôi, nhiều hộ kéo nhau lên điện lực hỏi cho ra lẽ lần ${i}.`;
type Reason = { code: string; detail?: string };

describe('urgency growth stays inside the report’s subtree', () => {
  let f: AnalysisFixture;
  beforeAll(async () => {
    f = await createAnalysisFixture(2);
  });
  afterAll(async () => f?.destroy());

  it('five reports in branch A add growth to the sixth in A, none to a near-identical one in sibling branch B', async () => {
    const at = (min: number) => new Date(Date.parse('2026-03-02T07:00:00Z') + min * 60_000);
    for (let i = 0; i < 5; i++) await analyzeReport(f.deps(), (await f.report({ unit: 0, content: TEXT('phường Alpha', i), at: at(i) })).id);
    const inA = await f.report({ unit: 0, content: TEXT('phường Alpha', 9), at: at(10) });
    const inB = await f.report({ unit: 1, content: TEXT('phường Alpha', 8), at: at(11) });
    await analyzeReport(f.deps(), inA.id);
    await analyzeReport(f.deps(), inB.id);
    const rows = await f.db.sql.query<{ id: number; issueGroupId: number; urgencyReasons: Reason[] }>(`SELECT id, "issueGroupId", "urgencyReasons" FROM "Report" WHERE id = ANY($1::int[]) ORDER BY id`, [[inA.id, inB.id]]);
    const [a, b] = rows;
    expect(b!.issueGroupId).toBe(a!.issueGroupId);
    const growth = (r: typeof a) => r!.urgencyReasons.find((x) => x.code === 'group_growth');
    expect(growth(a)?.detail).toMatch(/^6 reports from 1 units/);
    expect(growth(b)).toBeUndefined();
  });
});
