/**
 * Alert buttons (Acknowledge · Resolve · False alarm · Details) and `/alerts`. Callback data is
 * compact and validated (`al:<alertId>:<a|r|f|d>`); forged or stale data is refused, every
 * refusal is audited, and every callback is answered. `/alerts` lists the live alerts of the
 * leader's subtree (all of them for an admin), one card per issue group computed for the
 * leader's scope, with the same buttons; a card shown there becomes the leader's card for that
 * group unless they hold one, so that it is edited like the others.
 */
import { Composer } from 'grammy';
import { act, listAlertsFor, recordShownCard, type ActOutcome, type AlertsDeps } from '../../app/alerts/index.js';
import { parseAlertCallback, type AlertAction } from '../../domain/alerts.js';
import type { Language } from '../../domain/vocabulary.js';
import type { BotContext } from '../context.js';

const LIST_LIMIT = 10;

function answerText(ctx: BotContext, outcome: ActOutcome, action: AlertAction): string | undefined {
  switch (outcome.type) {
    case 'refused':
      return ctx.t('alerts-refused');
    case 'conflict':
      return ctx.t(`alerts-conflict-${outcome.reason.replace('_', '-')}`);
    case 'done':
      return ctx.t(`alerts-done-${action.replace('_', '-')}`);
    default:
      return undefined;
  }
}

/** The Composer to pass in createBot's `extraFeatures`. */
export function alertsFeature(deps: AlertsDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.callbackQuery(/^al:/, async (ctx) => {
    const parsed = parseAlertCallback(ctx.callbackQuery.data);
    if (!parsed) {
      ctx.log.warn({ memberId: ctx.member?.id ?? null }, 'forged alert callback');
      await deps.audit.record({ actorKind: 'member', actorId: ctx.member?.id ?? null, action: 'alert.callback.forged', entity: 'alert', data: { data: ctx.callbackQuery.data.slice(0, 64) }, at: deps.clock() });
      return void (await ctx.answerCallbackQuery({ text: ctx.t('alerts-invalid'), show_alert: true }));
    }
    const lang = (await ctx.i18n.getLocale()) as Language;
    const outcome = await act({ ...deps, logger: ctx.log }, ctx.member, parsed.alertId, parsed.action, lang);
    const text = answerText(ctx, outcome, parsed.action);
    await ctx.answerCallbackQuery(text ? { text, show_alert: outcome.type === 'refused' } : {});
    if (outcome.type === 'details') await ctx.reply(outcome.text, { parse_mode: 'HTML' });
  });

  c.command('alerts', async (ctx) => {
    const member = ctx.member;
    if (!member || (member.role !== 'leader' && member.role !== 'admin')) return void (await ctx.reply(ctx.t('alerts-not-leader')));
    const cards = await listAlertsFor(deps, member, LIST_LIMIT, (await ctx.i18n.getLocale()) as Language);
    if (cards.length === 0) return void (await ctx.reply(ctx.t('alerts-list-empty')));
    await ctx.reply(ctx.t('alerts-list-header', { count: cards.length }));
    for (const shown of cards) {
      const { text, reply_markup } = shown.rendered;
      const sent = await ctx.reply(text, { parse_mode: 'HTML', reply_markup, link_preview_options: { is_disabled: true } });
      await recordShownCard(deps, member, shown, { chatId: BigInt(sent.chat.id), messageId: sent.message_id });
    }
  });

  return c;
}
