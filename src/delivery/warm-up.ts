/**
 * Readies a freshly started delivery process before it takes jobs: the first sends of a new
 * process pay for opening database connections and preparing each query shape (see
 * app/alerts/warm-up.ts for the figures). Runs the sender's reads and conditional updates in
 * parallel on an id that matches no row: nothing is written and nothing is sent.
 */
import type { DeliveriesRepository } from '../db/repositories/deliveries-repository.js';

const NONE = -1;

/** Warms the send path; `parallel` copies at once open that many database connections. */
export async function warmUpDelivery(deliveries: DeliveriesRepository, parallel = 8): Promise<void> {
  const once = () =>
    Promise.all([
      deliveries.get(NONE),
      deliveries.byKey('warm-up'),
      deliveries.hasNewerEdit(NONE, 0n, 'warm-up', null),
      deliveries.hasNewerEdit(NONE, 0n, null, NONE),
      deliveries.claim(NONE),
      deliveries.markSent(NONE, NONE, null, new Date(0)),
      deliveries.release(NONE, NONE, 'warm-up'),
      deliveries.markFailed(NONE, NONE, 'warm-up'),
    ]);
  await Promise.all(Array.from({ length: parallel }, once));
}
