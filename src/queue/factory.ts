/**
 * The one place where BullMQ queues and workers are constructed, so that the backend
 * (Redis today; BullMQ's PostgreSQL backend is possible) is chosen by configuration here.
 * `prefix` isolates deployments and test runs sharing one Redis.
 */
import { Queue, Worker, QueueEvents, type ConnectionOptions, type Processor, type WorkerOptions, type QueueOptions, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

export interface QueueFactory {
  prefix: string;
  queue<T = unknown>(name: string, opts?: Partial<QueueOptions> & { defaultJobOptions?: JobsOptions }): Queue<T>;
  worker<T = unknown>(name: string, processor: Processor<T>, opts?: Partial<WorkerOptions>): Worker<T>;
  events(name: string): QueueEvents;
}

/**
 * Builds queues and workers on one Redis. Queues share the given connection (the runtime
 * closes it); workers and queue-events get connection *options*, so BullMQ creates their
 * blocking connections itself and closes them with the worker (an ioredis instance passed in
 * would be left open by `worker.close()`).
 */
export function createQueueFactory(connection: Redis, prefix = 'pulse'): QueueFactory {
  const own = () => ({ ...connection.options, maxRetriesPerRequest: null }) as ConnectionOptions;
  return {
    prefix,
    queue<T>(name: string, opts: Partial<QueueOptions> = {}) {
      return new Queue<T>(name, { connection, prefix, ...opts }) as Queue<T>;
    },
    worker<T>(name: string, processor: Processor<T>, opts: Partial<WorkerOptions> = {}) {
      return new Worker<T>(name, processor, { connection: own(), prefix, ...opts });
    },
    events(name: string) {
      return new QueueEvents(name, { connection: own(), prefix });
    },
  };
}
