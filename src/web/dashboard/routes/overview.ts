/** GET / — the overview of the viewer's subtree over 7, 30, 90 or 365 days, with charts and their tables. */
import type { FastifyInstance } from 'fastify';
import { overviewFor, PERIODS, type PeriodDays } from '../../../app/dashboard/views.js';
import type { OverviewData, Period } from '../../../app/dashboard/ports.js';
import { MOODS } from '../../../domain/vocabulary.js';
import { addDays, addMonths, formatLocalDate, isoWeekday, localDateOf } from '../../../domain/zoned-time.js';
import { chartKit } from '../charts.js';
import { choiceParam, onlyParams, pageContext, renderPage } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

const MOOD_COLORS: Record<string, string> = { supportive: '#3c9d5d', neutral: '#6b7280', skeptical: '#c2a30a', worried: '#d9822b', angry: '#b8433d', unknown: '#c9ced6' };

/** The first local day of every bucket (day, week from Monday, month) of the period, oldest first. */
export function bucketsOf(p: Period): string[] {
  const first = localDateOf(p.from, p.timezone);
  let d = p.bucket === 'week' ? addDays(first, 1 - isoWeekday(first)) : p.bucket === 'month' ? { ...first, d: 1 } : first;
  const last = formatLocalDate(localDateOf(new Date(p.to.getTime() - 1), p.timezone));
  const out: string[] = [];
  for (let i = 0; i < 400 && formatLocalDate(d) <= last; i += 1) {
    out.push(formatLocalDate(d));
    d = p.bucket === 'week' ? addDays(d, 7) : p.bucket === 'month' ? addMonths(d, 1) : addDays(d, 1);
  }
  return out;
}

/** Chart data: mood per day, the top topics per day, topics now vs before. */
export async function overviewCharts(data: OverviewData, p: Period, t: (k: string) => string, topicName: (slug: string) => string) {
  const { stackedBars, horizontalBars } = await chartKit();
  const days = bucketsOf(p);
  const label = (d: string) => (p.bucket === 'month' ? `${d.slice(5, 7)}/${d.slice(0, 4)}` : `${d.slice(8, 10)}/${d.slice(5, 7)}`);
  const moods = [...MOODS, 'unknown'].filter((m) => data.daily.some((r) => r.mood === m));
  const moodSeries = moods.map((m) => ({ name: t(`web-mood-${m}`), color: MOOD_COLORS[m] ?? '#999', values: days.map((d) => data.daily.filter((r) => r.day === d && r.mood === m).reduce((a, r) => a + r.n, 0)) }));
  const top = data.topics.slice(0, 6).map((x) => x.topic);
  const topicSeries = top.map((slug) => ({ name: topicName(slug), values: days.map((d) => data.dailyTopics.find((r) => r.day === d && r.topic === slug)?.n ?? 0) }));
  const rest = days.map((d) => data.dailyTopics.filter((r) => r.day === d && !top.includes(r.topic)).reduce((a, r) => a + r.n, 0));
  if (rest.some((n) => n > 0)) topicSeries.push({ name: t('web-topic-others'), values: rest });
  const topics = data.topics.slice(0, 12);
  return {
    days: days.map(label),
    moodSeries,
    moodChart: stackedBars(days.map(label), moodSeries),
    topicChart: stackedBars(days.map(label), topicSeries),
    topicCompare: horizontalBars(topics.map((x) => topicName(x.topic)), [
      { name: t('web-period-current'), values: topics.map((x) => x.n) },
      { name: t('web-period-previous'), values: topics.map((x) => x.prev) },
    ]),
  };
}

export async function overviewRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  app.get('/', async (req, reply) => {
    const q = onlyParams(req.query, ['days', 'notice', 'problem']);
    const days = choiceParam(q.days, PERIODS, 'days', 30) as PeriodDays;
    const viewer = req.viewer!;
    const [{ data, period }, topics] = await Promise.all([overviewFor(deps.dashboard, viewer, days), deps.dashboard.topics.list(false)]);
    const ctx = await pageContext(deps, req, reply);
    const topicName = (slug: string) => {
      const found = topics.find((x) => x.slug === slug);
      return found ? (req.lang === 'en' ? found.nameEn : found.nameVi) : slug;
    };
    const charts = await overviewCharts(data, period, ctx.t, topicName);
    return renderPage(reply, 'overview', { ...ctx, title: ctx.t('web-nav-overview'), data, days, periods: PERIODS, charts, topicName });
  });
}
