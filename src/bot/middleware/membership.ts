/**
 * Per-update plumbing: a child logger carrying the update id (and member id once known), and
 * the membership lookup that sets `ctx.member`. A deactivated member is refused here, before
 * any feature or conversation sees the update — mid-flow included — and every button press
 * is still answered so no spinner is left turning.
 */
import type { MiddlewareFn } from 'grammy';
import type { Repositories } from '../../db/repositories/index.js';
import type { Logger } from '../../logger.js';
import type { BotContext } from '../context.js';
import { pickLanguage, type Translate } from '../i18n.js';

/** Sets `ctx.log` to a child of the root logger with the update id. */
export function updateLogger(root: Logger): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.log = root.child({ updateId: ctx.update.update_id });
    ctx.member = null;
    return next();
  };
}

/** Loads the sender's membership; refuses deactivated members at once. */
export function membership(repos: Pick<Repositories['members'], 'findByTelegramId'>, t: Translate): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from) return next();
    const member = await repos.findByTelegramId(BigInt(from.id));
    if (member && !member.active) {
      ctx.log.info({ memberId: member.id }, 'deactivated member refused');
      const lang = pickLanguage(member.language, from.language_code);
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t(lang, 'intake-deactivated') });
      else if (ctx.chat?.type === 'private') await ctx.reply(t(lang, 'intake-deactivated'));
      return;
    }
    ctx.member = member;
    if (member) ctx.log = ctx.log.child({ memberId: member.id });
    return next();
  };
}

/** After /start: strangers get a polite refusal with how to get an invite; nothing else runs. */
export function strangerGate(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.member) return next();
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t('intake-stranger') });
      return;
    }
    if (ctx.message) await ctx.reply(ctx.t('intake-stranger'));
  };
}
