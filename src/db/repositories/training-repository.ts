/**
 * What leaders' feedback gives the training of the analysis model: their topic corrections
 * (`ReportTopic` rows of origin `leader`) and the reports of alerts they closed as false
 * alarms, each with the report's text as leaders saw it (redacted). Withdrawn reports and
 * reports never analysed are left out. Ordered by id, so that the same database gives the
 * same training examples (and so the same model version).
 */
import type { PrismaClient } from '../generated/client.js';

/** One piece of feedback, as a labelled text. */
export type FeedbackExample =
  | { readonly kind: 'topic_correction'; readonly reportId: number; readonly text: string; readonly topic: string }
  | { readonly kind: 'false_alarm'; readonly reportId: number; readonly text: string };

/** Every topic correction, the newest per report, oldest report first. */
export async function topicCorrections(prisma: PrismaClient): Promise<FeedbackExample[]> {
  const rows = await prisma.reportTopic.findMany({
    where: { origin: 'leader', report: { status: { not: 'withdrawn' }, redactedContent: { not: null } } },
    orderBy: [{ reportId: 'asc' }, { createdAt: 'desc' }],
    select: { reportId: true, topicSlug: true, report: { select: { redactedContent: true } } },
  });
  const seen = new Set<number>();
  const out: FeedbackExample[] = [];
  for (const r of rows) {
    if (seen.has(r.reportId)) continue;
    seen.add(r.reportId);
    out.push({ kind: 'topic_correction', reportId: r.reportId, text: r.report.redactedContent as string, topic: r.topicSlug });
  }
  return out;
}

/** The raising report of every alert closed as a false alarm, one per report, oldest first. */
export async function falseAlarms(prisma: PrismaClient): Promise<FeedbackExample[]> {
  const rows = await prisma.alert.findMany({
    where: { status: 'false_alarm', report: { status: { not: 'withdrawn' }, redactedContent: { not: null } } },
    orderBy: [{ reportId: 'asc' }, { id: 'asc' }],
    select: { reportId: true, report: { select: { redactedContent: true } } },
  });
  const seen = new Set<number>();
  const out: FeedbackExample[] = [];
  for (const r of rows) {
    if (seen.has(r.reportId)) continue;
    seen.add(r.reportId);
    out.push({ kind: 'false_alarm', reportId: r.reportId, text: r.report.redactedContent as string });
  }
  return out;
}

/** All feedback: topic corrections first, then false alarms. */
export async function trainingFeedback(prisma: PrismaClient): Promise<FeedbackExample[]> {
  return [...(await topicCorrections(prisma)), ...(await falseAlarms(prisma))];
}
