/**
 * The bot's updates spread over worker threads, so that one bot process uses every core (the
 * idea of @grammyjs/runner's `distribute`/`BotWorker`, which routes round-robin and has no
 * way to stop its threads). Here:
 *
 * - every update of a chat goes to the same thread (chat id modulo the thread count), and the
 *   front bot's `sequentialize` keeps one chat's updates in order across the hop;
 * - the front's `handleUpdate` resolves when the thread has handled the update, so the
 *   runner's back-pressure and the webhook's reply timing are unchanged;
 * - a thread that dies is replaced; the updates it held are rejected (and logged by the front
 *   bot) — conversation state lives in Redis, so the person's flow resumes with their next
 *   message;
 * - `close()` lets each thread finish what it holds, close its connections and exit.
 *
 * A thread's entry module calls `serveUpdates(handle, close)` once its bot is built.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import { BackendUnavailableError, isBackendUnavailable } from './outage.js';

/** What a thread receives in `workerData`. */
export interface ThreadData<T = unknown> {
  /** The entry module (file URL) the shim imports. */
  entry: string;
  /** The thread's number (0…count-1), for logs. */
  index: number;
  data: T;
}

type ToThread = { t: 'update'; id: number; update: Update } | { t: 'close' };
type FromThread = { t: 'ready' } | { t: 'done'; id: number } | { t: 'failed'; id: number; error: string; unavailable?: boolean };

const SHIM = new URL('../../workers/thread-entry.mjs', import.meta.url);

/** Default thread count: one per core when there are several, else none (handle in-process). */
export function defaultBotThreads(): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, 8) : 0;
}

export interface ThreadPoolOptions<T> {
  /** The entry module of a thread (a file URL); it must call `serveUpdates`. */
  entry: URL;
  count: number;
  /** Given to every thread (structured-cloneable). */
  data: T;
  logger: Logger;
  /**
   * Young-generation size of each thread's heap in MB (default 64). The report flow replays its
   * conversation on every update and allocates a lot of short-lived objects: a larger young
   * generation cut the bot's CPU per update by ~12 % in bench/report-flow.ts.
   */
  youngGenerationMb?: number;
  /** Messages of other kinds posted by threads (benchmarks use it). */
  onOther?: (message: unknown, thread: number) => void;
}

interface Pending {
  resolve(): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
  exited: boolean;
}

export interface ThreadPool {
  /** Hands the update to its chat's thread; resolves when the thread has handled it. */
  handle(update: Update): Promise<void>;
  /** Resolves when every thread has built its bot (rejects if one could not start). */
  ready(): Promise<void>;
  /** Lets every thread finish, close its connections and exit (then terminates stragglers). */
  close(timeoutMs?: number): Promise<void>;
  size: number;
}

/** The chat an update belongs to (the routing key), or 0. */
export function updateChatId(u: Update): number {
  const m = u.message ?? u.edited_message ?? u.channel_post ?? u.edited_channel_post ?? u.callback_query?.message;
  return m?.chat.id ?? u.callback_query?.from.id ?? u.my_chat_member?.chat.id ?? u.inline_query?.from.id ?? 0;
}

/** Starts `count` threads running `entry`. */
export function createThreadPool<T>(opts: ThreadPoolOptions<T>): ThreadPool {
  const slots: Slot[] = [];
  let nextId = 0;
  let closing = false;
  const log = opts.logger;

  const spawn = (index: number): Slot => {
    const data: ThreadData<T> = { entry: opts.entry.href, index, data: opts.data };
    const worker = new Worker(SHIM, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: opts.youngGenerationMb ?? 64 } });
    const pending = new Map<number, Pending>();
    let markReady!: () => void;
    let failStart!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      markReady = res;
      failStart = rej;
    });
    ready.catch(() => undefined);
    let wasReady = false;
    const slot: Slot = { worker, pending, ready, exited: false };
    worker.on('message', (m: FromThread) => {
      if (m.t === 'done' || m.t === 'failed') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.t === 'done') p?.resolve();
        else p?.reject(m.unavailable ? new BackendUnavailableError({ cause: new Error(m.error) }) : new Error(m.error));
      } else if (m.t === 'ready') {
        wasReady = true;
        markReady();
      }
      else opts.onOther?.(m, index);
    });
    worker.on('error', (e) => log.error({ thread: index, err: e.message }, 'bot thread failed'));
    worker.on('exit', (code) => {
      slot.exited = true;
      failStart(new Error(`bot thread ${index} exited (code ${code}) before it was ready`));
      for (const p of pending.values()) p.reject(new Error(`bot thread ${index} exited while handling the update`));
      pending.clear();
      // A thread that never got ready is not restarted (no crash loop): ready() and the updates
      // routed to it reject, and the process fails to start or reports them lost.
      if (closing || !wasReady) return;
      log.error({ thread: index, code }, 'bot thread exited; starting a new one');
      const replacement = spawn(index);
      slots[index] = replacement;
      replacement.ready.catch((e: Error) => log.error({ thread: index, err: e.message }, 'bot thread could not restart'));
    });
    return slot;
  };
  for (let i = 0; i < opts.count; i++) slots.push(spawn(i));

  return {
    size: opts.count,
    async handle(update) {
      if (closing) throw new Error('the bot threads are stopping');
      const slot = slots[Math.abs(updateChatId(update)) % slots.length]!;
      await slot.ready;
      const id = ++nextId;
      const done = new Promise<void>((resolve, reject) => slot.pending.set(id, { resolve, reject }));
      slot.worker.postMessage({ t: 'update', id, update } satisfies ToThread);
      await done;
    },
    async ready() {
      await Promise.all(slots.map((s) => s.ready));
    },
    async close(timeoutMs = 15_000) {
      closing = true;
      await Promise.all(
        slots.map(async (s, i) => {
          if (s.exited) return;
          const exited = new Promise<void>((res) => s.worker.once('exit', () => res()));
          s.worker.postMessage({ t: 'close' } satisfies ToThread);
          const timer = setTimeout(() => {
            log.warn({ thread: i }, 'bot thread did not stop in time; terminating it');
            void s.worker.terminate();
          }, timeoutMs);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}

/** The thread's side: the data given by the pool. */
export function threadData<T>(): ThreadData<T> {
  return workerData as ThreadData<T>;
}

/**
 * Serves updates from the pool: `handle` each (errors are reported back, never thrown), and on
 * `close` waits for the updates in hand, runs `close` and ends the thread.
 */
export function serveUpdates(handle: (u: Update) => Promise<void>, close: () => Promise<void>): void {
  const port = parentPort;
  if (!port) throw new Error('serveUpdates must run in a worker thread');
  const inHand = new Set<Promise<void>>();
  port.on('message', (m: ToThread) => {
    if (m.t === 'update') {
      const p = handle(m.update).then(
        () => port.postMessage({ t: 'done', id: m.id } satisfies FromThread),
        (e: unknown) => port.postMessage({ t: 'failed', id: m.id, error: (e as Error)?.message ?? String(e), unavailable: isBackendUnavailable(e) } satisfies FromThread),
      );
      inHand.add(p);
      void p.finally(() => inHand.delete(p));
    } else if (m.t === 'close') {
      void (async () => {
        await Promise.allSettled([...inHand]);
        await close().catch(() => undefined);
        port.close();
        process.exit(0);
      })();
    }
  });
  port.postMessage({ t: 'ready' } satisfies FromThread);
}
