/**
 * The bot's one error boundary: logs the failure with the update id and answers the person
 * politely (their draft stays in Redis). Never throws itself.
 */
import type { BotError } from 'grammy';
import type { BotContext } from '../context.js';

/** The handler given to `composer.errorBoundary`. */
export async function handleBotError(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  const log = ctx.log ?? undefined;
  log?.error({ err: err.error instanceof Error ? { name: err.error.name, message: err.error.message, stack: err.error.stack } : String(err.error) }, 'update failed');
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (ctx.chat?.type === 'private') await ctx.reply(ctx.t ? ctx.t('common-error') : 'Sorry, something went wrong.');
  } catch (e) {
    log?.warn({ err: (e as Error).message }, 'could not tell the person about the failure');
  }
}
