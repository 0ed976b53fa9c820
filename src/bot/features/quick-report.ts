/**
 * Quick report: a member who just types (or sends a captioned photo) outside any flow is asked
 * "Send this as a report?". Too little text gets a hint instead.
 */
import { Composer } from 'grammy';
import { appendContent, checkContent, CONTENT_MIN, type Attachment } from '../../domain/report-draft.js';
import type { BotContext } from '../context.js';
import { REPORT_CONVERSATION, type FlowInit } from '../conversations/report-flow.js';

async function offer(ctx: BotContext, text: string, attachment: Attachment | null): Promise<void> {
  const gathered = appendContent('', text);
  if (!gathered.ok || !checkContent(gathered.value).ok) {
    await ctx.reply(ctx.t('intake-quick-hint', { min: CONTENT_MIN }));
    return;
  }
  const init: FlowInit = { content: gathered.value, attachment };
  await ctx.conversation.enter(REPORT_CONVERSATION, init);
}

/** Text or captioned media outside a flow becomes a quick-report offer. */
export function quickReportFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    await offer(ctx, ctx.message.text, null);
  });
  c.on(['message:photo', 'message:document'], async (ctx) => {
    const m = ctx.message;
    const attachment: Attachment = m.photo?.length ? { fileId: m.photo.at(-1)!.file_id, kind: 'photo' } : { fileId: m.document!.file_id, kind: 'document' };
    await offer(ctx, m.caption ?? '', attachment);
  });
  return c;
}
