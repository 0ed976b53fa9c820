/**
 * `/myreports`: the member's last 10 reports (reference, date in the unit's time zone, status,
 * topic) with a Withdraw button for those sent less than an hour ago.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { isWithdrawable, listMyReports, withdrawReport } from '../../app/intake/my-reports.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { Clock } from '../../domain/clock.js';
import type { Report } from '../../domain/types.js';
import type { BotContext } from '../context.js';
import { parseWithdrawData, withdrawData } from '../keyboards/callback-data.js';
import type { TopicOption } from '../keyboards/report.js';
import { topicLabel } from '../views/review-card.js';
import { escapeHtml } from '../../domain/text.js';
import type { Translate } from '../i18n.js';
import type { Language } from '../../domain/vocabulary.js';

/** What /myreports needs (the topics for names, the clock for the withdraw window). */
export interface MyReportsDeps {
  repos: Repositories;
  clock: Clock;
  t: Translate;
  topics: () => readonly TopicOption[];
}

function line(r: Report, tz: string, lang: Language, deps: MyReportsDeps): string {
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(r.createdAt);
  const slug = r.topicSlug ?? r.chosenTopic;
  const topic = slug ? topicLabel(slug, deps.topics(), lang, deps.t) : deps.t(lang, 'intake-topic-none');
  return deps.t(lang, 'intake-myreports-line', { reference: r.reference, date, status: deps.t(lang, `intake-status-${r.status}`), topic: escapeHtml(topic) });
}

/** /myreports and its `w:` withdraw buttons. */
export function myReportsFeature(deps: MyReportsDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('myreports', async (ctx) => {
    const lang = (await ctx.i18n.getLocale()) as Language;
    const mine = await listMyReports(deps, ctx.member!);
    if (mine.reports.length === 0) return void (await ctx.reply(ctx.t('intake-myreports-empty')));
    const lines = mine.reports.map((r) => line(r, mine.timezone, lang, deps));
    const kb = new InlineKeyboard();
    mine.reports
      .filter((x) => isWithdrawable(x, mine.now))
      .forEach((r, i) => (i > 0 ? kb.row() : kb).text(ctx.t('intake-btn-withdraw', { reference: r.reference }), withdrawData(r.id)));
    await ctx.reply(`${ctx.t('intake-myreports-header')}\n${lines.join('\n')}`, { parse_mode: 'HTML', ...(kb.inline_keyboard.length ? { reply_markup: kb } : {}) });
  });
  c.callbackQuery(/^w:/, async (ctx) => {
    const id = parseWithdrawData(ctx.callbackQuery.data);
    if (id === null) return void (await ctx.answerCallbackQuery({ text: ctx.t('intake-forged-button') }));
    const r = await withdrawReport(deps, ctx.member!, id);
    if (!r.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t(`intake-withdraw-${r.error}`) }));
    ctx.log.info({ reportId: id }, 'report withdrawn');
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('intake-withdrawn', { reference: r.value.reference }));
  });
  return c;
}
