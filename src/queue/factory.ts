/**
 * The one place where BullMQ queues, workers and queue-events are constructed, on Redis (a
 * single server or a Redis Cluster) or on BullMQ's own PostgreSQL backend, so that the backend
 * is chosen by configuration (STATE_BACKEND) and nothing else in the code base names it.
 * Every instance gets a structured log line for its `error` events (no raw stack traces).
 */
import { createPostgresBackend, Queue, QueueEvents, Worker, type ConnectionOptions, type JobsOptions, type Processor, type QueueOptions, type WorkerOptions } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/** Builds the queues and workers of one backend. */
export interface QueueFactory {
  kind: 'redis' | 'postgres';
  /**
   * Namespace of this deployment or test run: the Redis key prefix (hash-tagged, `{…}`, on a
   * cluster) or, on PostgreSQL, a label only (the schema is the namespace there).
   */
  prefix: string;
  queue<T = unknown>(name: string, opts?: Partial<QueueOptions> & { defaultJobOptions?: JobsOptions }): Queue<T>;
  worker<T = unknown>(name: string, processor: Processor<T>, opts?: Partial<WorkerOptions>): Worker<T>;
  events(name: string): QueueEvents;
}

type Instance = Queue | Worker | QueueEvents;

/** A structured log line for an instance's `error` events (BullMQ prints them raw otherwise). */
function logErrors<T extends Instance>(instance: T, name: string, kind: string, logger: Logger | undefined): T {
  if (logger) {
    const log = logger.child({ queue: name, instance: kind });
    (instance as Queue).on('error', (err: Error) => log.error({ err: { message: err.message, code: (err as { code?: string }).code } }, 'queue connection error'));
  }
  return instance;
}

/**
 * One Queue instance per name for the whole process (a queue is only a producer handle, and on
 * PostgreSQL each instance has its own pool): every caller gets the same instance and closes
 * its handle; the instance closes with the last one.
 */
function sharedQueues(create: (name: string, opts: Partial<QueueOptions>) => Queue): <T>(name: string, opts?: Partial<QueueOptions>) => Queue<T> {
  const open = new Map<string, { queue: Queue; handles: number }>();
  return <T>(name: string, opts: Partial<QueueOptions> = {}) => {
    // options that shape the instance (tests, special cases) get an instance of their own
    if (Object.keys(opts).length > 0) return create(name, opts) as Queue<T>;
    let entry = open.get(name);
    if (!entry) {
      const queue = create(name, {});
      const close = queue.close.bind(queue);
      const shared = { queue, handles: 0 };
      queue.close = async () => {
        shared.handles -= 1;
        if (shared.handles > 0) return;
        open.delete(name);
        await close();
      };
      entry = shared;
      open.set(name, entry);
    }
    entry.handles += 1;
    return entry.queue as Queue<T>;
  };
}

/**
 * Queues and workers on Redis. Queues share the given connection (its owner closes it).
 * Workers and queue-events on a single server get connection *options*, so BullMQ creates
 * their blocking connections itself and closes them with the worker (an ioredis instance
 * passed in would be left open by `worker.close()`); on a cluster they get the Cluster
 * instance, which BullMQ duplicates for its blocking connection.
 */
export function createRedisQueueFactory(connection: Redis | Cluster, prefix = 'pulse', logger?: Logger): QueueFactory {
  const cluster = 'isCluster' in connection && connection.isCluster;
  const own = (): ConnectionOptions => (cluster ? connection : ({ ...(connection as Redis).options, maxRetriesPerRequest: null } as ConnectionOptions));
  const queue = sharedQueues((name, opts) => logErrors(new Queue(name, { connection, prefix, ...opts }), name, 'queue', logger));
  return {
    kind: 'redis',
    prefix,
    queue,
    worker<T>(name: string, processor: Processor<T>, opts: Partial<WorkerOptions> = {}) {
      return logErrors(new Worker<T>(name, processor, { ...JOB_LOCKS, connection: own(), prefix, ...opts }), name, 'worker', logger);
    },
    events(name: string) {
      return logErrors(new QueueEvents(name, { connection: own(), prefix }), name, 'events', logger);
    },
  };
}

/**
 * Job locks of every worker: a job whose process died is taken over once its lock lapses and a
 * stalled check finds it, so these bound the recovery after a kill -9 (BullMQ's defaults, a 30 s
 * lock checked every 30 s, made it ~60–75 s). The lock is renewed every 5 s by a live worker; a
 * job that blocks its event loop for 10 s would be run again (every job is idempotent), and
 * nothing here blocks that long (the retraining runs in a worker thread).
 */
export const JOB_LOCKS = { lockDuration: 10_000, stalledInterval: 5_000 } as const;

/** Where BullMQ's PostgreSQL backend keeps its tables. */
export interface PostgresQueueOptions {
  connectionString: string;
  /** The schema of BullMQ's tables (`public` on the embedded database, where `search_path` does not carry). */
  schema: string;
  /**
   * Poll every this many seconds instead of waiting for NOTIFY (the embedded database cannot
   * deliver it over its socket): an idle worker, and queue-events, never wait longer.
   */
  pollSeconds?: number;
  /** The deployment's or test run's label (the state rows' key prefix); the schema isolates the queues. */
  prefix?: string;
  logger?: Logger;
}

/**
 * A worker that never blocks longer than `seconds`: BullMQ otherwise sleeps until the next
 * delayed job is due (up to an hour on PostgreSQL), trusting NOTIFY to wake it for new jobs.
 */
function pollingWorkerClass(seconds: number): typeof Worker {
  return class PollingWorker extends Worker {
    override get maximumBlockTimeout(): number {
      return seconds;
    }
  } as typeof Worker;
}

/**
 * Queues and workers on BullMQ's PostgreSQL backend. Each instance owns a small pool (BullMQ's
 * operations are single calls of its SQL functions): two connections for a queue, for a worker
 * half its concurrency (3–8; with 3 for 16 jobs in flight the analysis worker waited for
 * connections: 73–89 against 98–107 reports/s with 8 in bench/analysis-e2e.ts), plus its LISTEN connection. The BullMQ schema must have been migrated (`migrateQueueSchema`).
 */
export function createPostgresQueueFactory(opts: PostgresQueueOptions): QueueFactory {
  const connection = (max: number) => ({ connectionString: opts.connectionString, schema: opts.schema, max, idleTimeoutMillis: 5000, skipMigrations: true });
  // The PostgreSQL classes differ from the Redis ones only in their backend type parameter.
  const asDefault = <T>(instance: unknown) => instance as T;
  const WorkerClass = opts.pollSeconds ? pollingWorkerClass(opts.pollSeconds) : Worker;
  const polling = opts.pollSeconds ? { drainDelay: opts.pollSeconds } : {};
  const queue = sharedQueues((name, qopts) => {
    const { connection: _ignored, prefix: _prefix, ...rest } = qopts;
    return logErrors(asDefault<Queue>(new Queue(name, { ...rest, connection: connection(2) }, createPostgresBackend)), name, 'queue', opts.logger);
  });
  return {
    kind: 'postgres',
    prefix: opts.prefix ?? opts.schema,
    queue,
    worker<T>(name: string, processor: Processor<T>, wopts: Partial<WorkerOptions> = {}) {
      const { connection: _ignored, prefix: _prefix, ...rest } = wopts;
      // a job in flight takes a connection to be claimed, have its lock extended and be finished
      const poolSize = Math.min(8, Math.max(3, Math.ceil((rest.concurrency ?? 1) / 2)));
      const worker = new WorkerClass(name, processor as Processor, { ...JOB_LOCKS, ...polling, ...rest, connection: connection(poolSize) }, createPostgresBackend);
      return logErrors(asDefault<Worker<T>>(worker), name, 'worker', opts.logger);
    },
    events(name: string) {
      return logErrors(asDefault<QueueEvents>(new QueueEvents(name, { connection: connection(1), ...(opts.pollSeconds ? { blockingTimeout: opts.pollSeconds * 1000 } : {}) }, createPostgresBackend)), name, 'events', opts.logger);
    },
  };
}
