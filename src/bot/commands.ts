/**
 * The command menu (`setMyCommands`) per language: collaborators' commands for everyone, and
 * for leaders and admins a per-chat menu that adds /alerts, /digest, /dashboard.
 */
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Member } from '../domain/types.js';
import { LANGUAGES, type Language } from '../domain/vocabulary.js';
import { pickLanguage, type Translate } from './i18n.js';

const BASE = ['report', 'cancel', 'myreports', 'surveys', 'language', 'help'] as const;
const STAFF = ['alerts', 'digest', 'dashboard'] as const;

/** The commands a role sees, described in a language. */
export function commandsFor(staff: boolean, lang: Language, t: Translate): BotCommand[] {
  const names = staff ? [...BASE, ...STAFF] : [...BASE];
  return names.map((command) => ({ command, description: t(lang, `intake-cmd-${command}`) }));
}

/** Default menus: Vietnamese for everyone, English for Telegram clients in English. */
export async function registerDefaultCommands(api: Api, t: Translate): Promise<void> {
  await api.setMyCommands(commandsFor(false, 'vi', t), { scope: { type: 'all_private_chats' } });
  for (const lang of LANGUAGES) {
    await api.setMyCommands(commandsFor(false, lang, t), { scope: { type: 'all_private_chats' }, language_code: lang });
  }
}

/** A leader's or admin's own menu (per-chat scope), in their language. */
export async function registerStaffCommands(api: Api, t: Translate, member: Pick<Member, 'chatId' | 'telegramUserId' | 'language' | 'role'>): Promise<void> {
  if (member.role === 'collaborator') return;
  const chatId = Number(member.chatId ?? member.telegramUserId);
  await api.setMyCommands(commandsFor(true, pickLanguage(member.language, null), t), { scope: { type: 'chat', chat_id: chatId } });
}
