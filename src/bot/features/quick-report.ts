/**
 * Quick report: a member who just types (or sends a captioned photo) outside any flow is asked
 * "Send this as a report?". Too little text gets a hint instead; a text too long for a report
 * (Telegram sends a long paste as several messages) starts the flow too, which says the real
 * limit and keeps the pieces together instead of offering the last one alone.
 */
import { Composer } from 'grammy';
import { CONTENT_MIN, worthOffering, type Attachment } from '../../domain/report-draft.js';
import type { BotContext } from '../context.js';
import { REPORT_CONVERSATION, type FlowInit, type QuickStart } from '../conversations/report-flow.js';

async function offer(ctx: BotContext, quick: QuickStart): Promise<void> {
  if (!worthOffering(quick.text)) return void (await ctx.reply(ctx.t('intake-quick-hint', { min: CONTENT_MIN })));
  const init: FlowInit = { quick };
  await ctx.conversation.enter(REPORT_CONVERSATION, init);
}

/** Text or captioned media outside a flow becomes a quick-report offer. */
export function quickReportFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    await offer(ctx, { text: ctx.message.text, date: ctx.message.date, attachment: null });
  });
  c.on(['message:photo', 'message:document'], async (ctx) => {
    const m = ctx.message;
    const attachment: Attachment = m.photo?.length ? { fileId: m.photo.at(-1)!.file_id, kind: 'photo' } : { fileId: m.document!.file_id, kind: 'document' };
    await offer(ctx, { text: m.caption ?? '', date: null, attachment });
  });
  return c;
}
