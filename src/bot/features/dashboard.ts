/**
 * `/dashboard` until the web dashboard exists: leaders and admins are told it is coming (the
 * command is already in their menu and in /help), collaborators that it is not for them.
 * Registered after other modules' features, so the real dashboard feature, passed in
 * `extraFeatures`, takes the command over; then delete this file and its locale files.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** The /dashboard placeholder. */
export function dashboardFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('dashboard', async (ctx) => {
    const staff = ctx.member?.role === 'leader' || ctx.member?.role === 'admin';
    await ctx.reply(ctx.t(staff ? 'dashboard-coming' : 'dashboard-staff-only'));
  });
  return c;
}
