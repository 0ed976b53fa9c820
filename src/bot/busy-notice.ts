/**
 * The notice a person gets while the service is down: "busy, what you typed is kept", in the
 * language Telegram reports for them (their member record may be what cannot be read). Sent
 * straight through the Bot API, which needs neither PostgreSQL nor the state backend; in private
 * chats only (group chats get nothing from the bot but a hint).
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { pickLanguage, type Translate } from './i18n.js';

/** The keeper's `notifyBusy` over a Bot API client. */
export function busyNotice(api: Api, t: Translate): (update: Update) => Promise<void> {
  return async (u) => {
    const chat = u.message?.chat ?? u.edited_message?.chat ?? u.callback_query?.message?.chat;
    const from = u.message?.from ?? u.edited_message?.from ?? u.callback_query?.from;
    if (!chat || chat.type !== 'private') return;
    await api.sendMessage(chat.id, t(pickLanguage(undefined, from?.language_code), 'common-busy'));
  };
}
