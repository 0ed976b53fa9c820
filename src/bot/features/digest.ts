/**
 * `/digest` for leaders and admins: a choice of today so far, yesterday, the last 7 days or
 * the year's unit activity, answered directly in the chat (request path, not the delivery
 * queue) with the chart. `/digest year|today|yesterday|week` skips the choice. Collaborators
 * get a polite "leaders only". The scope is always the member's own unit subtree.
 */
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { buildDigest, type DigestDeps } from '../../app/digests/build-digest.js';
import { renderDigestChart } from '../../charts/digest-chart.js';
import { buildYearlyActivity } from '../../app/digests/yearly.js';
import type { DigestPeriod } from '../../domain/digest/periods.js';
import { renderDigestMessages, type DigestT } from '../../domain/digest/render.js';
import { renderYearlyMessages } from '../../domain/digest/yearly.js';
import { addDays, localDateOf } from '../../domain/zoned-time.js';
import type { Member } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { BotContext } from '../context.js';

export type DigestFeatureDeps = DigestDeps;

const CHOICES = ['today', 'yesterday', 'last7', 'year'] as const;
type Choice = (typeof CHOICES)[number];
const ALIASES: Record<string, Choice> = { today: 'today', yesterday: 'yesterday', week: 'last7', last7: 'last7', '7': 'last7', year: 'year', nam: 'year', 'năm': 'year' };

/** Callback data of a choice button (`dg:<choice>`, well under Telegram's 64 bytes). */
export const digestChoiceData = (c: Choice) => `dg:${c}`;

const isStaff = (m: Member | null): m is Member => !!m && (m.role === 'leader' || m.role === 'admin');

async function answer(ctx: BotContext, deps: DigestFeatureDeps, member: Member, choice: Choice): Promise<void> {
  const lang = (await ctx.i18n.getLocale()) as Language;
  const t: DigestT = (key, vars) => ctx.t(key, vars);
  const unit = (await deps.units.get(member.unitId))!;
  const now = deps.clock();
  ctx.log.info({ memberId: member.id, unitId: unit.id, choice }, 'digest on demand');
  if (choice === 'year') {
    const year = localDateOf(now, unit.timezone).y;
    const activity = await buildYearlyActivity(deps.read, unit, year, now);
    for (const text of renderYearlyMessages(activity, t)) await ctx.reply(text, { parse_mode: 'HTML' });
    return;
  }
  const period: DigestPeriod = choice === 'yesterday' ? 'day' : choice;
  const date = addDays(localDateOf(now, unit.timezone), choice === 'yesterday' ? -1 : 0);
  const model = await buildDigest(deps, { memberId: member.id, period, date });
  for (const text of renderDigestMessages(model, t, lang)) {
    await ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  }
  if (model.headline.reports.current > 0) await ctx.replyWithPhoto(new InputFile(await renderDigestChart(model, t, lang), 'digest.png'));
}

/** The `/digest` command and its buttons. */
export function digestFeature(deps: DigestFeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('digest', async (ctx) => {
    if (!ctx.member) return void (await ctx.reply(ctx.t('digest-not-member')));
    if (!isStaff(ctx.member)) return void (await ctx.reply(ctx.t('digest-leaders-only')));
    const arg = ALIASES[ctx.match.trim().toLowerCase()];
    if (arg) return answer(ctx, deps, ctx.member, arg);
    const kb = new InlineKeyboard()
      .text(ctx.t('digest-btn-today'), digestChoiceData('today'))
      .text(ctx.t('digest-btn-yesterday'), digestChoiceData('yesterday'))
      .row()
      .text(ctx.t('digest-btn-last7'), digestChoiceData('last7'))
      .text(ctx.t('digest-btn-year'), digestChoiceData('year'));
    await ctx.reply(ctx.t('digest-choose'), { reply_markup: kb });
  });
  c.callbackQuery(/^dg:/, async (ctx) => {
    const choice = ctx.callbackQuery.data.slice(3) as Choice;
    if (!isStaff(ctx.member)) return void (await ctx.answerCallbackQuery({ text: ctx.t(ctx.member ? 'digest-leaders-only' : 'digest-not-member') }));
    if (!CHOICES.includes(choice)) {
      ctx.log.warn({ memberId: ctx.member.id }, 'forged digest callback');
      return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-button-invalid'), show_alert: true }));
    }
    await ctx.answerCallbackQuery();
    await answer(ctx, deps, ctx.member, choice);
  });
  return c;
}
