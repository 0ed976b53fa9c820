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

const BIND_LOG = Symbol('bindLog');
type WithBindings = BotContext & { [BIND_LOG]?: (extra: Record<string, unknown>) => void };

/**
 * Sets `ctx.log` to a child of the root logger with the update id (and the member id once
 * known). The child is made on first use: most updates log nothing, and a pino child costs an
 * object and a serialisation of its bindings.
 */
export function updateLogger(root: Logger): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const bindings: Record<string, unknown> = { updateId: ctx.update.update_id };
    let log: Logger | undefined;
    Object.defineProperty(ctx, 'log', {
      configurable: true,
      enumerable: true,
      get: () => (log ??= root.child(bindings)),
      set: (v: Logger) => void (log = v),
    });
    (ctx as WithBindings)[BIND_LOG] = (extra) => {
      if (log) log = log.child(extra);
      else Object.assign(bindings, extra);
    };
    ctx.member = null;
    return next();
  };
}

/** Adds bindings to `ctx.log` (to the pending child when it was not made yet). */
function bindLog(ctx: BotContext, extra: Record<string, unknown>): void {
  const bind = (ctx as WithBindings)[BIND_LOG];
  if (bind) bind(extra);
  else ctx.log = ctx.log.child(extra);
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
    if (member) bindLog(ctx, { memberId: member.id });
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
