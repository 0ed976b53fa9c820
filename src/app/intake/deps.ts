/** What the intake use cases need: their ports (ports.ts), a clock and a logger. */
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../ports/logger.js';
import type { AnalysisRequests, IntakeRepos, ReportWriter } from './ports.js';

/** The intake use cases' dependencies. */
export interface IntakeDeps {
  repos: IntakeRepos;
  /** Raw-SQL write path for reports (`createReportIntake(db.sql)`); defaults to repos.reports. */
  reportIntake?: ReportWriter;
  clock: Clock;
  analysis: AnalysisRequests;
  logger: Logger;
  /** Reports a member may submit per rolling hour (friendly refusal beyond). */
  reportsPerHour?: number;
}

/** Reports a member may submit per rolling hour (PRODUCT: more than ~20 an hour is refused kindly). */
export const DEFAULT_REPORTS_PER_HOUR = 20;
