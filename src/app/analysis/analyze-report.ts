/**
 * The analysis use case. In ONE transaction: lock the report row, analyse its text (a
 * millisecond of CPU), lock its LSH bands, pick its issue group, score urgency with the
 * group's growth, and write every analysis field, tag, band key and group counter. A worker
 * killed mid-job leaves nothing half-written; running it twice changes nothing. The steps are
 * the AnalysisStore's (raw SQL on purpose: a handful of statements per report).
 */
import type { Clock } from '../../domain/clock.js';
import type { Settings } from '../../domain/settings.js';
import type { UrgencyLevel } from '../../domain/vocabulary.js';
import type { Logger } from '../ports/logger.js';
import { assignGroup, refreshGroup, type GroupAssignment } from '../issue-groups/assign.js';
import type { GroupThresholds } from '../issue-groups/decide.js';
import { bandKeys, shingles, storedBandKeys, type LshParams } from '../issue-groups/fingerprint.js';
import type { AnalysisContext, AnalysisContextProvider } from './analysis-context.js';
import type { AlertEvaluations, AnalysisStore, AnalysisTx, ReportForAnalysis, TagRow } from './ports.js';
import { rescoreUrgency, type TextAnalysis } from './text-analysis.js';

/** What `analyzeReport` needs. */
export interface AnalysisDeps {
  /** One transaction per report over its row, bands, group and analysis fields. */
  store: AnalysisStore;
  context: AnalysisContextProvider;
  /** Asks for the alert evaluation that follows; null when none should (benchmarks). */
  evaluations: AlertEvaluations | null;
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

type LockedReport = ReportForAnalysis & { leaderTopic: string | null };

const AUTO_TAGS = 3;
const AUTO_TAG_MIN = 0.1;

/**
 * Analyses one report (see the module comment). `force` re-analyses a report already
 * analysed with the current version; its group membership is kept either way.
 */
export async function analyzeReport(deps: AnalysisDeps, reportId: number, opts: { force?: boolean } = {}): Promise<AnalysisOutcome> {
  const ctx = await deps.context.get();
  const outcome = await deps.store.transaction((tx) => analyseLocked(deps, tx, ctx, reportId, opts.force ?? false));
  const log = deps.logger.child({ reportId });
  if (outcome.type === 'skipped') {
    log.info({ reason: outcome.reason }, 'analysis skipped');
    return outcome;
  }
  if (outcome.type === 'analysed') log.debug({ groupId: outcome.groupId, level: outcome.urgencyLevel }, 'report analysed');
  // After the commit (also when already analysed: a crash may have hit between commit and enqueue).
  // A report that joined an existing group is evaluated after those that may raise a new alert.
  const joined = outcome.type === 'analysed' && outcome.groupId !== null && !outcome.groupCreated;
  if (deps.evaluations) await deps.evaluations.request(reportId, { joined });
  return outcome;
}

function precheck(report: ReportForAnalysis | null, reportId: number, version: string, force: boolean): AnalysisOutcome | null {
  if (!report) return { type: 'skipped', reportId, reason: 'not_found' };
  if (report.status === 'withdrawn') return { type: 'skipped', reportId, reason: 'withdrawn' };
  if (report.status === 'analysed' && report.analysisVersion === version && !force) return { type: 'unchanged', reportId, version };
  return null;
}

interface Work {
  r: LockedReport;
  ctx: AnalysisContext;
  text: TextAnalysis;
  settings: Settings;
  keys: string[];
  topicSlug: string;
}

async function analyseLocked(deps: AnalysisDeps, tx: AnalysisTx, ctx: AnalysisContext, reportId: number, force: boolean): Promise<AnalysisOutcome> {
  const r = await tx.lockReport(reportId);
  const early = precheck(r, reportId, ctx.version, force);
  if (early) return early;
  const report = r as LockedReport;
  const settings = await deps.context.settings(report.unitId, tx);
  const text = ctx.analyzer.analyze(report, { high: settings.urgencyHigh, critical: settings.urgencyCritical });
  const keys = text.empty ? [] : bandKeys(shingles(text.nlp.text), deps.grouping?.lsh);
  const topicSlug = report.leaderTopic ?? (text.empty ? 'other' : text.nlp.topics.top);
  const w: Work = { r: report, ctx, text, settings, keys, topicSlug };
  await tx.lockBands(keys);
  const group = await chooseGroup(deps, tx, w);
  const urgency = await scoreWithGrowth(tx, w, group);
  const now = deps.clock();
  const finalMood = text.empty ? 'neutral' : text.nlp.mood.mood;
  await tx.writeAnalysis(
    report.id,
    {
      analysedAt: now,
      analysisVersion: ctx.version,
      language: text.nlp.language,
      redactedContent: text.nlp.text,
      redactedProposal: text.redactedProposal,
      redactions: text.redactions,
      topicSlug,
      topicDisagreement: report.leaderTopic || text.empty ? false : text.nlp.topics.disagreement,
      textMood: text.empty ? 'neutral' : text.nlp.textMood.mood,
      moodScore: text.nlp.textMood.score,
      finalMood,
      urgencyScore: urgency.score,
      urgencyLevel: urgency.level,
      urgencyReasons: urgency.stored,
      issueGroupId: group?.groupId ?? null,
      groupSimilarity: group?.similarity ?? null,
      groupSuggested: group?.suggested ?? false,
    },
    { tags: tagRows(text, report.chosenTopic, ctx.topics), bandKeys: storedBandKeys(keys, report.createdAt), bandsAt: report.createdAt, replace: report.analysisVersion !== null },
  );
  // A new group was written complete; a joined (or kept) one is recomputed from its members.
  if (group && !group.created) await refreshGroup(tx, group.groupId, { locked: group.locked });
  await deps.beforeCommit?.(report.id);
  return { type: 'analysed', reportId, groupId: group?.groupId ?? null, groupCreated: group?.created ?? false, urgencyLevel: urgency.level, version: ctx.version };
}

/** Keeps an existing membership (re-analysis, or a leader's move); otherwise assigns one. */
async function chooseGroup(deps: AnalysisDeps, tx: AnalysisTx, w: Work): Promise<GroupAssignment | null> {
  const { r } = w;
  if (r.issueGroupId !== null) {
    return { groupId: r.issueGroupId, similarity: r.groupSimilarity, suggested: r.groupSuggested, created: false, locked: false };
  }
  if (w.text.empty) return null;
  return assignGroup(tx, {
    reportId: r.id,
    text: w.text.nlp.text,
    bandKeys: w.keys,
    since: new Date(r.createdAt.getTime() - w.settings.groupWindowDays * 86_400_000),
    first: { mainTopic: w.topicSlug, mood: w.text.nlp.mood.mood, at: r.createdAt },
    idf: w.ctx.idf,
    ...(deps.grouping?.thresholds ? { thresholds: deps.grouping.thresholds } : {}),
  });
}

async function scoreWithGrowth(tx: AnalysisTx, w: Work, group: GroupAssignment | null) {
  const hours = w.settings.fastSpreadHours;
  const growth =
    group && !group.created
      ? await tx.groupGrowth({
          groupId: group.groupId,
          since: new Date(w.r.createdAt.getTime() - hours * 3_600_000),
          until: w.r.createdAt,
          self: { id: w.r.id, unitId: w.r.unitId },
        })
      : { reports: 1, units: 1 };
  return rescoreUrgency(w.text, {
    topicSlug: w.topicSlug,
    sensitive: w.ctx.sensitive.has(w.topicSlug),
    growth: { ...growth, windowHours: hours },
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
