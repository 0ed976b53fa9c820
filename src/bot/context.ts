/**
 * The bot's context type, shared by every feature. `member` is loaded once per update by the
 * membership middleware (null for strangers); features never query it again.
 */
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Member } from '../domain/types.js';
import type { Logger } from '../logger.js';

export interface PulseFlavor {
  /** The registered, active member who sent this update; null for strangers and deactivated members. */
  member: Member | null;
  /** A child logger carrying updateId (and memberId once known). */
  log: Logger;
}

export type BotContext = ConversationFlavor<Context & I18nFlavor & PulseFlavor>;
