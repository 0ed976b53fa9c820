/**
 * Plain domain objects that repositories return (no Prisma types leak past src/db).
 * Telegram ids are bigint: they exceed 2^31 and may exceed 2^53 in future.
 */
import type { Language, Mood, ReportStatus, Role, Source, Spread, TopicSlug, UrgencyLevel } from './vocabulary.js';

export interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  depth: number;
  /** Ancestor ids from the root down to this unit, inclusive. */
  path: number[];
  timezone: string;
  digestTime: string;
  active: boolean;
  createdAt: Date;
}

export interface Member {
  id: number;
  telegramUserId: bigint;
  chatId: bigint | null;
  displayName: string;
  username: string | null;
  role: Role;
  unitId: number;
  language: Language | null;
  active: boolean;
  reachable: boolean;
  lastSeenAt: Date | null;
  lastReportAt: Date | null;
  joinedAt: Date;
}

export interface Invite {
  id: number;
  unitId: number;
  role: Role;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  revokedAt: Date | null;
  createdById: number | null;
  label: string | null;
}

/** What a collaborator submits; validated before it reaches the repository. */
export interface NewReport {
  memberId: number;
  unitId: number;
  submissionKey?: string | null;
  chosenTopic: TopicSlug | null;
  content: string;
  proposal: string | null;
  mood: Mood | null;
  spread: Spread | null;
  source: Source | null;
  attachmentFileId?: string | null;
  attachmentKind?: 'photo' | 'document' | null;
  quick?: boolean;
}

export interface Report extends Required<NewReport> {
  id: number;
  reference: string;
  status: ReportStatus;
  createdAt: Date;
  withdrawnAt: Date | null;
  analysedAt: Date | null;
  redactedContent: string | null;
  topicSlug: string | null;
  finalMood: Mood | null;
  urgencyScore: number | null;
  urgencyLevel: UrgencyLevel | null;
  issueGroupId: number | null;
}

export interface Topic {
  slug: string;
  nameVi: string;
  nameEn: string;
  keywords: string[];
  sensitive: boolean;
  active: boolean;
  sortOrder: number;
}
