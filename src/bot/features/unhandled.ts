/**
 * Registered last: whatever nobody handled gets a short useful answer (and every button an
 * answer). Updates that are not messages or buttons (channel posts, member changes) are ignored.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { REPORT_CONVERSATION } from '../conversations/report-flow.js';

/** The last feature: a short answer for anything nobody handled. */
export function unhandledFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('intake-forged-button') }));
  c.on('edited_message', (ctx) => ctx.reply(ctx.t('intake-edited-ignored')));
  c.on('message', async (ctx) => {
    if ((await ctx.conversation.active(REPORT_CONVERSATION)) > 0) return void (await ctx.reply(ctx.t('intake-in-flow-command')));
    await ctx.reply(ctx.t(ctx.message.text !== undefined ? 'intake-unhandled' : 'intake-unhandled-kind'));
  });
  return c;
}
