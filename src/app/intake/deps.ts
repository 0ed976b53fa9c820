/** What the intake use cases need: repositories, a clock, the analysis queue and a logger. */
import type { Queue } from 'bullmq';
import type { ReportIntake, Repositories } from '../../db/repositories/index.js';
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../../logger.js';
import type { AnalyzeJob } from '../../queue/jobs/analyze.js';

/** The intake use cases' dependencies. */
export interface IntakeDeps {
  repos: Repositories;
  /** Raw-SQL write path for reports (`createReportIntake(db.sql)`); defaults to repos.reports. */
  reportIntake?: Pick<ReportIntake, 'create' | 'countByMemberSince'>;
  clock: Clock;
  analysisQueue: Queue<AnalyzeJob>;
  logger: Logger;
  /** Reports a member may submit per rolling hour (friendly refusal beyond). */
  reportsPerHour?: number;
}

/** Reports a member may submit per rolling hour (PRODUCT: more than ~20 an hour is refused kindly). */
export const DEFAULT_REPORTS_PER_HOUR = 20;
