import { describe, expect, it } from 'vitest';
import {
  alertCardVars,
  decideTrigger,
  encodeAlertCallback,
  escalationDelayMs,
  formatReasons,
  levelFor,
  mayAct,
  parseAlertCallback,
  parseReasons,
  transition,
  unitAtStep,
  type AlertCardData,
} from '../../../src/domain/alerts.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings.js';

const base = { urgencyLevel: 'normal' as const, topicSensitive: false, groupReportsInWindow: 1, groupUnitsInWindow: 1 };

describe('decideTrigger', () => {
  it('raises on a critical report whatever the topic', () => {
    expect(decideTrigger({ ...base, urgencyLevel: 'critical' }, DEFAULT_SETTINGS)).toBe('critical_report');
  });
  it('raises on a high report only when the topic is sensitive', () => {
    expect(decideTrigger({ ...base, urgencyLevel: 'high', topicSensitive: true }, DEFAULT_SETTINGS)).toBe('high_sensitive');
    expect(decideTrigger({ ...base, urgencyLevel: 'high' }, DEFAULT_SETTINGS)).toBeNull();
  });
  it('raises on a fast-spreading group: both the report and the unit counts must be reached', () => {
    expect(decideTrigger({ ...base, groupReportsInWindow: 5, groupUnitsInWindow: 3 }, DEFAULT_SETTINGS)).toBe('fast_spread');
    expect(decideTrigger({ ...base, groupReportsInWindow: 5, groupUnitsInWindow: 2 }, DEFAULT_SETTINGS)).toBeNull();
    expect(decideTrigger({ ...base, groupReportsInWindow: 4, groupUnitsInWindow: 4 }, DEFAULT_SETTINGS)).toBeNull();
  });
  it('maps triggers to levels', () => {
    expect(levelFor('fast_spread', 'normal')).toBe('high');
    expect(levelFor('fast_spread', 'critical')).toBe('critical');
    expect(levelFor('high_sensitive', 'high')).toBe('high');
  });
});

describe('escalation ladder', () => {
  it('uses the per-level delay from settings', () => {
    expect(escalationDelayMs('critical', DEFAULT_SETTINGS)).toBe(30 * 60_000);
    expect(escalationDelayMs('high', DEFAULT_SETTINGS)).toBe(120 * 60_000);
    expect(escalationDelayMs('critical', { ...DEFAULT_SETTINGS, escalationCriticalMinutes: 0.005 })).toBe(300);
  });
  it('climbs self → root and stops past the root', () => {
    const ancestry = ['branch', 'committee', 'bloc'];
    expect([0, 1, 2, 3].map((s) => unitAtStep(ancestry, s))).toEqual(['branch', 'committee', 'bloc', null]);
  });
});

describe('mayAct', () => {
  const leader = { role: 'leader' as const, active: true, alertInSubtree: true, notified: true };
  it('lets a notified leader in scope and any admin act', () => {
    expect(mayAct(leader)).toEqual({ allowed: true });
    expect(mayAct({ role: 'admin', active: true, alertInSubtree: false, notified: false })).toEqual({ allowed: true });
  });
  it('refuses collaborators, leaders of other subtrees, leaders never notified and inactive members', () => {
    expect(mayAct({ ...leader, role: 'collaborator' })).toMatchObject({ allowed: false, reason: 'not_leader' });
    expect(mayAct({ ...leader, alertInSubtree: false })).toMatchObject({ allowed: false, reason: 'out_of_scope' });
    expect(mayAct({ ...leader, notified: false })).toMatchObject({ allowed: false, reason: 'not_notified' });
    expect(mayAct({ ...leader, active: false })).toMatchObject({ allowed: false, reason: 'inactive' });
  });
});

describe('transition', () => {
  it('acknowledges only open alerts and closes open or acknowledged ones', () => {
    expect(transition('open', 'ack')).toEqual({ ok: true, to: 'acknowledged' });
    expect(transition('acknowledged', 'ack')).toEqual({ ok: false, reason: 'already_acknowledged' });
    expect(transition('acknowledged', 'resolve')).toEqual({ ok: true, to: 'resolved' });
    expect(transition('open', 'false_alarm')).toEqual({ ok: true, to: 'false_alarm' });
    expect(transition('resolved', 'false_alarm')).toEqual({ ok: false, reason: 'already_closed' });
  });
});

describe('callback data', () => {
  it('round-trips every action within 64 bytes', () => {
    for (const a of ['ack', 'resolve', 'false_alarm', 'details'] as const) {
      const data = encodeAlertCallback(2_000_000_000, a);
      expect(data.length).toBeLessThanOrEqual(64);
      expect(parseAlertCallback(data)).toEqual({ alertId: 2_000_000_000, action: a });
    }
  });
  it('rejects forged or malformed data', () => {
    for (const bad of ['al:1:x', 'al:0:a', 'al:-1:a', 'al:01:a', 'al:1:a:extra', 'al:99999999999:a', 'xx:1:a', '', 'al::a']) {
      expect(parseAlertCallback(bad)).toBeNull();
    }
  });
});

describe('card rendering data', () => {
  const card: AlertCardData = {
    alertId: 7,
    level: 'critical',
    status: 'open',
    trigger: 'critical_report',
    reasons: [],
    unitPath: ['Bloc', 'Committee <A>'],
    topicName: 'Economy & life',
    mood: 'angry',
    spread: 'online',
    quote: 'They said <b>"strike"</b> & more',
    references: ['R-2026-000001', 'R-2026-000002'],
    reportCount: 2,
    unitCount: 1,
    actorName: '<script>',
  };
  it('escapes every free text for Telegram HTML', () => {
    const v = alertCardVars(card, '');
    expect(v.quote).toBe('They said &lt;b&gt;&quot;strike&quot;&lt;/b&gt; &amp; more');
    expect(v.unitPath).toBe('Bloc › Committee &lt;A&gt;');
    expect(v.topic).toBe('Economy &amp; life');
    expect(v.actor).toBe('&lt;script&gt;');
  });
  it('formats reasons strongest first and parses stored JSON defensively', () => {
    const reasons = parseReasons([{ code: 'mood', points: 20 }, { code: 'trigger', points: 35, detail: 'đình công' }, { bad: 1 }, 'x']);
    expect(reasons).toHaveLength(2);
    expect(formatReasons(reasons, (r) => r.detail ?? r.code)).toBe('đình công (+35); mood (+20)');
    expect(parseReasons(null)).toEqual([]);
  });
});
