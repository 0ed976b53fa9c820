/**
 * `/start <code>` and the deep link `t.me/<bot>?start=<code>`: binds the Telegram user to the
 * invite's unit and role and greets them by that role with a short how-to. Refused codes store
 * nothing. A member who sends /start again is welcomed back; one with a report in progress is
 * told so, and the flow asks its current question again.
 */
import { Composer } from 'grammy';
import { joinWithInvite } from '../../app/intake/join-with-invite.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { Clock } from '../../domain/clock.js';
import type { Member } from '../../domain/types.js';
import { escapeHtml, sanitizeText, truncateText } from '../../domain/text.js';
import { pickLanguage } from '../i18n.js';
import type { BotContext } from '../context.js';
import { REPORT_CONVERSATION } from '../conversations/report-flow.js';

/** What joining needs; `onStaffJoined` gives leaders and admins their command menu. */
export interface StartDeps {
  repos: Repositories;
  clock: Clock;
  /** Called after a leader or admin joins (per-chat command menu). */
  onStaffJoined?: (ctx: BotContext) => Promise<void>;
}

/** The welcome for a member who just joined, by their role. */
function welcome(ctx: BotContext, member: Member, name: string, unit: string): string {
  const text = ctx.t('intake-start-welcome', { name, unit: escapeHtml(unit), role: member.role });
  return member.role === 'collaborator' ? text : `${text}\n${ctx.t('intake-start-welcome-staff', { role: member.role })}`;
}

async function join(ctx: BotContext, deps: StartDeps, code: string, name: string): Promise<void> {
  const from = ctx.from!;
  const language = from.language_code ? pickLanguage(null, from.language_code) : null;
  const joined = await joinWithInvite(deps, code, {
    telegramUserId: BigInt(from.id),
    chatId: BigInt(ctx.chat!.id),
    displayName: sanitizeText([from.first_name, from.last_name].filter(Boolean).join(' ')) || String(from.id),
    username: from.username ?? null,
    language,
  });
  if (!joined.ok) {
    ctx.log.info({ refusal: joined.error }, 'invite refused');
    return void (await ctx.reply(ctx.t(`intake-invite-${joined.error}`), { parse_mode: 'HTML' }));
  }
  ctx.member = joined.value;
  ctx.log.info({ memberId: joined.value.id, role: joined.value.role }, 'member joined');
  const unit = await deps.repos.units.get(joined.value.unitId);
  await ctx.reply(welcome(ctx, joined.value, name, unit?.name ?? ''), { parse_mode: 'HTML' });
  if (joined.value.role !== 'collaborator') await deps.onStaffJoined?.(ctx);
}

/** The joining feature. */
export function startFeature(deps: StartDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('start', async (ctx, next) => {
    const name = escapeHtml(truncateText(sanitizeText(ctx.from?.first_name ?? ''), 64));
    if (ctx.member && ctx.conversation.active(REPORT_CONVERSATION) > 0) {
      await ctx.reply(ctx.t('intake-start-back-draft', { name }), { parse_mode: 'HTML' });
      return next(); // the report flow takes /start as "ask again"
    }
    if (ctx.member) return void (await ctx.reply(ctx.t('intake-start-back', { name }), { parse_mode: 'HTML' }));
    const code = ctx.match.trim();
    if (!code) return void (await ctx.reply(ctx.t('intake-start-no-code'), { parse_mode: 'HTML' }));
    await join(ctx, deps, code, name);
  });
  return c;
}
