/**
 * The bot's one error boundary: logs the failure with the update id and answers the person
 * politely in their language (their draft stays in Redis). It does not rely on the i18n
 * middleware having run (the failure may come before it), and never throws itself.
 */
import type { BotError } from 'grammy';
import type { BotContext } from '../context.js';
import { pickLanguage, type Translate } from '../i18n.js';

/** The handler given to `composer.errorBoundary`. */
export function createErrorHandler(t: Translate) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    const e = err.error;
    ctx.log?.error({ err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e) }, 'update failed');
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      const lang = pickLanguage(ctx.member?.language, ctx.from?.language_code);
      if (ctx.chat?.type === 'private') await ctx.reply(t(lang, 'common-error'));
    } catch (sendError) {
      ctx.log?.warn({ err: (sendError as Error).message }, 'could not tell the person about the failure');
    }
  };
}
