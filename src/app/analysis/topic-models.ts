/**
 * The topic model's life cycle: training on the repo's corpus plus leaders' corrections,
 * storing each version in `ModelVersion` (one active per kind), and a per-process cache that
 * workers use so that a retrained model is picked up without a restart.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Prisma as PrismaClient } from '../../db/client.js';
import { activeModel, activeModelVersion, leaderExamples, storeModel } from '../../db/repositories/analysis-repository.js';
import { loadTopicModel, topicModelVersion, trainTopicModel, type TopicExample, type TopicModel } from '../../nlp/topic-model.js';

/** `ModelVersion.kind` of topic models. */
export const TOPIC_MODEL_KIND = 'topic';

/** The labelled training corpus kept in the repo. */
export const TRAINING_CORPUS = resolve(import.meta.dirname, '../../../corpus/topics-train.jsonl');

/** Reads a JSONL corpus of `{ text, topic }` lines (other fields ignored, bad lines skipped). */
export function readCorpus(path: string = TRAINING_CORPUS): TopicExample[] {
  const out: TopicExample[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line) as { text?: unknown; topic?: unknown };
      if (typeof row.text === 'string' && typeof row.topic === 'string') out.push({ text: row.text, topic: row.topic, origin: 'corpus' });
    } catch {
      // a malformed line is skipped, not fatal
    }
  }
  return out;
}

/** Outcome of a retraining. */
export interface RetrainResult {
  version: string;
  examples: number;
  corrections: number;
  /** False when the active model already had this version (nothing new to learn). */
  changed: boolean;
}

/**
 * Trains a topic model on the corpus plus every leader correction and stores it as the
 * active version. Same examples → same version, so retraining without new corrections
 * changes nothing.
 */
export async function retrainTopicModel(prisma: PrismaClient, opts: { corpusPath?: string } = {}): Promise<RetrainResult> {
  const corrections = (await leaderExamples(prisma)).map((e): TopicExample => ({ ...e, origin: 'leader' }));
  const examples = [...readCorpus(opts.corpusPath), ...corrections];
  const version = topicModelVersion(examples);
  const current = await activeModelVersion(prisma, TOPIC_MODEL_KIND);
  if (current === version) return { version, examples: examples.length, corrections: corrections.length, changed: false };
  const model = trainTopicModel(examples);
  await storeModel(prisma, {
    kind: TOPIC_MODEL_KIND,
    version: model.version,
    examples: examples.length,
    metrics: { corrections: corrections.length, algorithm: model.algorithm },
    model,
  });
  return { version: model.version, examples: examples.length, corrections: corrections.length, changed: true };
}

/** Gives the newest active topic model, re-checking the stored version at most every `checkEveryMs`. */
export interface TopicModelCache {
  get(): Promise<TopicModel>;
  /** Forgets the cached version check (the next `get` asks the database). */
  invalidate(): void;
}

/**
 * Per-process cache of the active model. When no model is stored yet (fresh database), the
 * first call trains one from the corpus and stores it.
 */
export function createTopicModelCache(prisma: PrismaClient, opts: { checkEveryMs?: number; now?: () => number } = {}): TopicModelCache {
  const every = opts.checkEveryMs ?? 10_000;
  const now = opts.now ?? (() => performance.now());
  let cached: TopicModel | null = null;
  let checkedAt = -Infinity;
  let loading: Promise<TopicModel> | null = null;

  async function refresh(): Promise<TopicModel> {
    const version = await activeModelVersion(prisma, TOPIC_MODEL_KIND);
    if (version === null) await retrainTopicModel(prisma);
    if (!cached || cached.version !== version) {
      const row = await activeModel(prisma, TOPIC_MODEL_KIND);
      if (!row) throw new Error('no active topic model after training');
      cached = loadTopicModel(row.model);
    }
    checkedAt = now();
    return cached;
  }

  return {
    async get() {
      if (cached && now() - checkedAt < every) return cached;
      loading ??= refresh().finally(() => {
        loading = null;
      });
      return loading;
    },
    invalidate() {
      checkedAt = -Infinity;
    },
  };
}
