/**
 * `/dashboard` for leaders and admins: a one-time sign-in link to the web dashboard (valid 10
 * minutes, used once, only its hash stored; app/dashboard/login.ts). The link is sent without a
 * preview, so Telegram does not open it. Collaborators and strangers get a polite refusal.
 */
import { Composer } from 'grammy';
import { issueLoginToken, type LoginDeps } from '../../app/dashboard/login.js';
import type { BotContext } from '../context.js';

export interface DashboardLoginDeps extends LoginDeps {
  /** The dashboard's base URL (PUBLIC_URL, else the web part's own address). */
  baseUrl: string;
}

/** The address a token signs in at. */
export const loginUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/login/${token}`;

/** The Composer to pass in createBot's `extraFeatures` (replaces the placeholder /dashboard). */
export function dashboardLoginFeature(deps: DashboardLoginDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('dashboard', async (ctx) => {
    const member = ctx.member;
    if (!member || (member.role !== 'leader' && member.role !== 'admin')) return void (await ctx.reply(ctx.t('web-bot-leaders-only')));
    const issued = await issueLoginToken(deps, member);
    if (!issued.ok) return void (await ctx.reply(ctx.t('web-bot-leaders-only')));
    ctx.log.info({ memberId: member.id }, 'dashboard link issued');
    await ctx.reply(ctx.t('web-bot-link', { url: loginUrl(deps.baseUrl, issued.value.token), minutes: 10 }), {
      link_preview_options: { is_disabled: true },
    });
  });
  return c;
}
