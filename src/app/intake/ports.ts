/**
 * What the intake use cases (joining, submitting, listing and withdrawing one's reports) need,
 * declared here and implemented by the repositories of src/db and the analysis queue.
 */
import type { InviteRefusal } from '../../domain/invites.js';
import type { Result } from '../../domain/result.js';
import type { Member, NewReport, Report, Unit } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';

/** The Telegram person redeeming an invite. */
export interface Redeemer {
  telegramUserId: bigint;
  chatId: bigint;
  displayName: string;
  username: string | null;
  language: Language | null;
}

/** The write path of reports: one idempotent insert per submission key. */
export interface ReportWriter {
  create(input: NewReport, now: Date): Promise<{ report: Pick<Report, 'id' | 'reference'>; created: boolean }>;
  countByMemberSince(memberId: number, since: Date): Promise<number>;
}

export interface IntakeRepos {
  members: { findByTelegramId(telegramUserId: bigint): Promise<Member | null> };
  invites: { redeem(codeHash: string, who: Redeemer, now: Date): Promise<Result<Member, InviteRefusal>> };
  reports: ReportWriter & {
    get(id: number): Promise<Report | null>;
    latestOf(memberId: number, take?: number): Promise<Report[]>;
    withdraw(id: number, memberId: number, now: Date): Promise<boolean>;
  };
  units: { get(id: number): Promise<Unit | null> };
}

/** Asks for a report's analysis (idempotent: one job per report). */
export interface AnalysisRequests {
  request(reportId: number): Promise<void>;
}
