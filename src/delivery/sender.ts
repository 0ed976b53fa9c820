/**
 * Sends one recorded delivery to Telegram and records the outcome. The crash rule: a row is
 * marked `sending` (attempt stamped) before the call. A retry that finds a row still `sending`
 * after the in-flight grace cannot know whether Telegram got the first call, because
 * sendMessage is not idempotent and the Bot API cannot list a chat's messages. We choose
 * at-most-once there: a new message (send*) is NOT resent, the row fails with `outcome_unknown`
 * (visible, resendable by an operator; alerts are still backed by escalation). Edits are
 * idempotent (same text twice = "message is not modified"), so they are simply redone.
 *
 * A 5xx (or a network error once the request may have left) on a new message is ambiguous too:
 * Telegram may have delivered it before failing. Resending it blindly sent alerts 3–6 times in a
 * 502 storm, so each kind has a budget of blind resends (AMBIGUOUS_RESENDS, per delivery row);
 * past it the row fails `outcome_unknown` (alert cards are then sent again as a fresh card by
 * the alerts observer, within its own bound). Edits are retried up to the job's attempts:
 * a repeated edit cannot show twice. README, "Duplicates", gives the figures per kind.
 */
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { DeliveriesRepository, DeliveryRecord } from '../db/repositories/deliveries-repository.js';
import type { Logger } from '../logger.js';
import type { TelegramRateLimiter } from './limiter.js';

/** What happened to a delivery; observers (alerts, admin notices) react to it. */
export type SendOutcome =
  | { type: 'sent'; record: DeliveryRecord; messageId: number | null }
  | { type: 'failed'; record: DeliveryRecord; reason: string; blocked: boolean }
  | { type: 'retry'; delayMs: number; reason: string }
  | { type: 'skipped'; reason: string };

export interface SenderDeps {
  api: Api;
  deliveries: DeliveriesRepository;
  limiter: TelegramRateLimiter;
  logger: Logger;
  now: () => Date;
  /** A `sending` row younger than this may still be in flight elsewhere: wait, do not judge. */
  inFlightGraceMs?: number;
  /** Longest in-process wait for a reserved slot before handing the job back delayed. */
  maxInlineWaitMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Blind resends after an ambiguous failure of a new message, per kind: at most 1 + n copies per
 * delivery row. Alert cards get none here because the alerts observer sends them again as fresh
 * cards (MAX_RESENDS, app/alerts/observer.ts), spaced out, so one card costs at most
 * 1 + MAX_RESENDS copies; a digest or an admin notice lost is worse than one twice; a reminder
 * twice is worse than none; a broadcast or survey gets one resend. Other kinds: one.
 */
export const AMBIGUOUS_RESENDS: Readonly<Record<string, number>> = { alert: 0, digest: 1, notice: 1, reminder: 0, broadcast: 1, survey: 1 };

/** Network errors that prove the request never reached Telegram (safe to resend). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function neverLeft(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && typeof cur === 'object' && i < 6; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    cur = (cur as { error?: unknown; cause?: unknown }).error ?? (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Where a delivery stands in its job's retries. */
export interface AttemptInfo {
  /** The job's last attempt: a transient failure now is final. */
  lastAttempt: boolean;
  /** Transient failures (5xx, network) of this job so far. */
  transientFailures: number;
}
const isEdit = (method: string) => method.startsWith('edit');

/** Thrown for transient failures so that BullMQ's backoff retries the job. */
export class TransientDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientDeliveryError';
  }
}

function callPayload(record: DeliveryRecord, messageId: number | null): Record<string, unknown> {
  const { editOf: _e, photoBase64, ...rest } = record.payload as Record<string, unknown> & { editOf?: string; photoBase64?: string };
  const out: Record<string, unknown> = { chat_id: String(record.chatId), ...rest };
  if (messageId !== null) out.message_id = messageId;
  if (typeof photoBase64 === 'string') out.photo = new InputFile(Buffer.from(photoBase64, 'base64'), 'chart.png');
  return out;
}

function resultMessageId(result: unknown): number | null {
  if (result && typeof result === 'object' && typeof (result as { message_id?: unknown }).message_id === 'number') {
    return (result as { message_id: number }).message_id;
  }
  return null;
}

/** Checks a `sending` row left by an earlier attempt; returns an outcome when we must stop. */
async function judgeLeftover(d: SenderDeps, rec: DeliveryRecord): Promise<SendOutcome | null> {
  const age = d.now().getTime() - rec.updatedAt.getTime();
  const grace = d.inFlightGraceMs ?? 30_000;
  if (age < grace) return { type: 'retry', delayMs: grace - age, reason: 'attempt in flight' };
  if (isEdit(rec.method)) {
    await d.deliveries.release(rec.id, rec.attempts, 'previous attempt interrupted; edit redone');
    return null;
  }
  const reason = `outcome_unknown: attempt ${rec.attempts} was interrupted between the call and its record; not resent (at-most-once)`;
  await d.deliveries.markFailed(rec.id, rec.attempts, reason);
  d.logger.warn({ deliveryId: rec.id, attempt: rec.attempts }, 'delivery outcome unknown after a crash; not resent');
  return { type: 'failed', record: rec, reason, blocked: false };
}

/** For an edit: the message id to edit, or an outcome when it cannot (yet) be edited. */
async function resolveEditTarget(d: SenderDeps, rec: DeliveryRecord): Promise<{ messageId: number } | SendOutcome> {
  const editOf = typeof rec.payload.editOf === 'string' ? rec.payload.editOf : null;
  let messageId = typeof rec.payload.message_id === 'number' ? rec.payload.message_id : null;
  if (editOf) {
    const original = await d.deliveries.byKey(editOf);
    if (!original || original.status === 'failed') {
      const reason = 'original message was never sent';
      await d.deliveries.markFailed(rec.id, null, reason);
      return { type: 'failed', record: rec, reason, blocked: false };
    }
    if (original.status !== 'sent') return { type: 'retry', delayMs: 1000, reason: 'original not sent yet' };
    messageId = original.telegramMessageId;
  }
  if (messageId === null) {
    await d.deliveries.markFailed(rec.id, null, 'no message to edit');
    return { type: 'failed', record: rec, reason: 'no message to edit', blocked: false };
  }
  return { messageId };
}

/** True (and recorded) when a later edit of the same message exists: only the newest is sent. */
async function supersededEdit(d: SenderDeps, rec: DeliveryRecord, messageId: number): Promise<boolean> {
  const editOf = typeof rec.payload.editOf === 'string' ? rec.payload.editOf : null;
  if (!(await d.deliveries.hasNewerEdit(rec.id, rec.chatId, editOf, editOf ? null : messageId))) return false;
  await d.deliveries.markFailed(rec.id, null, 'superseded by a newer edit');
  return true;
}

/**
 * Waits for a rate-limit slot (holding the chat's in-flight lock); returns the lock token, or
 * a retry outcome when the wait is too long to hold a worker.
 */
async function takeSlot(d: SenderDeps, chatId: bigint, priority: number, paid = false): Promise<{ token: string } | SendOutcome> {
  const maxInline = d.maxInlineWaitMs ?? 1500;
  for (;;) {
    const a = await d.limiter.acquire(chatId, priority, paid);
    // A chat that is busy or limited hands the job back delayed, freeing the worker for other
    // chats; only the short global pace is waited out in place.
    if (!a.admitted && (a.reason === 'chat' || a.waitMs > maxInline)) return { type: 'retry', delayMs: a.waitMs, reason: 'rate limit' };
    if (!a.admitted) {
      await sleep(a.waitMs);
      continue;
    }
    const blocked = await d.limiter.blockedFor(chatId);
    if (blocked === 0) return { token: a.token };
    await d.limiter.done(chatId, a.token);
    return { type: 'retry', delayMs: blocked, reason: 'retry_after' };
  }
}

/** Classifies a failed call and records it; throws TransientDeliveryError for 5xx/network. */
async function onError(d: SenderDeps, rec: DeliveryRecord, attempt: number, e: unknown, info: AttemptInfo): Promise<SendOutcome> {
  const lastAttempt = info.lastAttempt;
  const ambiguous = !isEdit(rec.method) && ((e instanceof GrammyError && e.error_code >= 500) || (!(e instanceof GrammyError) && !neverLeft(e)));
  if (ambiguous && info.transientFailures >= (AMBIGUOUS_RESENDS[rec.kind] ?? 1)) {
    const what = e instanceof GrammyError ? `${e.error_code} ${e.description}` : `network: ${(e as Error)?.message ?? String(e)}`;
    const reason = `outcome_unknown: ${what} after the call (Telegram may have delivered it); not resent blindly again`;
    await d.deliveries.markFailed(rec.id, attempt, reason);
    d.logger.warn({ deliveryId: rec.id, kind: rec.kind, attempt, transientFailures: info.transientFailures }, 'ambiguous send failure: not resent');
    return { type: 'failed', record: rec, reason, blocked: false };
  }
  if (e instanceof GrammyError) {
    const code = e.error_code;
    if (code === 429) {
      const retryAfter = e.parameters.retry_after ?? 1;
      const { global } = await d.limiter.onTooManyRequests(rec.chatId, retryAfter);
      await d.deliveries.release(rec.id, attempt, `429 retry_after=${retryAfter}`);
      d.logger.warn({ deliveryId: rec.id, retryAfter, global }, 'telegram 429: obeying retry_after');
      return { type: 'retry', delayMs: retryAfter * 1000 + 100, reason: '429' };
    }
    if (code === 400 && isEdit(rec.method) && /message is not modified/i.test(e.description)) {
      await d.deliveries.markSent(rec.id, attempt, null, d.now());
      return { type: 'sent', record: rec, messageId: null };
    }
    if (code >= 500 && !lastAttempt) {
      await d.deliveries.release(rec.id, attempt, `${code} ${e.description}`);
      throw new TransientDeliveryError(`telegram ${code}`, { cause: e });
    }
    const reason = `${code} ${e.description}`;
    await d.deliveries.markFailed(rec.id, attempt, reason);
    return { type: 'failed', record: rec, reason, blocked: code === 403 };
  }
  const reason = e instanceof HttpError ? `network: ${e.message}` : `error: ${(e as Error)?.message ?? String(e)}`;
  if (lastAttempt) {
    await d.deliveries.markFailed(rec.id, attempt, reason);
    return { type: 'failed', record: rec, reason, blocked: false };
  }
  await d.deliveries.release(rec.id, attempt, reason);
  throw new TransientDeliveryError(reason, { cause: e });
}

/** Sends delivery `id` once, within the limits, and records what happened. */
export async function sendDelivery(d: SenderDeps, id: number, info: AttemptInfo): Promise<SendOutcome> {
  const rec = await d.deliveries.get(id);
  if (!rec || rec.status === 'sent' || rec.status === 'failed') return { type: 'skipped', reason: 'done' };
  if (rec.status === 'sending') {
    const stop = await judgeLeftover(d, rec);
    if (stop) return stop;
  }
  let messageId: number | null = null;
  if (isEdit(rec.method)) {
    const target = await resolveEditTarget(d, rec);
    if ('type' in target) return target;
    messageId = target.messageId;
    if (await supersededEdit(d, rec, messageId)) return { type: 'skipped', reason: 'superseded' };
  }
  // A paid broadcast (allow_paid_broadcast, survey messages only) keeps the per-chat limits but not the free global pace.
  const paid = rec.kind === 'survey' && rec.payload.allow_paid_broadcast === true;
  const slot = await takeSlot(d, rec.chatId, rec.lane * 10 + (isEdit(rec.method) ? 1 : 0), paid);
  if ('type' in slot) return slot;
  try {
    // Checked while holding the chat's in-flight lock: an older edit never lands after a newer one.
    if (messageId !== null && (await supersededEdit(d, rec, messageId))) return { type: 'skipped', reason: 'superseded' };
    return await sendClaimed(d, rec, messageId, info);
  } finally {
    await d.limiter.done(rec.chatId, slot.token);
  }
}

async function sendClaimed(d: SenderDeps, original: DeliveryRecord, messageId: number | null, info: AttemptInfo): Promise<SendOutcome> {
  const id = original.id;
  const attempt = await d.deliveries.claim(id);
  if (attempt === null) return { type: 'skipped', reason: 'claimed elsewhere' };
  const rec: DeliveryRecord = { ...original, attempts: attempt, status: 'sending' };
  try {
    const raw = d.api.raw as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>;
    const result = await raw[rec.method]!(callPayload(rec, messageId));
    const sentId = isEdit(rec.method) ? messageId : resultMessageId(result);
    await d.deliveries.markSent(id, attempt, sentId, d.now());
    return { type: 'sent', record: rec, messageId: sentId };
  } catch (e) {
    return onError(d, rec, attempt, e, info);
  }
}
