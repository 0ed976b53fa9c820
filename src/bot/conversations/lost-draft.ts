/**
 * A draft must never vanish without its text given back. The index of drafts in progress
 * (draft-store.ts) outlives the conversation state in two cases: a deploy bumped
 * `FLOW_STATE_VERSION`, so the conversations plugin discarded the old state on read; or the
 * flow failed and the plugin ended it (a conversation that throws is left by the plugin). In
 * both, the person gets back what they had typed and the index entry is cleared.
 */
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import { pickLanguage, type Translate } from '../i18n.js';
import { REPORT_CONVERSATION } from './report-flow.js';

/** Why a draft is given back: its state was of an older flow, or the flow failed. */
export type LostDraftReason = 'reset' | 'failed';

/** True when this update's chat has no report conversation (read from the plugin's own state). */
export function reportFlowInactive(ctx: BotContext): boolean {
  return ctx.conversation !== undefined && ctx.conversation.active(REPORT_CONVERSATION) === 0;
}

/**
 * Gives back the draft of this chat if the index still holds one while no report flow is
 * active; false when there was none. Answers a pressed button so nothing keeps spinning.
 */
export async function giveBackLostDraft(ctx: BotContext, drafts: DraftStore, t: Translate, reason: LostDraftReason): Promise<boolean> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined || !reportFlowInactive(ctx)) return false;
  const record = await drafts.get(chatId);
  if (!record) return false;
  await drafts.clear(chatId);
  ctx.log?.warn({ reason }, 'report draft given back: its conversation state is gone');
  const lang = pickLanguage(ctx.member?.language ?? record.lang, ctx.from?.language_code);
  const key = `intake-draft-${reason}${record.echo ? '' : '-empty'}`;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  await ctx.reply(t(lang, key, { draft: record.echo }), { parse_mode: 'HTML' });
  return true;
}

/**
 * Middleware installed right after the conversations plugin: a draft whose state the plugin
 * discarded (another flow version) is given back before the update goes on as usual.
 */
export function giveBackLostDrafts(drafts: DraftStore, t: Translate): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    await giveBackLostDraft(ctx, drafts, t, 'reset');
    return next();
  };
}
