/**
 * The input/output side of the report conversation: sending prompts in the person's language,
 * and waiting for the next answer while handling everything that is not an answer — stale or
 * forged buttons (always answered), commands typed mid-flow, edited messages, stickers, a
 * deactivated member, and a draft left idle for 24 hours (given back, then dropped).
 * Every clock read, member check and taxonomy lookup goes through `conversation.external`, so
 * a replay decides exactly what the first run decided.
 */
import type { Conversation } from '@grammyjs/conversations';
import type { Context, InlineKeyboard } from 'grammy';
import { isDraftIdle, type Attachment, type ReportDraft } from '../../domain/report-draft.js';
import type { Clock } from '../../domain/clock.js';
import type { Language } from '../../domain/vocabulary.js';
import type { BotContext } from '../context.js';
import type { DraftRecord, DraftStore } from '../draft-store.js';
import { pickLanguage, type Translate } from '../i18n.js';
import { parseFlowData, type FlowCode } from '../keyboards/callback-data.js';
import type { TopicOption } from '../keyboards/report.js';
import { draftEcho } from '../views/review-card.js';

/** The draft index's time of last activity is refreshed at most this often. */
const DRAFT_INDEX_REFRESH_MS = 60_000;

/** Commands that, typed mid-flow, ask the current question again. */
const REPROMPT = /^\/(report|start)(@\w+)?(\s|$)/;

/** The conversation handle type of the report flow. */
export type FlowConversation = Conversation<BotContext, Context>;

/** What the conversation needs from the member at each step (JSON-safe: stored in the replay log). */
export interface Snapshot {
  now: number;
  active: boolean;
  lang: Language;
}

/** Reads the outer context's member (loaded by the membership middleware) and the clock. */
export function snapshot(octx: BotContext, clock: Clock): Snapshot {
  const m = octx.member;
  return { now: clock().getTime(), active: !!m?.active, lang: pickLanguage(m?.language, octx.from?.language_code) };
}

/** A button press as the flow sees it. */
type ButtonVerdict = { kind: 'foreign' } | { kind: 'forged' } | { kind: 'stale' } | { kind: 'ok'; code: FlowCode; value: string };

/** What one update brings, decided once (inside `external`) and replayed from the log after. */
interface Arrival extends Snapshot {
  verdict: ButtonVerdict | null;
}

/** What the person did in answer to a question. `date` is Telegram's (seconds). */
export type Answer =
  | { kind: 'button'; code: FlowCode; value: string }
  | { kind: 'text'; text: string; date: number }
  | { kind: 'media'; caption: string; attachment: Attachment }
  | { kind: 'reprompt' }
  | { kind: 'other' };

/** What the flow's I/O needs. */
export interface FlowIODeps {
  t: Translate;
  clock: Clock;
  topics: () => readonly TopicOption[];
  /** The index of drafts in progress (for giving back drafts idle for 24 h or lost). */
  drafts?: DraftStore;
}

/** What the draft index holds before the first write of a flow. */
export const NOT_INDEXED: DraftRecord = { echo: '', lang: 'vi', at: 0 };

/**
 * What one question of the flow hands to the next (JSON-safe: it becomes the argument of the
 * next conversation run, see report-flow.ts): the nonce in every button, the person's
 * language, the last activity, the draft, the pending prefix, what the draft index holds.
 */
export interface FlowCarry {
  nonce: string;
  lang: Language;
  last: number;
  draft: ReportDraft;
  prefix: string;
  indexed: DraftRecord;
  /**
   * The highest message id this flow has taken (0: none). Telegram hands an update again when
   * the bot stopped before confirming it, after the flow had already stored its effect; message
   * ids only grow within a chat, so a message at or below this one was taken and is skipped.
   * Absent in states stored before it existed.
   */
  seen?: number;
}

/** One conversation's I/O state: nonce, language, last activity, the draft being built. */
export class FlowIO {
  lang: Language;
  /** Text put before the next prompt (e.g. the privacy reminder). */
  prefix: string;
  /** Content being gathered at the content step (not yet in the draft). */
  gathered = '';
  readonly nonce: string;
  readonly draft: ReportDraft;
  private last: number;
  private ctx: Context;
  /** What the draft index last received (written again only when it changes). */
  private indexed: DraftRecord;
  /** See `FlowCarry.seen`. */
  private seen: number;

  constructor(
    readonly conv: FlowConversation,
    readonly deps: FlowIODeps,
    carry: FlowCarry,
    ctx: Context,
  ) {
    this.nonce = carry.nonce;
    this.lang = carry.lang;
    this.last = carry.last;
    this.draft = carry.draft;
    this.prefix = carry.prefix;
    this.indexed = carry.indexed;
    this.seen = carry.seen ?? 0;
    this.ctx = ctx;
  }

  /** The state to carry into the next question's run. */
  carry(): FlowCarry {
    return { nonce: this.nonce, lang: this.lang, last: this.last, draft: this.draft, prefix: this.prefix, indexed: this.indexed, seen: this.seen };
  }

  t(key: string, vars?: Record<string, string | number>): string {
    return this.deps.t(this.lang, key, vars);
  }

  /**
   * Sends an HTML message (with the pending prefix, if any). Text and keyboard are built inside
   * `external`, so a replay neither rebuilds them nor resends; the log keeps `null` instead of
   * Telegram's whole Message. A message that cannot be sent does not end the flow: the person
   * is told (if Telegram lets us) and their next message goes on from here, draft intact.
   */
  async send(text: string | (() => string), keyboard?: () => InlineKeyboard): Promise<void> {
    const prefix = this.prefix;
    this.prefix = '';
    const chatId = this.ctx.chat!.id;
    // The draft index is written when what it gives back changed, or its time is a minute old
    // (decided outside `external` from replayed values, so a replay decides the same).
    const echo = this.echo();
    const touch = echo !== this.indexed.echo || this.lang !== this.indexed.lang || this.last - this.indexed.at >= DRAFT_INDEX_REFRESH_MS;
    if (touch) this.indexed = { echo, lang: this.lang, at: this.last };
    const record = this.indexed;
    const lang = this.lang;
    await this.conv.external(async (octx: BotContext) => {
      const body = typeof text === 'string' ? text : text();
      const other = { parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard() } : {}) };
      try {
        await octx.api.sendMessage(chatId, prefix ? `${prefix}\n\n${body}` : body, other);
      } catch (e) {
        octx.log.warn({ err: (e as Error).message }, 'report flow message not sent; the draft is kept');
        await octx.api.sendMessage(chatId, this.deps.t(lang, 'common-error')).catch(() => undefined);
      }
      if (touch) await this.deps.drafts?.touch(chatId, record).catch(() => undefined);
      return null;
    });
  }

  /** What the person typed so far, escaped (given back when the draft is dropped). */
  echo(): string {
    return draftEcho({ ...this.draft, content: this.gathered || this.draft.content });
  }

  /** Removes the draft from the index (the flow ended: submitted, cancelled, dropped). */
  async finish(): Promise<void> {
    const chatId = this.ctx.chat!.id;
    await this.conv.external(() => this.deps.drafts?.clear(chatId).then(() => null) ?? null);
  }

  /**
   * Waits for the next update that is an answer; `expect` lists the button codes valid now.
   * One `external` per update reads the member and the clock, judges a button press and
   * answers it: the fewer ops per update, the less every later replay has to walk through.
   */
  async next(expect: readonly FlowCode[]): Promise<Answer> {
    for (;;) {
      const c = await this.conv.wait();
      this.ctx = c;
      const last = this.last;
      const data = c.callbackQuery ? (c.callbackQuery.data ?? '') : null;
      const s = await this.conv.external((octx: BotContext) => this.arrive(octx, data, expect, last));
      if (!s.active) {
        await this.finish();
        return this.conv.halt();
      }
      if (isDraftIdle(last, s.now)) await this.drop(s.lang);
      this.last = s.now;
      this.lang = s.lang;
      const answer = await this.classify(c, s.verdict);
      if (answer) return answer;
    }
  }

  /** What a button press is to the flow; null for other updates. */
  private verdict(data: string | null, expect: readonly FlowCode[]): ButtonVerdict | null {
    if (data === null) return null;
    // Buttons of other features (alerts, language, withdraw) are theirs, even mid-flow.
    if (!data.startsWith('r:')) return { kind: 'foreign' };
    const b = parseFlowData(data);
    const knownTopic = (v: string) => v === 'auto' || this.deps.topics().some((x) => x.slug === v);
    if (!b || (b.code === 't' && !knownTopic(b.value))) return { kind: 'forged' };
    if (b.nonce !== this.nonce || !expect.includes(b.code)) return { kind: 'stale' };
    return { kind: 'ok', code: b.code, value: b.value };
  }

  /**
   * Runs once per update (inside `external`): the member, the clock and the verdict on a button
   * press, which is answered (no spinner left turning) unless it goes on to another feature or
   * to the draft-dropped path, which answer it themselves.
   */
  private async arrive(octx: BotContext, data: string | null, expect: readonly FlowCode[], last: number): Promise<Arrival> {
    const s = snapshot(octx, this.deps.clock);
    const verdict = this.verdict(data, expect);
    if (!verdict || (s.active && (verdict.kind === 'foreign' || isDraftIdle(last, s.now)))) return { ...s, verdict };
    const refusal = verdict.kind === 'forged' ? 'intake-forged-button' : 'intake-stale-button';
    const key = !s.active || verdict.kind === 'ok' || verdict.kind === 'foreign' ? null : refusal;
    await octx.answerCallbackQuery(key ? { text: this.deps.t(s.lang, key) } : undefined).catch(() => undefined);
    return { ...s, verdict };
  }

  private async classify(c: Context, verdict: ButtonVerdict | null): Promise<Answer | null> {
    if (verdict) {
      if (verdict.kind === 'foreign') return this.conv.skip({ next: true });
      return verdict.kind === 'ok' ? { kind: 'button', code: verdict.code, value: verdict.value } : null;
    }
    if (c.editedMessage) {
      await this.send(() => this.t('intake-edited-ignored'));
      return null;
    }
    const msg = c.message;
    if (!msg) return null;
    // handed again after a stop before Telegram was told it was handled: already taken
    if (msg.message_id <= this.seen) return null;
    this.seen = msg.message_id;
    if (msg.text !== undefined) {
      if (!msg.text.startsWith('/')) return { kind: 'text', text: msg.text, date: msg.date };
      if (REPROMPT.test(msg.text)) return { kind: 'reprompt' };
      // Other commands (/alerts, /digest… of other features) pass through; unhandled ones get a hint.
      return this.conv.skip({ next: true });
    }
    const caption = msg.caption ?? '';
    if (msg.photo?.length) return { kind: 'media', caption, attachment: { fileId: msg.photo.at(-1)!.file_id, kind: 'photo' } };
    if (msg.document) return { kind: 'media', caption, attachment: { fileId: msg.document.file_id, kind: 'document' } };
    return { kind: 'other' };
  }

  /** Gives back what was typed, then leaves the conversation and lets the update through. */
  private async drop(lang: Language): Promise<never> {
    this.lang = lang;
    const echo = this.echo();
    if (echo) await this.send(() => this.t('intake-draft-dropped', { draft: echo }));
    await this.finish();
    return this.conv.halt({ next: true });
  }
}
