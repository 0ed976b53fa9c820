/**
 * An in-process cache in front of the bot's per-update membership lookup. Every update a
 * person sends needs their membership, and a deactivated member must be refused at once, so
 * the cache is only trusted while it is subscribed to the database's `pulse_member_changed`
 * notifications (a trigger on "Member" sends one for every insert, delete and change that
 * matters, whoever makes it: the bot, the admin CLI, the delivery worker or plain SQL).
 *
 * - People without membership are not cached, so joining works on the very next message.
 * - A notification (or `forget`, after a change made in this process) drops that person's entry; a lookup that was in flight when it arrived
 *   does not store its (possibly older) answer.
 * - While the subscription is down (PostgreSQL restarting) every lookup goes to the database
 *   and the cache is emptied, since notifications may have been missed.
 * - The subscription starts in the background; lookups go to the database until it is up.
 * - Entries also expire after `ttlMs` (default 60 s) as a backstop, and the cache holds at
 *   most `maxEntries` people (oldest inserted evicted first).
 */
import type { Member } from '../domain/types.js';
import type { Logger } from '../logger.js';
import type { Database, Subscription } from './client.js';
import type { MemberLookup } from './repositories/index.js';

/** The NOTIFY channel of the "Member" trigger (migration 20261126100000_member_change_notify). */
export const memberChangedChannel = (schema: string) => `pulse_member_changed_${schema}`;

export interface MemberCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** Monotonic milliseconds (injectable for tests). */
  now?: () => number;
  logger?: Logger;
}

export interface CachedMemberLookup extends MemberLookup {
  forget(telegramUserId: bigint): void;
  /** Ends the subscription; later lookups go to the database. */
  close(): Promise<void>;
  /** Counters for logs and tests. */
  stats(): { hits: number; misses: number; invalidations: number; listening: boolean; size: number };
}

interface Entry {
  member: Member;
  expires: number;
}

/** Wraps `lookup` with a cache kept correct by the database's change notifications. */
export function createCachedMemberLookup(db: Pick<Database, 'listen' | 'schema'>, lookup: MemberLookup, opts: MemberCacheOptions = {}): CachedMemberLookup {
  const ttlMs = opts.ttlMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 50_000;
  const now = opts.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  let listening = false;
  /** Bumped on every invalidation and state change: a lookup started before one does not store. */
  let generation = 0;
  let hits = 0;
  let misses = 0;
  let invalidations = 0;

  // Subscribes in the background; until it is up every lookup goes to the database.
  const subscription: Promise<Subscription | null> = db.listen(
    memberChangedChannel(db.schema),
    (payload) => {
      generation++;
      invalidations++;
      entries.delete(payload);
    },
    (up) => {
      generation++;
      entries.clear();
      if (up !== listening) opts.logger?.info({ listening: up }, up ? 'membership cache on (subscribed to member changes)' : 'membership cache off until member changes can be heard again');
      listening = up;
    },
  ).catch((e: unknown) => {
    opts.logger?.warn({ err: (e as Error).message }, 'membership cache off: cannot subscribe to member changes');
    return null;
  });

  return {
    async findByTelegramId(telegramUserId: bigint): Promise<Member | null> {
      const key = telegramUserId.toString();
      const hit = listening ? entries.get(key) : undefined;
      if (hit && hit.expires > now()) {
        hits++;
        return hit.member;
      }
      misses++;
      const started = generation;
      const member = await lookup.findByTelegramId(telegramUserId);
      if (member) Object.freeze(member); // possibly shared by every update that hits the entry
      // People without membership are not cached: joining must work on the very next message.
      if (member && listening && started === generation) {
        entries.delete(key);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { member, expires: now() + ttlMs });
      }
      return member;
    },
    forget(telegramUserId: bigint) {
      generation++;
      entries.delete(telegramUserId.toString());
    },
    async close() {
      await (await subscription)?.close();
      listening = false;
      entries.clear();
    },
    stats: () => ({ hits, misses, invalidations, listening, size: entries.size }),
  };
}
