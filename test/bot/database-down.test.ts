import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportIntake } from '../../src/db/repositories/index.js';
import { createHarness, fillReport, type Harness } from './harness.js';

describe('the database fails at Submit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h?.destroy());

  it('says the draft is kept, shows the review card again, and a second Submit stores the report once', async () => {
    const real = createReportIntake(h.db.sql);
    let failures = 1;
    h.bot = h.newBot({
      reportIntake: {
        ...real,
        create: async (input, now) => {
          if (failures-- > 0) throw new Error('connection terminated unexpectedly');
          return real.create(input, now);
        },
      },
    });
    const u = h.user();
    const member = await h.member(u);
    await fillReport(h, u, 'Bà con phàn nàn giá điện tháng này tăng gần gấp đôi.');
    await h.press(u, 'Gửi');
    const texts = h.api.textsTo(u.id);
    expect(texts.at(-2)).toMatch(/chưa lưu được báo cáo. Bản nháp vẫn được giữ/);
    expect(texts.at(-1)).toMatch(/Vui lòng kiểm tra báo cáo[\s\S]*giá điện tháng này/);
    expect(await h.repos.reports.latestOf(member.id)).toHaveLength(0);

    // the review card is still there: pressing Submit again goes through
    await h.press(u, 'Gửi');
    expect(h.lastText(u)).toMatch(/R-2026-\d{6}/);
    const stored = await h.repos.reports.latestOf(member.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.content).toBe('Bà con phàn nàn giá điện tháng này tăng gần gấp đôi.');
  });
});
