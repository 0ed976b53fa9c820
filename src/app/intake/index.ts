/** The intake use cases: joining, submitting (full and quick), listing and withdrawing reports. */
export { joinWithInvite, type Joiner } from './join-with-invite.js';
export { submitReport, quickReport, submissionKeyFor, isOverHourlyLimit, type Submitted, type SubmitRefusal } from './submit-report.js';
export { listMyReports, withdrawReport, isWithdrawable, WITHDRAW_WINDOW_MS, type MyReports, type WithdrawRefusal } from './my-reports.js';
export { DEFAULT_REPORTS_PER_HOUR, type IntakeDeps } from './deps.js';
export type { AnalysisRequests, IntakeRepos, Redeemer, ReportWriter } from './ports.js';
