/**
 * The bot's one error boundary: logs the failure with the update id and answers the person
 * politely in their language (their draft stays in the shared state). It does not rely on the i18n
 * middleware having run (the failure may come before it), and never throws itself.
 *
 * One failure gets special care: a conversation whose stored state no longer replays against
 * the deployed flow (grammY conversations: "Bad replay", after a deploy that changed the flow).
 * Retrying would fail forever, so the stale state is dropped and the person gets back what
 * they had typed, with an invitation to start again.
 */
import type { BotError, StorageAdapter } from 'grammy';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import { pickLanguage, type Translate } from '../i18n.js';

export interface ErrorBoundaryDeps {
  /** The conversations' storage (Redis or PostgreSQL). */
  conversations: Pick<StorageAdapter<unknown>, 'delete'>;
  drafts: DraftStore;
  /** The conversations' storage key prefix. */
  conversationPrefix: string;
}

/** True for the conversations plugin's replay mismatch (state recorded by another version of the flow). */
export function isStaleConversation(e: unknown): boolean {
  return e instanceof Error && /^Bad replay\b/.test(e.message);
}

/** The handler given to `composer.errorBoundary`. */
export function createErrorHandler(t: Translate, deps?: ErrorBoundaryDeps) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    const e = err.error;
    const lang = pickLanguage(ctx.member?.language, ctx.from?.language_code);
    try {
      if (deps && ctx.chat && isStaleConversation(e)) {
        ctx.log?.warn({ err: (e as Error).message }, 'stale conversation state dropped');
        const draft = (await deps.drafts.get(ctx.chat.id))?.echo ?? '';
        await deps.conversations.delete(`${deps.conversationPrefix}${ctx.chat.id}`);
        await deps.drafts.clear(ctx.chat.id);
        if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
        await ctx.reply(t(lang, draft ? 'intake-draft-reset' : 'intake-draft-reset-empty', { draft }), { parse_mode: 'HTML' });
        return;
      }
      ctx.log?.error({ err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e) }, 'update failed');
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat?.type === 'private') await ctx.reply(t(lang, 'common-error'));
    } catch (sendError) {
      ctx.log?.warn({ err: (sendError as Error).message }, 'could not tell the person about the failure');
    }
  };
}
