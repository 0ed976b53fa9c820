/**
 * The contract of a state backend (src/compose/backends.ts picks one): queues and the shared state the
 * bot, the alerts and the delivery limiter keep, on Redis or PostgreSQL.
 */
import type { CardEditGate } from '../../app/alerts/ports.js';
import type { BotState } from '../../bot/state.js';
import type { LimiterStore } from '../../delivery/limiter.js';
import type { QueueFactory } from '../../queue/factory.js';

/** Queues and shared state on one backend. */
export interface StateBackend {
  kind: 'redis' | 'postgres';
  queues: QueueFactory;
  /** PostgreSQL: the schema of BullMQ's tables (bot threads open their backend on the same). */
  queueSchema?: string;
  /** The bot's conversation state, draft index and flood counters (`draftsPrefix` isolates test runs and the demo). */
  botState(opts?: { draftsPrefix?: string }): Promise<BotState>;
  cardEditGate(): CardEditGate;
  limiterStore(): LimiterStore;
  /** Removes expired state (PostgreSQL; Redis expires keys itself): the sweeper calls it. */
  pruneExpired(): Promise<number>;
  /** Resolves when the backend answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
