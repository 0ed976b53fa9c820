/**
 * The taxonomy as the bot shows it, cached for a minute: the topic keyboard is sent on every
 * report and each conversation replay reads it, so it must not cost a query per update.
 * Falls back to the default taxonomy while the table is empty.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import { DEFAULT_TOPICS } from '../domain/taxonomy.js';
import type { TopicOption } from './keyboards/report.js';

/** The cached taxonomy. */
export interface TaxonomyCache {
  /** The last loaded list (defaults before the first load). */
  current(): readonly TopicOption[];
  /** Reloads when older than the TTL; safe to call on every update. */
  refresh(): Promise<readonly TopicOption[]>;
}

/** Builds the cache over the topics repository. */
export function createTaxonomyCache(repos: Pick<Repositories, 'topics'>, clock: Clock, ttlMs = 60_000): TaxonomyCache {
  let topics: readonly TopicOption[] = DEFAULT_TOPICS.filter((x) => x.slug !== 'other').concat(DEFAULT_TOPICS.filter((x) => x.slug === 'other'));
  let loadedAt = -Infinity;
  let loading: Promise<readonly TopicOption[]> | null = null;
  return {
    current: () => topics,
    refresh() {
      if (clock().getTime() - loadedAt < ttlMs) return Promise.resolve(topics);
      loading ??= repos.topics
        .list(true)
        .then((rows) => {
          if (rows.length > 0) topics = rows.map((r) => ({ slug: r.slug, nameVi: r.nameVi, nameEn: r.nameEn }));
          loadedAt = clock().getTime();
          return topics;
        })
        .finally(() => (loading = null));
      return loading;
    },
  };
}
