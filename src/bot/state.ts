/**
 * The bot's shared state, behind ports so that it can live in Redis or PostgreSQL
 * (STATE_BACKEND): conversation state (a grammY storage adapter), the index of drafts in
 * progress and the per-person flood counters. Every bot process and thread shares it, so a
 * restart or another thread resumes where the person was. The composition root builds it
 * (src/compose/backends.ts); createBot only uses it.
 */
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { ConversationData, VersionedState } from '@grammyjs/conversations';
import type { StorageAdapter } from 'grammy';
import type { Cluster, Redis } from 'ioredis';
import { createRedisDraftStore, type DraftStore } from './draft-store.js';
import { createRedisFloodCounter, type FloodCounter } from './flood-limit.js';

/** What the conversations plugin stores per chat. */
export type ConversationStorage = StorageAdapter<VersionedState<ConversationData>>;

/** What the bot keeps between updates. */
export interface BotState {
  /** grammY conversations storage (keys `<conversationPrefix><chat id>`). */
  conversations: ConversationStorage;
  drafts: DraftStore;
  flood: FloodCounter;
}

/** Conversation state in Redis expires after a week without activity (a safety net: the draft reaper drops idle drafts after 24 h). */
const CONVERSATION_TTL_SECONDS = 7 * 24 * 3600;

/** The bot's state in Redis (the maintained grammY Redis adapter for conversations). */
export function createRedisBotState(redis: Redis | Cluster, opts: { draftsPrefix?: string } = {}): BotState {
  return {
    // the adapter is typed for a plain Redis client; it calls get/set/del, which a Cluster has too
    conversations: new RedisAdapter<VersionedState<ConversationData>>({ instance: redis as Redis, ttl: CONVERSATION_TTL_SECONDS }),
    drafts: createRedisDraftStore(redis, opts.draftsPrefix),
    flood: createRedisFloodCounter(redis),
  };
}
