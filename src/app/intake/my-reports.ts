/**
 * A collaborator's own reports: the latest ten for /myreports, and withdrawing one within an
 * hour of sending it (after that, leaders may already have acted on it).
 */
import { err, ok, type Result } from '../../domain/result.js';
import type { Member, Report } from '../../domain/types.js';
import type { IntakeDeps } from './deps.js';

/** A report can be withdrawn within one hour of sending. */
export const WITHDRAW_WINDOW_MS = 3600_000;

/** Whether the report can still be withdrawn at `now`. */
export function isWithdrawable(report: Pick<Report, 'status' | 'createdAt'>, now: Date): boolean {
  return report.status !== 'withdrawn' && now.getTime() - report.createdAt.getTime() < WITHDRAW_WINDOW_MS;
}

/** The /myreports listing. */
export interface MyReports {
  reports: Report[];
  timezone: string;
  now: Date;
}

/** The member's latest 10 reports and the unit time zone to show dates in. */
export async function listMyReports(deps: Pick<IntakeDeps, 'repos' | 'clock'>, member: Pick<Member, 'id' | 'unitId'>): Promise<MyReports> {
  const [reports, unit] = await Promise.all([deps.repos.reports.latestOf(member.id, 10), deps.repos.units.get(member.unitId)]);
  return { reports, timezone: unit?.timezone ?? 'Asia/Ho_Chi_Minh', now: deps.clock() };
}

/** Why a withdrawal was refused. */
export type WithdrawRefusal = 'not_found' | 'too_late' | 'already_withdrawn';

/** Withdraws the member's own report within the window; anyone else's report is "not found". */
export async function withdrawReport(
  deps: Pick<IntakeDeps, 'repos' | 'clock'>,
  member: Pick<Member, 'id'>,
  reportId: number,
): Promise<Result<Report, WithdrawRefusal>> {
  const report = await deps.repos.reports.get(reportId);
  if (!report || report.memberId !== member.id) return err('not_found');
  if (report.status === 'withdrawn') return err('already_withdrawn');
  const now = deps.clock();
  if (!isWithdrawable(report, now)) return err('too_late');
  if (!(await deps.repos.reports.withdraw(report.id, member.id, now))) return err('already_withdrawn');
  return ok({ ...report, status: 'withdrawn', withdrawnAt: now });
}
