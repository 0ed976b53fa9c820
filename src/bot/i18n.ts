/**
 * One Fluent-based I18n instance for the bot and for workers that write to people (alerts,
 * digests, reminders). Locales live in src/bot/locales/<locale>/<feature>.ftl: each feature
 * owns its file. Choice: the member's setting, else Telegram's language_code, else Vietnamese.
 */
import { resolve } from 'node:path';
import { I18n, type I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Language } from '../domain/vocabulary.js';

export const LOCALES_DIR = resolve(import.meta.dirname, 'locales');
export const DEFAULT_LANGUAGE: Language = 'vi';

/** Maps any language code to a supported language (vi first). */
export function pickLanguage(memberSetting: string | null | undefined, telegramCode: string | null | undefined): Language {
  if (memberSetting === 'vi' || memberSetting === 'en') return memberSetting;
  const code = (telegramCode ?? '').toLowerCase();
  if (code.startsWith('en')) return 'en';
  return DEFAULT_LANGUAGE;
}

import type { Translate } from '../domain/translate.js';

export type { Translate };

export interface CreateI18nOptions<C extends Context> {
  /** Returns the member's explicit language for this update, if known. */
  memberLanguage?: (ctx: C) => Language | null | undefined;
}

/** Builds the I18n middleware/instance (locales loaded synchronously from LOCALES_DIR). */
export function createI18n<C extends Context & I18nFlavor>(opts: CreateI18nOptions<C> = {}): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: DEFAULT_LANGUAGE,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => pickLanguage(opts.memberLanguage?.(ctx), ctx.from?.language_code),
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}

/** A plain translator over an I18n instance. */
export function translator<C extends Context & I18nFlavor>(i18n: I18n<C>): Translate {
  return (lang, key, vars) => i18n.t(lang, key, vars);
}
