/**
 * Runs over every unit that has leaders: the scheduled-run catch-up at start-up and the
 * demo's end-of-week digests. Each unit's digest is built once and sent to its leaders;
 * everything is idempotent through the Digest ledger and the delivery keys.
 */
import { SCHEDULED_PERIODS, digestWindow, type DigestPeriod, type ScheduledPeriod } from '../../domain/digest/periods.js';
import { htmlToText, renderDigestMessages } from '../../domain/digest/render.js';
import { addDays, localDateOf } from '../../domain/zoned-time.js';
import { digestTranslator, runScheduledDigest, sendUnitDigests, type SendDigestDeps, type SendDigestResult } from './send-digest.js';

/** Summary of a run over many units. */
export interface RunSummary {
  units: number;
  sent: number;
  alreadySent: number;
  skipped: number;
}

function tally(summary: RunSummary, results: SendDigestResult[]): void {
  for (const r of results) {
    if (r.type === 'sent') summary.sent += 1;
    else if (r.type === 'already_sent') summary.alreadySent += 1;
    else summary.skipped += 1;
  }
}

/** How late a missed scheduled digest may still be sent by the catch-up (default 7 days). */
export const CATCH_UP_MAX_LATENESS_MS = 7 * 86_400_000;

/**
 * For every unit with leaders and every scheduled period: send the digest of the latest
 * fire instant if it was not sent (a missed run after downtime is sent once, never twice).
 * Fires older than `maxLatenessMs` are skipped: after a long outage (or on a first start) a
 * leader gets yesterday's digest and this week's summary, not last month's.
 */
export async function catchUpDigests(
  deps: SendDigestDeps,
  periods: readonly ScheduledPeriod[] = SCHEDULED_PERIODS,
  maxLatenessMs = CATCH_UP_MAX_LATENESS_MS,
): Promise<RunSummary> {
  const summary: RunSummary = { units: 0, sent: 0, alreadySent: 0, skipped: 0 };
  for (const unitId of await deps.read.unitsWithLeaders()) {
    summary.units += 1;
    for (const period of periods) tally(summary, (await runScheduledDigest(deps, unitId, period, { maxLatenessMs })).results);
  }
  return summary;
}

/**
 * The end of the demo's simulated week: sends every leader the digest of the last 7 days
 * (default; or a calendar period containing yesterday) and returns the plain text of one of
 * them (the unit with the most reports, in Vietnamese) for the demo to print.
 */
export async function produceDemoDigests(deps: SendDigestDeps, opts: { period?: DigestPeriod } = {}): Promise<{ summary: RunSummary; text: string | null }> {
  const period = opts.period ?? 'last7';
  const summary: RunSummary = { units: 0, sent: 0, alreadySent: 0, skipped: 0 };
  let best: { reports: number; text: string } | null = null;
  for (const unitId of await deps.read.unitsWithLeaders()) {
    const unit = await deps.units.get(unitId);
    if (!unit) continue;
    const now = deps.clock();
    const yesterday = addDays(localDateOf(now, unit.timezone), -1);
    const { model, results } = await sendUnitDigests(deps, unit, digestWindow(period, yesterday, now, unit.timezone));
    summary.units += 1;
    tally(summary, results);
    if (model && (!best || model.headline.reports.current > best.reports)) {
      const text = renderDigestMessages(model, digestTranslator(deps.t, 'vi'), 'vi').map(htmlToText).join('\n\n');
      best = { reports: model.headline.reports.current, text };
    }
  }
  return { summary, text: best?.text ?? null };
}
