/**
 * Builders of Telegram updates as a real client would send them, for tests, the demo's
 * simulated collaborators and `npm run chat`. Each builder takes the person and returns a
 * fresh Update with increasing update_id and message_id.
 */
import type { InlineKeyboardMarkup, Update } from 'grammy/types';

export interface FakeUser {
  id: number;
  firstName: string;
  languageCode?: string;
  username?: string;
}

let updateSeq = 1;
let messageSeq = 1;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function from(u: FakeUser) {
  return {
    id: u.id,
    is_bot: false as const,
    first_name: u.firstName,
    ...(u.username ? { username: u.username } : {}),
    ...(u.languageCode ? { language_code: u.languageCode } : {}),
  };
}

function privateChat(u: FakeUser) {
  return { id: u.id, type: 'private' as const, first_name: u.firstName };
}

/** A new private message from `u` with the given content fields. */
function privateMessage(u: FakeUser, content: Record<string, unknown>): Update {
  return {
    update_id: updateSeq++,
    message: { message_id: messageSeq++, date: nowSeconds(), chat: privateChat(u), from: from(u), ...content },
  } as Update;
}

/** A text message (commands included: entities are added for a leading /command). */
export function textUpdate(u: FakeUser, text: string): Update {
  const cmd = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
  return privateMessage(u, { text, ...(cmd ? { entities: [{ type: 'bot_command' as const, offset: 0, length: cmd[0].length }] } : {}) });
}

/** A tap on an inline keyboard button of a message the bot sent. */
export function callbackUpdate(u: FakeUser, data: string, messageId = 1, messageText = '', replyMarkup?: InlineKeyboardMarkup): Update {
  return {
    update_id: updateSeq++,
    callback_query: {
      id: `cq-${updateSeq}`,
      from: from(u),
      chat_instance: `ci-${u.id}`,
      data,
      message: {
        message_id: messageId,
        date: nowSeconds(),
        chat: privateChat(u),
        from: { id: 7000000001, is_bot: true, first_name: 'Pulse' },
        text: messageText,
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      },
    },
  };
}

/** A photo with an optional caption. */
export function photoUpdate(u: FakeUser, caption?: string): Update {
  const n = messageSeq;
  return privateMessage(u, { photo: [{ file_id: `AgAC-${n}`, file_unique_id: `p${n}`, width: 800, height: 600 }], ...(caption !== undefined ? { caption } : {}) });
}

/** A document with an optional caption. */
export function documentUpdate(u: FakeUser, caption?: string): Update {
  const n = messageSeq;
  return privateMessage(u, { document: { file_id: `BQAC-${n}`, file_unique_id: `d${n}`, file_name: 'note.pdf' }, ...(caption !== undefined ? { caption } : {}) });
}

/** A message in a group chat (the bot answers only with a hint to write privately). */
export function groupTextUpdate(u: FakeUser, groupId: number, text: string): Update {
  return {
    update_id: updateSeq++,
    message: {
      message_id: messageSeq++,
      date: nowSeconds(),
      chat: { id: groupId, type: 'group', title: 'Group' },
      from: from(u),
      text,
    },
  };
}

/** Odd update kinds a bot must survive: edited messages, channel posts, stickers, locations. */
export function oddUpdates(u: FakeUser): Update[] {
  const base = { date: nowSeconds(), chat: privateChat(u), from: from(u) };
  return [
    { update_id: updateSeq++, edited_message: { message_id: messageSeq++, edit_date: nowSeconds(), ...base, text: 'edited' } },
    {
      update_id: updateSeq++,
      channel_post: { message_id: messageSeq++, date: nowSeconds(), chat: { id: -100123, type: 'channel', title: 'C' }, text: 'post' },
    },
    {
      update_id: updateSeq++,
      message: {
        message_id: messageSeq++,
        ...base,
        sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
      },
    },
    { update_id: updateSeq++, message: { message_id: messageSeq++, ...base, location: { latitude: 21.02, longitude: 105.85 } } },
  ] as Update[];
}
