/**
 * Long polling that confirms an update to Telegram only once it is handled, and a webhook
 * handler that answers non-2xx while an update is held, so that no update is lost when the
 * bot restarts during an outage (src/bot/update-keeper.ts holds them meanwhile).
 *
 * Built from @grammyjs/runner's own parts (`createSource`, `createConcurrentSink`,
 * `createRunner`): only the supplier is ours, because the runner's `createUpdateFetcher`
 * advances the offset as soon as a batch is fetched (confirming updates that are still being
 * handled, or held) and offers no hook for it; `bot.start()` confirms after handling but
 * handles one update at a time, so one held update would stop every chat. The supplier passes
 * `offset` = the lowest update still pending (or the one after the last seen), skips what it has
 * already handed out, and while something is pending asks again when an update settles (at
 * most once a second when nothing does). The cost: during an outage Telegram keeps giving the
 * held updates again, and only the first 100 unconfirmed updates (one `getUpdates` batch) can be
 * held; later ones wait at Telegram until the first ones are handled.
 *
 * The webhook reuses grammY's `webhookCallback` with its timeout: an update not handled within
 * `timeoutMs` answers 500, Telegram sends it again, and the keeper joins the redelivery to the
 * update in hand (or skips it when it was handled since).
 */
import { createConcurrentSink, createRunner, createSource, type RunnerHandle, type UpdateSupplier } from '@grammyjs/runner';
import { GrammyError, webhookCallback, type Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import type { UpdateKeeper } from './update-keeper.js';

export interface PollingOptions {
  allowedUpdates?: ('message' | 'edited_message' | 'callback_query')[];
  logger: Logger;
  /** Long-poll timeout when nothing is pending, seconds (default 30). */
  pollSeconds?: number;
  /** On stop, how long held or running updates may take before the process goes (default 5 s). */
  drainMs?: number;
}

/** A running poller: stop() drains, confirms what was handled, and leaves the rest to Telegram. */
export interface Poller {
  runner: RunnerHandle;
  stop(): Promise<void>;
}

/** Starts long polling through the keeper. */
export function startPolling<C extends Context>(bot: Bot<C>, keeper: UpdateKeeper, opts: PollingOptions): Poller {
  const log = opts.logger;
  let seen = -1;
  const nextOffset = () => keeper.lowestPending() ?? (seen >= 0 ? seen + 1 : undefined);
  const supplier: UpdateSupplier<Update> = {
    async supply(batchSize, runnerSignal) {
      const signal = runnerSignal as unknown as AbortSignal;
      await bot.init();
      for (let failures = 0; ; ) {
        const pending = keeper.lowestPending() !== undefined;
        let updates: Update[];
        try {
          const offset = nextOffset();
          updates = await bot.api.getUpdates(
            {
              ...(offset !== undefined ? { offset } : {}),
              limit: Math.max(1, Math.min(batchSize, 100)),
              timeout: pending ? 0 : (opts.pollSeconds ?? 30),
              ...(opts.allowedUpdates ? { allowed_updates: opts.allowedUpdates } : {}),
            },
            runnerSignal,
          );
          failures = 0;
        } catch (e) {
          if (signal.aborted) throw e;
          if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 409)) throw e;
          const wait = e instanceof GrammyError && e.parameters.retry_after ? e.parameters.retry_after * 1000 : Math.min(10_000, 200 * 2 ** failures++);
          log.warn({ err: (e as Error).message, waitMs: wait }, 'getUpdates failed');
          await abortableSleep(wait, signal);
          continue;
        }
        const fresh = updates.filter((u) => u.update_id > seen);
        if (fresh.length > 0) {
          seen = fresh[fresh.length - 1]!.update_id;
          return fresh;
        }
        if (pending) await keeper.progress(1000, signal);
        if (signal.aborted) return [];
      }
    },
  };
  const source = createSource(supplier);
  const sink = createConcurrentSink<Update>({ consume: (u) => keeper.keep(u) }, async (e) => log.error({ err: (e as Error).message }, 'update consumer failed'));
  const runner = createRunner(source, sink);
  runner.start();
  return {
    runner,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      const drained = await keeper.idle(opts.drainMs ?? 5000);
      keeper.stop();
      const offset = nextOffset();
      if (offset !== undefined) {
        // confirms what was handled since the last poll (what is still held is not confirmed)
        await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch((e: unknown) => log.warn({ err: (e as Error).message }, 'could not confirm the handled updates'));
      }
      if (!drained) log.warn({ held: keeper.pendingCount() }, 'stopped with updates held: Telegram gives them again');
    },
  };
}

/**
 * grammY's webhook callback for Fastify, over the keeper: an update not handled within
 * `timeoutMs` answers 500 (Telegram redelivers), and the secret token header is checked.
 */
export function keptWebhookCallback<C extends Context>(bot: Bot<C>, keeper: UpdateKeeper, opts: { secretToken: string; timeoutMs?: number }) {
  const facade = {
    isRunning: () => false,
    init: () => bot.init(),
    handleUpdate: (u: Update) => keeper.keep(u),
  } as unknown as Bot<C>;
  return webhookCallback(facade, 'fastify', { secretToken: opts.secretToken, onTimeout: 'throw', timeoutMilliseconds: opts.timeoutMs ?? 5000 });
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
