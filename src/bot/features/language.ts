/** `/language`: switches the member's language (vi/en); every later message follows it. */
import { Composer, InlineKeyboard } from 'grammy';
import type { Repositories } from '../../db/repositories/index.js';
import type { Language } from '../../domain/vocabulary.js';
import type { BotContext } from '../context.js';
import { languageData } from '../keyboards/callback-data.js';

/** What /language needs: the members repository and the staff-menu refresher. */
export interface LanguageDeps {
  repos: Pick<Repositories, 'members'>;
  /** Drops the cached membership of the person (the next update must see the new language). */
  forgetMember?: (telegramUserId: bigint) => void;
  /** Re-registers a leader's per-chat command menu in the new language. */
  onLanguageChanged?: (ctx: BotContext) => Promise<void>;
}

/** /language and its `l:` buttons. */
export function languageFeature(deps: LanguageDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('language', async (ctx) => {
    const kb = new InlineKeyboard().text(ctx.t('intake-language-vi'), languageData('vi')).text(ctx.t('intake-language-en'), languageData('en'));
    await ctx.reply(ctx.t('intake-language-choose'), { reply_markup: kb });
  });
  c.callbackQuery(/^l:(vi|en)$/, async (ctx) => {
    const member = ctx.member!;
    const lang = ctx.match[1] as Language;
    await deps.repos.members.setLanguage(member.id, lang);
    deps.forgetMember?.(member.telegramUserId);
    ctx.member = { ...member, language: lang };
    await ctx.i18n.useLocale(lang);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('intake-language-set'));
    if (member.role !== 'collaborator') await deps.onLanguageChanged?.(ctx);
  });
  return c;
}
