/**
 * The input/output side of the report conversation: sending prompts in the person's language,
 * and waiting for the next answer while handling everything that is not an answer — stale or
 * forged buttons (always answered), commands typed mid-flow, edited messages, stickers, a
 * deactivated member, and a draft left idle for 24 hours (given back, then dropped).
 * Every clock read and member check goes through `conversation.external` (replay-safe).
 */
import type { Conversation } from '@grammyjs/conversations';
import type { Context, InlineKeyboard } from 'grammy';
import { isDraftIdle, type Attachment, type ReportDraft } from '../../domain/report-draft.js';
import type { Clock } from '../../domain/clock.js';
import type { Language } from '../../domain/vocabulary.js';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import { pickLanguage, type Translate } from '../i18n.js';
import { parseFlowData, type FlowCode } from '../keyboards/callback-data.js';
import type { TopicOption } from '../keyboards/report.js';
import { draftEcho } from '../views/review-card.js';

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

/** What the person did in answer to a question. */
export type Answer =
  | { kind: 'button'; code: FlowCode; value: string }
  | { kind: 'text'; text: string }
  | { kind: 'media'; caption: string; attachment: Attachment }
  | { kind: 'reprompt' }
  | { kind: 'other' };

/** What the flow's I/O needs. */
export interface FlowIODeps {
  t: Translate;
  clock: Clock;
  topics: () => readonly TopicOption[];
  /** The index of drafts in progress (for giving back drafts idle for 24 h). */
  drafts?: DraftStore;
}

/** One conversation's I/O state: nonce, language, last activity, the draft being built. */
export class FlowIO {
  lang: Language;
  private last: number;
  private ctx: Context;
  /** Text put before the next prompt (e.g. the privacy reminder). */
  prefix = '';
  /** Content being gathered at the content step (not yet in the draft). */
  gathered = '';

  constructor(
    readonly conv: FlowConversation,
    readonly deps: FlowIODeps,
    readonly nonce: string,
    snap: Snapshot,
    readonly draft: ReportDraft,
    ctx: Context,
  ) {
    this.lang = snap.lang;
    this.last = snap.now;
    this.ctx = ctx;
  }

  t(key: string, vars?: Record<string, string | number>): string {
    return this.deps.t(this.lang, key, vars);
  }

  /**
   * Sends an HTML message (with the pending prefix, if any). Text and keyboard are built inside
   * `external`, so a replay (every update replays the conversation) neither rebuilds them nor
   * resends; the replay log keeps `null` instead of Telegram's whole Message, so the state
   * written to Redis on every update stays small.
   */
  async send(text: string | (() => string), keyboard?: () => InlineKeyboard): Promise<void> {
    const prefix = this.prefix;
    this.prefix = '';
    const chatId = this.ctx.chat!.id;
    await this.conv.external(async (octx: BotContext) => {
      const body = typeof text === 'string' ? text : text();
      const other = { parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard() } : {}) };
      await octx.api.sendMessage(chatId, prefix ? `${prefix}\n\n${body}` : body, other);
      await this.deps.drafts?.touch(chatId, { lang: this.lang, echo: this.echo(), at: this.deps.clock().getTime() }).catch(() => undefined);
      return null;
    });
  }

  /**
   * Answers the button press of the current update (every callback is answered, so no spinner
   * is left turning). Through `external` with the bot's Api (automatic retry on 429); a failure
   * to answer never ends the flow.
   */
  private async answer(text?: string): Promise<void> {
    await this.conv.external((octx: BotContext) =>
      octx.answerCallbackQuery(text ? { text } : undefined).then(
        () => null,
        () => null,
      ),
    );
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

  /** Waits for the next update that is an answer; `expect` lists the button codes valid now. */
  async next(expect: readonly FlowCode[]): Promise<Answer> {
    for (;;) {
      const c = await this.conv.wait();
      const s = await this.conv.external((octx: BotContext) => snapshot(octx, this.deps.clock));
      this.ctx = c;
      if (!s.active) {
        if (c.callbackQuery) await this.answer();
        await this.finish();
        return this.conv.halt();
      }
      if (isDraftIdle(this.last, s.now)) await this.drop(s.lang);
      this.last = s.now;
      this.lang = s.lang;
      const answer = await this.classify(c, expect);
      if (answer) return answer;
    }
  }

  private async classify(c: Context, expect: readonly FlowCode[]): Promise<Answer | null> {
    if (c.callbackQuery) return this.classifyButton(c, expect);
    if (c.editedMessage) {
      await this.send(() => this.t('intake-edited-ignored'));
      return null;
    }
    const msg = c.message;
    if (!msg) return null;
    if (msg.text !== undefined) {
      if (!msg.text.startsWith('/')) return { kind: 'text', text: msg.text };
      if (/^\/report(@\w+)?(\s|$)/.test(msg.text)) return { kind: 'reprompt' };
      // Other commands (/alerts, /digest… of other features) pass through; unhandled ones get a hint.
      return this.conv.skip({ next: true });
    }
    if (msg.photo?.length) return { kind: 'media', caption: msg.caption ?? '', attachment: { fileId: msg.photo.at(-1)!.file_id, kind: 'photo' } };
    if (msg.document) return { kind: 'media', caption: msg.caption ?? '', attachment: { fileId: msg.document.file_id, kind: 'document' } };
    return { kind: 'other' };
  }

  private async classifyButton(c: Context, expect: readonly FlowCode[]): Promise<Answer | null> {
    const data = c.callbackQuery?.data ?? '';
    // Buttons of other features (alerts, language, withdraw) are theirs, even mid-flow.
    if (!data.startsWith('r:')) return this.conv.skip({ next: true });
    const b = parseFlowData(data);
    const knownTopic = (v: string) => v === 'auto' || this.deps.topics().some((x) => x.slug === v);
    if (!b || (b.code === 't' && !knownTopic(b.value))) {
      await this.answer(this.t('intake-forged-button'));
      return null;
    }
    if (b.nonce !== this.nonce || !expect.includes(b.code)) {
      await this.answer(this.t('intake-stale-button'));
      return null;
    }
    await this.answer();
    return { kind: 'button', code: b.code, value: b.value };
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
