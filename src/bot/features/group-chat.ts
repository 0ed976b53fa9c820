/**
 * Groups: reports are never taken in groups. The bot answers a command or a mention there
 * only with a hint to write privately, and answers any button so nothing spins.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** The groups feature: a hint to write privately, nothing else. */
export function groupChatFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const groups = c.chatType(['group', 'supergroup']);
  groups.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('intake-group-hint') }));
  groups.on('message', async (ctx) => {
    const text = ctx.message.text ?? ctx.message.caption ?? '';
    const mentioned = text.startsWith('/') || text.toLowerCase().includes(`@${ctx.me.username.toLowerCase()}`);
    if (mentioned) await ctx.reply(ctx.t('intake-group-hint'), { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } });
  });
  return c;
}
