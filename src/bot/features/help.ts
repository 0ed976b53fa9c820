/** `/help`: three lines per command, plus the leaders' commands for leaders and admins. */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** The /help feature (the text lives in intake.ftl). */
export function helpFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('help', async (ctx) => {
    const staff = ctx.member && ctx.member.role !== 'collaborator';
    const text = staff ? `${ctx.t('intake-help')}\n${ctx.t('intake-help-staff')}` : ctx.t('intake-help');
    await ctx.reply(text, { parse_mode: 'HTML' });
  });
  return c;
}
