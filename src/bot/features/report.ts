/**
 * `/report` (enter the flow) and `/cancel` (works at every step, and says "nothing to cancel"
 * outside a flow). `cancelFeature` is registered before the conversation so it wins over it;
 * `reportFeature` after it, so an active flow keeps its own answers.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import { REPORT_CONVERSATION } from '../conversations/report-flow.js';
import { parseFlowData } from '../keyboards/callback-data.js';

/** `/cancel`: leaves the report flow, if any; else whatever a hook stops (a survey being answered). */
export function cancelFeature(drafts?: DraftStore, hooks: readonly ((ctx: BotContext) => Promise<boolean>)[] = []): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('cancel', async (ctx) => {
    if ((await ctx.conversation.active(REPORT_CONVERSATION)) > 0) {
      await ctx.conversation.exit(REPORT_CONVERSATION);
      await drafts?.clear(ctx.chat.id);
      ctx.log.info('report flow cancelled');
      return void (await ctx.reply(ctx.t('intake-cancelled')));
    }
    for (const hook of hooks) if (await hook(ctx)) return;
    await ctx.reply(ctx.t('intake-nothing-to-cancel'));
  });
  return c;
}

/** `/report` starts the flow; report-flow buttons reaching here are from a finished flow. */
export function reportFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('report', (ctx) => ctx.conversation.enter(REPORT_CONVERSATION));
  c.callbackQuery(/^r:/, async (ctx) => {
    const known = parseFlowData(ctx.callbackQuery.data) !== null;
    await ctx.answerCallbackQuery({ text: ctx.t(known ? 'intake-stale-button' : 'intake-forged-button') });
  });
  return c;
}
