/**
 * All repositories over one database: Prisma for most statements; the driver directly (`sql`)
 * for the alert path's hottest reads, where Prisma's per-statement CPU (~1 ms against ~0.15 ms,
 * bench/alert-raise-cost.ts) bounded how many alerts one process raises a second.
 */
import type { Database } from '../client.js';
import { createAuditRepository } from './audit-repository.js';
import { createAlertsRepository } from './alerts-repository.js';
import { createDeliveriesRepository } from './deliveries-repository.js';
import { createInvitesRepository } from './invites-repository.js';
import { createMembersRepository } from './members-repository.js';
import { createReportsRepository } from './reports-repository.js';
import { createSettingsRepository } from './settings-repository.js';
import { createTopicsRepository } from './topics-repository.js';
import { createUnitsRepository } from './units-repository.js';

export type Repositories = ReturnType<typeof createRepositories>;

export function createRepositories(db: Pick<Database, 'prisma' | 'sql'>) {
  const { prisma, sql } = db;
  return {
    units: createUnitsRepository(prisma, sql),
    members: createMembersRepository(prisma),
    invites: createInvitesRepository(prisma),
    reports: createReportsRepository(prisma),
    settings: createSettingsRepository(prisma),
    topics: createTopicsRepository(prisma),
    audit: createAuditRepository(prisma),
    alerts: createAlertsRepository(prisma, sql),
    deliveries: createDeliveriesRepository(prisma),
  };
}

export type { UnitsRepository, NewUnit } from './units-repository.js';
export type { MembersRepository, NewMember } from './members-repository.js';
export type { InvitesRepository, NewInvite, Redeemer } from './invites-repository.js';
export type { ReportsRepository } from './reports-repository.js';
export type { SettingsRepository } from './settings-repository.js';
export type { TopicsRepository } from './topics-repository.js';
export type { AuditRepository, AuditEntry } from './audit-repository.js';
export type { AlertsRepository, AlertRecord, RecipientRecord, AlertReport } from './alerts-repository.js';
export type { DeliveriesRepository, DeliveryRecord } from './deliveries-repository.js';
export { createMemberLookup, type MemberLookup } from './member-lookup-repository.js';
export { createReportIntake, type ReportIntake, type StoredReport } from './report-intake-repository.js';
export type { IssueGroupSummary, CandidateRow, Sql } from './issue-groups-repository.js';
export type { ReportForAnalysis, AnalysisFields, TagRow, StoredModel } from './analysis-repository.js';
