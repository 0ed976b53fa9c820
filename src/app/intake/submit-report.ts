/**
 * Stores a report and hands it to the analysis. The report is committed first (status
 * `received`) and the person gets the reference whatever happens next; only then is the
 * analysis asked for. When the queue is down the request fails quietly and the reconciler
 * (app/reconcile) asks again later: nothing typed is lost.
 */
import { createHash } from 'node:crypto';
import { draftToReport, quickToReport, type ReportDraft } from '../../domain/report-draft.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Member, Report } from '../../domain/types.js';
import { DEFAULT_REPORTS_PER_HOUR, type IntakeDeps } from './deps.js';

/** Why a submission was refused (the draft is kept). */
export type SubmitRefusal = 'inactive' | 'rate_limited' | 'invalid';

/** A stored submission. */
export interface Submitted {
  report: Pick<Report, 'id' | 'reference'>;
  /** False when this draft had already been submitted (a double tap). */
  created: boolean;
  /** False when the analysis could not be asked for now (the reconciler will). */
  enqueued: boolean;
}

/** The idempotency key of one draft of one member: a double tap on Submit stores once. */
export function submissionKeyFor(memberId: number, draftNonce: string): string {
  return createHash('sha256').update(`${memberId}:${draftNonce}`).digest('hex').slice(0, 32);
}

/** Submits a full or quick draft for the member. */
export async function submitReport(
  deps: IntakeDeps,
  member: Pick<Member, 'id' | 'unitId' | 'active'>,
  draft: ReportDraft,
  opts: { nonce: string; quick: boolean },
): Promise<Result<Submitted, SubmitRefusal>> {
  if (!member.active) return err('inactive');
  const key = submissionKeyFor(member.id, opts.nonce);
  const who = { memberId: member.id, unitId: member.unitId };
  const input = opts.quick ? quickToReport(draft, who, key) : draftToReport(draft, who, key);
  if (input.content.length < 1) return err('invalid');
  const now = deps.clock();
  if (await isOverHourlyLimit(deps, member.id, now)) return err('rate_limited');
  const { report, created } = await (deps.reportIntake ?? deps.repos.reports).create(input, now);
  const enqueued = await tryEnqueue(deps, report.id);
  return ok({ report, created, enqueued });
}

/** True when the member already sent the hourly maximum of reports. */
export async function isOverHourlyLimit(
  deps: Pick<IntakeDeps, 'repos' | 'reportIntake' | 'reportsPerHour'>,
  memberId: number,
  now: Date,
): Promise<boolean> {
  const max = deps.reportsPerHour ?? DEFAULT_REPORTS_PER_HOUR;
  const since = new Date(now.getTime() - 3600_000);
  return (await (deps.reportIntake ?? deps.repos.reports).countByMemberSince(memberId, since)) >= max;
}

async function tryEnqueue(deps: IntakeDeps, reportId: number): Promise<boolean> {
  try {
    await withTimeout(deps.analysis.request(reportId), 2000);
    return true;
  } catch (e) {
    deps.logger.warn({ reportId, err: (e as Error).message }, 'analysis request failed; the reconciler will ask again');
    return false;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A quick report: the text (and attachment) as typed, topic and mood left to the analysis. */
export function quickReport(
  deps: IntakeDeps,
  member: Pick<Member, 'id' | 'unitId' | 'active'>,
  draft: ReportDraft,
  nonce: string,
): Promise<Result<Submitted, SubmitRefusal>> {
  return submitReport(deps, member, draft, { nonce, quick: true });
}
