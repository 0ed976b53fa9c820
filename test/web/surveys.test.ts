/**
 * Survey pages of the dashboard over real HTTP (in-process) and a real database: the builder
 * (problems, preview, create), the results of a leader's subtree only, charts, redacted text
 * answers, and the CSV/XLSX exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, startSurvey } from '../../src/app/surveys/answer.js';
import { surveyStoreOf } from '../../src/compose/surveys.js';
import { openWebHarness, type WebHarness } from './harness.js';

describe('survey pages', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await openWebHarness();
  });
  afterAll(async () => h?.close());

  const form = (over: Record<string, string> = {}) => ({
    title: 'Ý kiến về bệnh viện',
    intro: 'Hai câu hỏi.',
    closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16).replace('T', ' '),
    q1kind: 'single',
    q1text: 'Bạn có hài lòng không?',
    q1options: 'Có\nKhông',
    q2kind: 'text',
    q2text: 'Góp ý',
    q2max: '100',
    ...over,
  });

  it('the builder shows every problem, previews, then creates for the leader\'s subtree only', async () => {
    const c = await h.signIn(h.org.healthLeader);
    await c.get('/surveys/new');
    const bad = await c.post('/surveys/new', form({ title: '', q1options: 'Có', action: 'create' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('title: là bắt buộc');
    expect(bad.body).toContain('questions.1.options: cần ít nhất 2 đáp án');
    await c.get('/surveys/new');
    const outside = await c.post('/surveys/new', form({ units: String(h.org.school.id), action: 'create' }));
    expect(outside.status).toBe(400);
    expect(outside.body).toContain(`có đơn vị ${h.org.school.id} nằm ngoài phạm vi của bạn`);
    await c.get('/surveys/new');
    const preview = await c.post('/surveys/new', form({ action: 'preview' }));
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Bạn có hài lòng không?');
    expect(preview.body).toMatch(/disabled>1\. Có</);
    const created = await c.post('/surveys/new', form({ action: 'create' }));
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/surveys\/\d+\?notice=survey_created$/);
  });

  it('results: a leader sees their subtree only, small groups hidden, text answers redacted, exports', async () => {
    const store = surveyStoreOf(h.rt);
    const c = await h.signIn(h.org.blocLeader);
    await c.get('/surveys/new');
    const res = await c.post('/surveys/new', form({ action: 'create', q1text: 'Hài lòng với dịch vụ?' }));
    const id = Number(/\/surveys\/(\d+)/.exec(res.location ?? '')![1]);
    await h.rt.repos.settings.set(null, 'surveyMinGroupSize', 1);
    await store.schedule(id, new Date(Date.now() - 1000));
    const { openSurvey } = await import('../../src/app/surveys/lifecycle.js');
    const { surveyLifecycleDeps } = await import('../../src/compose/surveys.js');
    const life = surveyLifecycleDeps(h.rt);
    await openSurvey(life, id);
    await life.close();
    const answerDeps = { surveys: store, clock: () => new Date() };
    for (const [m, a, text] of [
      [h.org.nurse, 0, 'gọi tôi 0912 345 678'],
      [h.org.teacher, 1, 'trường học tốt lắm'],
    ] as const) {
      await startSurvey(answerDeps, m, id);
      await answerQuestion(answerDeps, m, id, 1, a);
      await answerQuestion(answerDeps, m, id, 2, text);
    }
    const page = await c.get(`/surveys/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Hài lòng với dịch vụ?');
    expect(page.body).toContain('[phone]');
    expect(page.body).not.toContain('0912 345 678');
    expect(page.body).toContain('data:image/svg+xml;base64');
    expect(page.body).toContain('Đảng ủy Sở Y tế');
    expect(page.body).toContain('Đảng ủy Sở Giáo dục');

    const health = await h.signIn(h.org.healthLeader);
    const mine = await health.get(`/surveys/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('[phone]');
    expect(mine.body).not.toContain('trường học tốt lắm');
    expect(page.body).toContain('trường học tốt lắm');
    expect(mine.body).not.toContain('Đảng ủy Sở Giáo dục');
    const school = await h.signIn(h.org.educationLeader);
    expect((await school.get(`/surveys/${id}`)).body).not.toContain('[phone]');

    const csv = await c.bytes(`/surveys/${id}/export.csv`);
    expect(csv.status).toBe(200);
    const text = csv.body.toString('utf8');
    expect(text).toContain('Hài lòng với dịch vụ?');
    expect(text).toContain('[phone]');
    expect(text).not.toContain('0912');
    const xlsx = await c.bytes(`/surveys/${id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    await h.rt.repos.settings.unset(null, 'surveyMinGroupSize');
    const hidden = await health.get(`/surveys/${id}`);
    expect(hidden.body).toContain('ít hơn 5 câu trả lời');
    expect(hidden.body).not.toContain('[phone]');
  });
});
