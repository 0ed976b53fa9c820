/**
 * What every analysis needs and is costly to build: the text analyzer for the active topic
 * model and the live taxonomy, the IDF table for grouping similarity, and the sensitive
 * topics. Rebuilt only when the model version or the taxonomy changes.
 */
import { seedTaxonomy } from '../admin/units.js';
import type { AdminRepos } from '../admin/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { Settings } from '../../domain/settings.js';
import type { TopicDefinition } from '../../domain/taxonomy.js';
import { idfTable, type IdfTable } from '../issue-groups/fingerprint.js';
import { createTextAnalyzer, type TextAnalyzer } from './text-analysis.js';
import type { TopicModelCache } from './topic-models.js';

/** Version of the analysis code; part of `Report.analysisVersion` with the model version. */
export const ANALYSIS_CODE_VERSION = 'a1';

/** One consistent view for an analysis. */
export interface AnalysisContext {
  analyzer: TextAnalyzer;
  /** `a1:<model version>`: a report analysed with this version is not analysed again. */
  version: string;
  idf: IdfTable;
  topics: ReadonlySet<string>;
  sensitive: ReadonlySet<string>;
}

/** Caches the context; the taxonomy and each unit's settings are re-read at most every `taxonomyEveryMs`. */
export interface AnalysisContextProvider {
  get(): Promise<AnalysisContext>;
  /** The unit's effective settings (thresholds, group window), cached; read through the transaction on a miss. */
  settings(unitId: number, tx: { settings(unitId: number): Promise<Settings> }): Promise<Settings>;
}

/** Builds the provider; seeds the default taxonomy when the database has none. */
export function createAnalysisContextProvider(deps: {
  /** The taxonomy (and the units/invites/audit the taxonomy seed needs). */
  repos: AdminRepos;
  clock: Clock;
  models: TopicModelCache;
  taxonomyEveryMs?: number;
}): AnalysisContextProvider {
  const every = deps.taxonomyEveryMs ?? 30_000;
  let topics: TopicDefinition[] | null = null;
  let topicsKey = '';
  let topicsAt = -Infinity;
  let cached: AnalysisContext | null = null;
  let cachedKey = '';
  const settingsCache = new Map<number, { at: number; value: Promise<Settings> }>();

  async function loadTopics(): Promise<void> {
    let list = await deps.repos.topics.list(true);
    if (list.length === 0) {
      await seedTaxonomy({ repos: deps.repos, clock: deps.clock });
      list = await deps.repos.topics.list(true);
    }
    topics = list.map((t) => ({ slug: t.slug, nameVi: t.nameVi, nameEn: t.nameEn, sensitive: t.sensitive, keywords: t.keywords }) as TopicDefinition);
    topicsKey = JSON.stringify(topics);
    topicsAt = performance.now();
  }

  return {
    settings(unitId, tx) {
      const hit = settingsCache.get(unitId);
      if (hit && performance.now() - hit.at < every) return hit.value;
      const value = tx.settings(unitId);
      settingsCache.set(unitId, { at: performance.now(), value });
      value.catch(() => settingsCache.delete(unitId));
      return value;
    },
    async get() {
      const model = await deps.models.get();
      if (!topics || performance.now() - topicsAt > every) await loadTopics();
      const key = `${model.version}|${topicsKey}`;
      if (!cached || key !== cachedKey) {
        const defs = topics as TopicDefinition[];
        cached = {
          analyzer: createTextAnalyzer(model, defs),
          version: `${ANALYSIS_CODE_VERSION}:${model.version}`,
          idf: idfTable(model.vocab, model.idf),
          topics: new Set(defs.map((t) => t.slug)),
          sensitive: new Set(defs.filter((t) => t.sensitive).map((t) => t.slug)),
        };
        cachedKey = key;
      }
      return cached;
    },
  };
}
