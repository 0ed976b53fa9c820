/**
 * The update keeper: what stands between Telegram and `bot.handleUpdate` so that an outage of
 * the state backend (Redis, or PostgreSQL with STATE_BACKEND=postgres) or of PostgreSQL costs
 * the person a short wait, never silence and never what they typed.
 *
 * - Each chat's updates are handled one after another (a held update holds its chat's later
 *   ones, so a flow never sees its answers out of order); chats run in parallel.
 * - An update still unhandled after `busyAfterMs` (a command hanging on a server that does not
 *   answer), or one that failed because a backend is down (the error boundary rethrows
 *   `BackendUnavailableError`), gets the person one "busy, what you typed is kept" notice per
 *   chat and per backlog.
 * - A failed update is not dropped: it is handed to the bot again once the backends answer
 *   (probed with a backoff), until it goes through or the keeper is stopped.
 * - `lowestPending()` says which update ids are not yet handled, so that long polling confirms
 *   only what was handled (src/bot/polling.ts) and a restart during the outage loses nothing:
 *   Telegram gives the unconfirmed updates again.
 * - An update id already in hand (a webhook redelivery) joins the one in flight; one handled a
 *   moment ago is not handled twice.
 *
 * Hand-written because grammY has no notion of "hold and retry": its error handling ends an
 * update, and the runner's sink timeout only reports a slow update.
 */
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import { isBackendUnavailable } from './outage.js';

export interface UpdateKeeperDeps {
  /** `bot.handleUpdate`. */
  handle(update: Update): Promise<void>;
  /** Tells the person that the service is busy and what they typed is kept. */
  notifyBusy(update: Update): Promise<void>;
  /** True when every backend the bot needs answers. */
  backendsUp(): Promise<boolean>;
  logger: Logger;
  /** After this long without an answer the person is told (default 2,500 ms). */
  busyAfterMs?: number;
  /** Delay before the n-th probe of the backends (default 250 ms doubling, at most 5 s). */
  retryDelayMs?(attempt: number): number;
}

export interface UpdateKeeper {
  /** Handles the update (in its chat's order); resolves once handled, or given up on stop. */
  keep(update: Update): Promise<void>;
  /** The lowest update id received and not handled yet. */
  lowestPending(): number | undefined;
  pendingCount(): number;
  /** Resolves when an update settles, or after `ms`. */
  progress(ms: number, signal?: AbortSignal): Promise<void>;
  /** Resolves when nothing is pending, or after `ms`; true when idle. */
  idle(ms: number): Promise<boolean>;
  /** Stops retrying held updates (shutdown): they stay unconfirmed for the next process. */
  stop(): void;
}

const RECENT_LIMIT = 10_000;

/** Builds the keeper over a bot's handleUpdate. */
export function createUpdateKeeper(deps: UpdateKeeperDeps): UpdateKeeper {
  const busyAfterMs = deps.busyAfterMs ?? 2500;
  const retryDelay = deps.retryDelayMs ?? ((n: number) => Math.min(5000, 250 * 2 ** n));
  const chains = new Map<string, Promise<void>>();
  const notified = new Set<string>();
  const inFlight = new Map<number, Promise<void>>();
  const recent = new Set<number>();
  let waiters: (() => void)[] = [];
  let stopped = false;

  const settle = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const remember = (id: number) => {
    recent.add(id);
    if (recent.size > RECENT_LIMIT) recent.delete(recent.values().next().value!);
  };

  async function tell(key: string, update: Update): Promise<void> {
    if (notified.has(key)) return;
    notified.add(key);
    await deps.notifyBusy(update).catch((e: unknown) => deps.logger.warn({ err: (e as Error).message, updateId: update.update_id }, 'busy notice failed'));
  }

  async function waitForBackends(): Promise<void> {
    for (let attempt = 0; !stopped; attempt++) {
      await sleep(retryDelay(attempt));
      if (stopped) return;
      if (await deps.backendsUp().catch(() => false)) return;
    }
  }

  async function run(key: string, update: Update): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const timer = setTimeout(() => void tell(key, update), busyAfterMs);
      try {
        await deps.handle(update);
        return;
      } catch (e) {
        if (!isBackendUnavailable(e)) {
          deps.logger.error({ err: (e as Error).message, updateId: update.update_id }, 'update failed outside the error boundary');
          return;
        }
        if (attempt === 0) deps.logger.warn({ updateId: update.update_id }, 'backend unavailable: update held');
        await tell(key, update);
      } finally {
        clearTimeout(timer);
      }
      await waitForBackends();
      if (stopped) throw new KeeperStoppedError(update.update_id);
    }
  }

  function keep(update: Update): Promise<void> {
    const id = update.update_id;
    const same = inFlight.get(id);
    if (same) return same;
    if (recent.has(id)) return Promise.resolve();
    const key = chatKey(update);
    const prev = chains.get(key) ?? Promise.resolve();
    const task = prev.then(() => run(key, update));
    const tail = task.catch(() => undefined);
    chains.set(key, tail);
    inFlight.set(id, tail);
    return task.then(
      () => {
        remember(id);
        inFlight.delete(id);
        if (chains.get(key) === tail) {
          chains.delete(key);
          notified.delete(key);
        }
        settle();
      },
      () => {
        // stopped while held: left unconfirmed on purpose
        inFlight.delete(id);
        settle();
      },
    );
  }

  return {
    keep,
    lowestPending: () => {
      let low: number | undefined;
      for (const id of inFlight.keys()) if (low === undefined || id < low) low = id;
      return low;
    },
    pendingCount: () => inFlight.size,
    progress: (ms, signal) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        const done = () => (clearTimeout(t), resolve());
        waiters.push(done);
        signal?.addEventListener('abort', done, { once: true });
      }),
    async idle(ms) {
      const until = Date.now() + ms;
      while (inFlight.size > 0 && Date.now() < until) await this.progress(Math.min(200, until - Date.now()));
      return inFlight.size === 0;
    },
    stop() {
      stopped = true;
    },
  };
}

/** A held update whose keeper stopped before the backends came back. */
export class KeeperStoppedError extends Error {
  readonly code = 'KEEPER_STOPPED';
  constructor(readonly updateId: number) {
    super(`stopped while update ${updateId} was held`);
    this.name = 'KeeperStoppedError';
  }
}

/** The chat an update belongs to (its sender when it has no chat). */
export function chatKey(u: Update): string {
  const chat = u.message?.chat ?? u.edited_message?.chat ?? u.callback_query?.message?.chat ?? u.my_chat_member?.chat;
  const from = u.message?.from ?? u.edited_message?.from ?? u.callback_query?.from ?? u.my_chat_member?.from;
  return String(chat?.id ?? from?.id ?? `u${u.update_id}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
