/**
 * The report conversation stores every update it waits for and reads them all back on each new
 * one. A button press carries the whole message the button sits on (its text and keyboard, often
 * 1–2 KB) which no handler reads, so it is cut down to what is used: its id, date and chat.
 */
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

export function trimPressedMessage(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const q = ctx.update.callback_query;
    const m = q?.message;
    if (q && m) Object.assign(q, { message: { message_id: m.message_id, date: m.date, chat: m.chat } });
    return next();
  };
}
