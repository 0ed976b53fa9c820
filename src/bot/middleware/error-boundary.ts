/**
 * The bot's one error boundary: logs the failure with the update id and answers the person
 * politely in their language. It does not rely on the i18n middleware having run (the
 * failure may come before it), and never throws itself.
 *
 * A failure inside the report flow ends the conversation (the conversations plugin leaves a
 * conversation that throws, and removes its state itself): the person then gets back what
 * they had typed, from the index of drafts, with an invitation to start again.
 *
 * A failure while a backend is down (the probe `backendsUp` says so) is not the update's fault:
 * the boundary rethrows it as BackendUnavailableError without touching the stored state (which
 * may be what is down), and the update keeper holds the update for later (src/bot/update-keeper.ts).
 */
import type { BotError } from 'grammy';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import { giveBackLostDraft } from '../conversations/lost-draft.js';
import { pickLanguage, type Translate } from '../i18n.js';
import { BackendUnavailableError, type BackendProbe } from '../outage.js';

export interface ErrorBoundaryDeps {
  drafts: DraftStore;
  /** Asked after each failure: when a backend is down the failure is rethrown (see above). */
  backendsUp?: BackendProbe;
}

function logFailure(ctx: BotContext, e: unknown): void {
  ctx.log?.error({ err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e) }, 'update failed');
}

/** The handler given to `composer.errorBoundary`. */
export function createErrorHandler(t: Translate, deps?: ErrorBoundaryDeps) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    if (deps?.backendsUp && !(await deps.backendsUp().catch(() => false))) {
      ctx.log?.warn({ err: (err.error as Error)?.message }, 'update failed while a backend is down');
      throw new BackendUnavailableError({ cause: err.error });
    }
    logFailure(ctx, err.error);
    try {
      if (deps && ctx.chat?.type === 'private' && (await giveBackLostDraft(ctx, deps.drafts, t, 'failed'))) return;
    } catch (e) {
      ctx.log?.warn({ err: (e as Error).message }, 'could not give back the draft of a failed flow');
    }
    try {
      const lang = pickLanguage(ctx.member?.language, ctx.from?.language_code);
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat?.type === 'private') await ctx.reply(t(lang, 'common-error'));
    } catch (sendError) {
      ctx.log?.warn({ err: (sendError as Error).message }, 'could not tell the person about the failure');
    }
  };
}
