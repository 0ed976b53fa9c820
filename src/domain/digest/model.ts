/**
 * The digest as data: everything a leader's digest says, computed by SQL aggregation in
 * src/app/digests and rendered (text + chart) from this one object. Only redacted report
 * text ever enters it.
 */
import type { Mood } from '../vocabulary.js';
import type { DigestPeriod } from './periods.js';

/** A number in this period and in the previous one. */
export interface Compared {
  current: number;
  previous: number;
}

export interface TopicLine {
  slug: string;
  nameVi: string;
  nameEn: string;
  count: number;
  previous: number;
}

export interface Quote {
  reference: string;
  text: string;
}

export interface IssueGroupLine {
  id: number;
  title: string;
  count: number;
  units: number;
  previous: number;
  quotes: Quote[];
}

export interface AlertLine {
  id: number;
  level: string;
  trigger: string;
  status: string;
  title: string | null;
  reference: string;
  unitName: string;
  reportCount: number;
  unitCount: number;
  createdAt: Date;
}

export interface ProposalLine {
  reference: string;
  unitName: string;
  text: string;
}

export interface NamedCount {
  id: number;
  name: string;
}

export interface InactiveMember {
  id: number;
  name: string;
  unitName: string;
  lastReportAt: Date | null;
}

export interface DigestModel {
  unit: { id: number; name: string };
  period: DigestPeriod;
  key: string;
  tz: string;
  from: Date;
  to: Date;
  /** Display bounds (local dates, inclusive). */
  firstDate: string;
  lastDate: string;
  headline: {
    reports: Compared;
    collaborators: Compared;
    units: Compared;
    /** Reports per day over the 7 days before the period started. */
    avgPerDay7: number;
    /** Reports per day in this period (its length in days, at least 1). */
    perDay: number;
  };
  moods: Record<Mood, number>;
  topics: TopicLine[];
  /** topic slug → mood → count, for the chart. */
  topicMoods: { slug: string; mood: Mood; count: number }[];
  groups: IssueGroupLine[];
  alerts: AlertLine[];
  proposals: ProposalLine[];
  silentUnits: { items: NamedCount[]; total: number };
  inactiveMembers: { items: InactiveMember[]; total: number; days: number };
  /** Reports per local day for the 7 days ending with the period's last day. */
  volume7: { date: string; count: number }[];
}
