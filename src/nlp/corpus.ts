import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TopicDefinition } from '../domain/taxonomy.js';
import { trainTopicModel, type TopicExample } from './topic-model.js';
import { createTopicTagger, type TopicTagger } from './topic-tagger.js';

/** Where the repo's labelled training corpus lives (corpus/topics-train.jsonl). */
export const DEFAULT_CORPUS_PATH = fileURLToPath(new URL('../../corpus/topics-train.jsonl', import.meta.url));

/** One labelled line of a corpus file; fields other than `text` are optional. */
export interface CorpusLine {
  readonly text: string;
  readonly topic?: string;
  readonly mood?: string;
  readonly urgent?: boolean;
  readonly lang?: string;
}

/** Reads a JSONL corpus; blank lines are skipped, a malformed line throws with its number. */
export function loadCorpus(path: string): CorpusLine[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: CorpusLine[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new Error(`${path}:${i + 1}: not JSON`, { cause });
    }
    if (typeof value !== 'object' || value === null || typeof (value as CorpusLine).text !== 'string') {
      throw new Error(`${path}:${i + 1}: no "text" string`);
    }
    out.push(value as CorpusLine);
  });
  return out;
}

/**
 * Trains a tagger from the repo corpus plus any leaders' corrections (well under a second),
 * the way a worker builds one at start-up or a retraining job does.
 */
export function createDefaultTagger(
  topics: readonly TopicDefinition[],
  corrections: readonly TopicExample[] = [],
  corpusPath: string = DEFAULT_CORPUS_PATH,
): TopicTagger {
  const examples: TopicExample[] = loadCorpus(corpusPath)
    .filter((l): l is CorpusLine & { topic: string } => typeof l.topic === 'string')
    .map((l) => ({ text: l.text, topic: l.topic, origin: 'corpus' as const }));
  const model = trainTopicModel([...examples, ...corrections]);
  return createTopicTagger({ topics, model });
}
