import { describe, expect, it } from 'vitest';
import { parseSurveyTime, validateSurvey } from '../../../src/domain/survey.js';
import { completeAnswers, parseTypedAnswer, toggle } from '../../../src/domain/survey-answers.js';
import { anonymityCells, breakdown, planCohorts, tally } from '../../../src/domain/survey-results.js';
import type { SurveyQuestion } from '../../../src/domain/survey.js';

const NOW = new Date('2026-12-01T01:00:00Z');
const TZ = 'Asia/Ho_Chi_Minh';

const good = {
  title: 'Ý kiến về dịch vụ công',
  titleEn: 'Public services',
  intro: 'Vài câu hỏi ngắn.',
  opensAt: '2026-12-01 09:00',
  closesAt: '2026-12-03 17:00',
  remindAt: '2026-12-02 09:00',
  anonymous: true,
  audience: { unitIds: [3], roles: ['collaborator'] },
  questions: [
    { kind: 'single', text: 'Bạn hài lòng không?', options: ['Có', 'Không'] },
    { kind: 'multiple', text: 'Dịch vụ nào?', options: ['Điện', 'Nước', 'Y tế'], required: false },
    { kind: 'scale', text: 'Chấm điểm' },
    { kind: 'text', text: 'Góp ý', maxLength: 20, required: false },
  ],
};

const q = (over: Partial<SurveyQuestion>): SurveyQuestion => ({
  position: 1, kind: 'single', text: 'Q', textEn: null, options: ['Hài lòng', 'Bình thường', 'Không hài lòng'], optionsEn: ['Satisfied', 'Neutral', 'Unsatisfied'], required: true, maxLength: null, ...over,
});

describe('survey definition', () => {
  it('accepts a good definition, reading local times in the unit zone', () => {
    const r = validateSurvey(good, TZ, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.opensAt.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(r.value.closesAt.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(r.value.questions.map((x) => [x.position, x.kind, x.required, x.maxLength])).toEqual([
      [1, 'single', true, null],
      [2, 'multiple', false, null],
      [3, 'scale', true, null],
      [4, 'text', false, 20],
    ]);
    expect(r.value.audienceRoles).toEqual(['collaborator']);
  });

  it('returns every problem at once with its path', () => {
    const r = validateSurvey(
      {
        title: '',
        closesAt: '2026-11-30 10:00',
        remindAt: 'tomorrow',
        audience: { roles: ['boss'] },
        questions: [{ kind: 'single', text: 'x', options: ['a'] }, { kind: 'poll', text: 'y' }, { kind: 'text', text: 'z', maxLength: 5000 }, ...Array.from({ length: 9 }, () => ({ kind: 'scale', text: 's' }))],
      },
      TZ,
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const codes = r.error.map((p) => `${p.path}:${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'title:required',
        'closesAt:in-the-past',
        'remindAt:bad-time',
        'audience.roles:unknown-role',
        'questions:too-many-questions',
        'questions.1.options:too-few-options',
        'questions.2.kind:unknown-kind',
        'questions.3.maxLength:bad-length',
      ]),
    );
  });

  it('needs at least one question and a close after the open', () => {
    const r = validateSurvey({ ...good, questions: [], closesAt: '2026-12-01 08:00' }, TZ, NOW);
    expect(r.ok ? [] : r.error.map((p) => p.code)).toEqual(expect.arrayContaining(['too-few-questions', 'closes-before-opening', 'reminder-outside-window']));
  });

  it('reads instants with a zone as they are and refuses zoneless ISO', () => {
    expect(parseSurveyTime('2026-12-01T08:00:00Z', TZ)?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(parseSurveyTime('2026-12-01T08:00:00', TZ)).toBeNull();
    expect(parseSurveyTime('2026-13-01 08:00', TZ)).toBeNull();
  });
});

describe('typed survey answers', () => {
  it('single choice by number, by word with or without diacritics, in English', () => {
    for (const typed of ['1', 'Hài lòng', 'hai long', 'satisfied']) expect(parseTypedAnswer(q({}), typed)).toEqual({ ok: true, value: 0 });
    expect(parseTypedAnswer(q({}), 'khong hai long')).toEqual({ ok: true, value: 2 });
    expect(parseTypedAnswer(q({}), '7')).toEqual({ ok: false, error: 'not-an-option' });
    expect(parseTypedAnswer(q({}), 'maybe')).toEqual({ ok: false, error: 'not-an-option' });
  });

  it('multiple choice as numbers or words, de-duplicated and sorted', () => {
    const m = q({ kind: 'multiple', options: ['Điện', 'Nước', 'Y tế'], optionsEn: [] });
    expect(parseTypedAnswer(m, '3, 1')).toEqual({ ok: true, value: [0, 2] });
    expect(parseTypedAnswer(m, 'dien nuoc')).toEqual({ ok: true, value: [0, 1] });
    expect(parseTypedAnswer(m, 'Y tế')).toEqual({ ok: true, value: [2] });
    expect(parseTypedAnswer(m, '1 9')).toEqual({ ok: false, error: 'not-an-option' });
  });

  it('scale 1–5 as digits or number words', () => {
    const s = q({ kind: 'scale', options: [], optionsEn: [] });
    expect(parseTypedAnswer(s, '4')).toEqual({ ok: true, value: 4 });
    expect(parseTypedAnswer(s, 'năm')).toEqual({ ok: true, value: 5 });
    expect(parseTypedAnswer(s, 'two')).toEqual({ ok: true, value: 2 });
    expect(parseTypedAnswer(s, '6')).toEqual({ ok: false, error: 'not-a-scale' });
  });

  it('short text within its limit; skip only when optional', () => {
    const t = q({ kind: 'text', options: [], optionsEn: [], maxLength: 10 });
    expect(parseTypedAnswer(t, ' ổn cả ')).toEqual({ ok: true, value: 'ổn cả' });
    expect(parseTypedAnswer(t, 'quá dài so với giới hạn')).toEqual({ ok: false, error: 'too-long' });
    expect(parseTypedAnswer(t, '😀')).toEqual({ ok: false, error: 'empty' });
    expect(parseTypedAnswer(q({ kind: 'text', required: false, maxLength: 10 }), 'bỏ qua')).toEqual({ ok: true, value: null });
    expect(parseTypedAnswer(q({}), 'skip')).toEqual({ ok: false, error: 'required' });
    expect(parseTypedAnswer(q({ required: false }), 'bo qua')).toEqual({ ok: true, value: null });
  });

  it('toggles and completes', () => {
    expect(toggle(toggle([2], 0), 2)).toEqual([0]);
    const qs = [q({ position: 1 }), q({ position: 2, required: false })];
    expect(completeAnswers(qs, { '1': 0 })).toEqual({ ok: true, value: { '1': 0, '2': null } });
    expect(completeAnswers(qs, { '2': 1 })).toEqual({ ok: false, error: { position: 1 } });
  });
});

describe('survey arithmetic', () => {
  it('cohorts follow the pace', () => {
    expect(planCohorts(50_000, 20)).toEqual({ size: 100, intervalMs: 5_000, cohorts: 500 });
    expect(planCohorts(50_000, 20, 60_000)).toEqual({ size: 1200, intervalMs: 60_000, cohorts: 42 });
    expect(planCohorts(10, 200, 1000)).toEqual({ size: 200, intervalMs: 1000, cohorts: 1 });
  });

  it('anonymity cells climb to an ancestor with at least k recipients', () => {
    // 1 ─ 2 ─ 4 (2 people), 5 (1) ; 1 ─ 3 (6)
    const parent = new Map<number, number | null>([[1, null], [2, 1], [3, 1], [4, 2], [5, 2]]);
    const cells = anonymityCells(new Map([[4, 2], [5, 1], [3, 6]]), parent, 1, 3);
    expect(Object.fromEntries(cells)).toEqual({ 4: 2, 5: 2, 3: 3 });
    expect(Object.fromEntries(anonymityCells(new Map([[4, 2], [5, 1], [3, 6]]), parent, 1, 5))).toEqual({ 4: 1, 5: 1, 3: 3 });
  });

  it('tallies every kind and hides small groups', () => {
    const qs = [q({ position: 1 }), q({ position: 2, kind: 'multiple' }), q({ position: 3, kind: 'scale' }), q({ position: 4, kind: 'text' })];
    const rows = [
      { '1': 0, '2': [0, 1], '3': 5, '4': 'tốt' },
      { '1': 2, '2': [1], '3': 3, '4': null },
    ];
    const t = tally(qs, rows);
    expect(t[0]).toMatchObject({ answered: 2, counts: [1, 0, 1], shares: [0.5, 0, 0.5] });
    expect(t[1]).toMatchObject({ answered: 2, counts: [1, 2, 0] });
    expect(t[2]).toMatchObject({ answered: 2, counts: [0, 0, 1, 0, 1], mean: 4 });
    expect(t[3]).toMatchObject({ answered: 1, texts: ['tốt'] });
    const b = breakdown(new Map([[7, rows], [8, rows.slice(0, 1)]]), 2, (r) => r.length);
    expect(b).toEqual([{ unitId: 7, responses: 2, suppressed: false, value: 2 }, { unitId: 8, responses: 1, suppressed: true }]);
  });
});
