/**
 * The analysis use case: read the report, analyse its text (outside the transaction), then
 * in ONE transaction lock the report, pick its issue group, score urgency with the group's
 * growth, and write every analysis field, tag, band key and group counter. A worker killed
 * mid-job leaves nothing half-written; running it twice changes nothing.
 */
import type { Queue } from 'bullmq';
import { lockReport, readReport, writeAnalysis, writeTags, type ReportForAnalysis, type TagRow } from '../../db/repositories/analysis-repository.js';
import { groupGrowth, lockBands, writeBands, type Sql } from '../../db/repositories/issue-groups-repository.js';
import type { SqlExecutor } from '../../db/sql.js';
import type { Clock } from '../../domain/clock.js';
import type { Settings } from '../../domain/settings.js';
import type { UrgencyLevel } from '../../domain/vocabulary.js';
import type { Logger } from '../../logger.js';
import { enqueueAlertEvaluation } from '../../queue/jobs/alerts.js';
import { assignGroup, refreshGroup, type GroupAssignment } from '../issue-groups/assign.js';
import type { GroupThresholds } from '../issue-groups/decide.js';
import { bandKeys, shingles, type LshParams } from '../issue-groups/fingerprint.js';
import type { AnalysisContext, AnalysisContextProvider } from './analysis-context.js';
import { rescoreUrgency, type TextAnalysis } from './text-analysis.js';

/** What `analyzeReport` needs. */
export interface AnalysisDeps {
  /** Raw SQL on the hot path (Prisma's per-query CPU cost would cap throughput at ~35 reports/s). */
  sql: SqlExecutor;
  context: AnalysisContextProvider;
  /** The alerts queue; null when no alert evaluation should follow (benchmarks). */
  alertsQueue: Queue | null;
  clock: Clock;
  logger: Logger;
  grouping?: { thresholds?: GroupThresholds; lsh?: LshParams };
  /** Test seam: runs inside the transaction after every write, just before the commit. */
  beforeCommit?: (reportId: number) => Promise<void> | void;
}

/** What happened to the report. */
export type AnalysisOutcome =
  | { type: 'analysed'; reportId: number; groupId: number | null; groupCreated: boolean; urgencyLevel: UrgencyLevel; version: string }
  | { type: 'unchanged'; reportId: number; version: string }
  | { type: 'skipped'; reportId: number; reason: 'not_found' | 'withdrawn' };

const AUTO_TAGS = 3;
const AUTO_TAG_MIN = 0.1;

/**
 * Analyses one report (see the module comment). `force` re-analyses a report already
 * analysed with the current version; its group membership is kept either way.
 */
export async function analyzeReport(deps: AnalysisDeps, reportId: number, opts: { force?: boolean } = {}): Promise<AnalysisOutcome> {
  const ctx = await deps.context.get();
  const report = await readReport(deps.sql, reportId);
  const early = precheck(report, reportId, ctx.version, opts.force);
  if (early) return finish(deps, early);
  const r = report as ReportForAnalysis;
  const settings = await deps.context.settings(r.unitId);
  const text = ctx.analyzer.analyze(r, { high: settings.urgencyHigh, critical: settings.urgencyCritical });
  const keys = text.empty ? [] : bandKeys(shingles(text.nlp.text), deps.grouping?.lsh);
  const outcome = await deps.sql.transaction((tx) =>
    writeInTransaction(deps, tx, { reportId, ctx, text, settings, keys, force: opts.force ?? false }),
  );
  return finish(deps, outcome);
}

function precheck(report: ReportForAnalysis | null, reportId: number, version: string, force?: boolean): AnalysisOutcome | null {
  if (!report) return { type: 'skipped', reportId, reason: 'not_found' };
  if (report.status === 'withdrawn') return { type: 'skipped', reportId, reason: 'withdrawn' };
  if (report.status === 'analysed' && report.analysisVersion === version && !force) return { type: 'unchanged', reportId, version };
  return null;
}

async function finish(deps: AnalysisDeps, outcome: AnalysisOutcome): Promise<AnalysisOutcome> {
  const log = deps.logger.child({ reportId: outcome.reportId });
  if (outcome.type === 'skipped') {
    log.info({ reason: outcome.reason }, 'analysis skipped');
    return outcome;
  }
  if (outcome.type === 'analysed') log.info({ groupId: outcome.groupId, level: outcome.urgencyLevel }, 'report analysed');
  // After the commit (also when already analysed: a crash may have hit between commit and enqueue).
  if (deps.alertsQueue) await enqueueAlertEvaluation(deps.alertsQueue, outcome.reportId);
  return outcome;
}

interface WriteInput {
  reportId: number;
  ctx: AnalysisContext;
  text: TextAnalysis;
  settings: Settings;
  keys: string[];
  force: boolean;
}

async function writeInTransaction(deps: AnalysisDeps, tx: Sql, w: WriteInput): Promise<AnalysisOutcome> {
  const report = await lockReport(tx, w.reportId);
  const again = precheck(report, w.reportId, w.ctx.version, w.force);
  if (again) return again;
  const r = report as ReportForAnalysis & { leaderTopic: string | null };
  const firstTime = r.analysisVersion === null;
  await lockBands(tx, w.keys);
  const leader = r.leaderTopic;
  const topicSlug = leader ?? (w.text.empty ? 'other' : w.text.nlp.topics.top);
  const group = await chooseGroup(deps, tx, r, w, topicSlug);
  const urgency = await scoreWithGrowth(tx, r, w, topicSlug, group);
  const now = deps.clock();
  await writeAnalysis(tx, r.id, {
    analysedAt: now,
    analysisVersion: w.ctx.version,
    language: w.text.nlp.language,
    redactedContent: w.text.nlp.text,
    redactedProposal: w.text.redactedProposal,
    redactions: w.text.redactions,
    topicSlug,
    topicDisagreement: leader || w.text.empty ? false : w.text.nlp.topics.disagreement,
    textMood: w.text.empty ? 'neutral' : w.text.nlp.textMood.mood,
    moodScore: w.text.nlp.textMood.score,
    finalMood: w.text.empty ? 'neutral' : w.text.nlp.mood.mood,
    urgencyScore: urgency.score,
    urgencyLevel: urgency.level,
    urgencyReasons: urgency.stored,
    issueGroupId: group?.groupId ?? null,
    groupSimilarity: group?.similarity ?? null,
    groupSuggested: group?.suggested ?? false,
  });
  await writeTags(tx, r.id, tagRows(w.text, r.chosenTopic, w.ctx.topics), now, !firstTime);
  await writeBands(tx, r.id, w.keys, r.createdAt, !firstTime);
  if (group) await refreshGroup(tx, group.groupId, { forceLabel: group.created, locked: group.locked });
  await deps.beforeCommit?.(r.id);
  const out = { type: 'analysed', reportId: r.id, groupId: group?.groupId ?? null, groupCreated: group?.created ?? false };
  return { ...out, urgencyLevel: urgency.level, version: w.ctx.version } as AnalysisOutcome;
}

/** Keeps an existing membership (re-analysis, or a leader's move); otherwise assigns one. */
async function chooseGroup(deps: AnalysisDeps, tx: Sql, r: ReportForAnalysis, w: WriteInput, topic: string): Promise<GroupAssignment | null> {
  if (r.issueGroupId !== null) {
    return { groupId: r.issueGroupId, similarity: r.groupSimilarity, suggested: r.groupSuggested, created: false, locked: false };
  }
  if (w.text.empty) return null;
  const since = new Date(r.createdAt.getTime() - w.settings.groupWindowDays * 86_400_000);
  return assignGroup(tx, {
    reportId: r.id,
    text: w.text.nlp.text,
    bandKeys: w.keys,
    since,
    at: r.createdAt,
    mainTopic: topic,
    idf: w.ctx.idf,
    ...(deps.grouping?.thresholds ? { thresholds: deps.grouping.thresholds } : {}),
  });
}

async function scoreWithGrowth(tx: Sql, r: ReportForAnalysis, w: WriteInput, topic: string, group: GroupAssignment | null) {
  const hours = w.settings.fastSpreadHours;
  const growth = group
    ? await groupGrowth(tx, {
        groupId: group.groupId,
        since: new Date(r.createdAt.getTime() - hours * 3_600_000),
        until: r.createdAt,
        self: { id: r.id, unitId: r.unitId },
      })
    : null;
  return rescoreUrgency(w.text, {
    topicSlug: topic,
    sensitive: w.ctx.sensitive.has(topic),
    growth: growth ? { ...growth, windowHours: hours } : null,
    thresholds: { high: w.settings.urgencyHigh, critical: w.settings.urgencyCritical },
  });
}

/** The tagger's best topics (origin auto) and the collaborator's choice (origin collaborator). */
function tagRows(text: TextAnalysis, chosen: string | null, topics: ReadonlySet<string>): TagRow[] {
  const ranked = text.empty ? [{ slug: 'other', score: 1 }] : text.nlp.topics.ranked;
  const auto = ranked
    .filter((t, i) => topics.has(t.slug) && (i === 0 || t.score >= AUTO_TAG_MIN))
    .slice(0, AUTO_TAGS)
    .map((t, rank): TagRow => ({ topicSlug: t.slug, origin: 'auto', score: t.score, rank }));
  const own: TagRow[] = chosen && topics.has(chosen) ? [{ topicSlug: chosen, origin: 'collaborator', score: 1, rank: 0 }] : [];
  return [...auto, ...own];
}
