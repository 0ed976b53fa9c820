import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopicDefinition } from '../domain/taxonomy.js';
import { DEFAULT_MODEL_PATH, loadDefaultModel } from './pulse-model.js';
import { createTextModel, type TextModel } from './text-model.js';
import type { TrainingExample } from './train.js';

/** The repo's corpus folder (corpus/). */
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** The engineers' own training file (written before the independent writers' files). */
export const DEFAULT_CORPUS_PATH = join(CORPUS_DIR, 'topics-train.jsonl');

/** One labelled line of a corpus file; fields other than `text` are optional. */
export interface CorpusLine {
  readonly text: string;
  readonly topic?: string;
  readonly topic2?: string;
  readonly mood?: string;
  readonly urgent?: boolean;
  readonly lang?: string;
  readonly style?: string;
  readonly writer?: string;
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

/** The training files, in a fixed order: the engineers' file, then corpus/train/*.jsonl by name. */
export function trainingFiles(dir: string = CORPUS_DIR): string[] {
  const trainDir = join(dir, 'train');
  let files: string[] = [];
  try {
    files = readdirSync(trainDir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(trainDir, f));
  } catch {
    files = [];
  }
  return [join(dir, 'topics-train.jsonl'), ...files];
}

/** A corpus line as a training example; its writer (or "engineers") is its cross-validation group. */
export function toExample(line: CorpusLine): TrainingExample {
  return {
    text: line.text,
    ...(line.topic !== undefined ? { topic: line.topic } : {}),
    ...(line.topic2 !== undefined ? { topic2: line.topic2 } : {}),
    ...(line.mood !== undefined ? { mood: line.mood } : {}),
    ...(typeof line.urgent === 'boolean' ? { urgent: line.urgent } : {}),
    origin: 'corpus',
    group: line.writer ?? 'engineers',
  };
}

/** Every training example of the repo's corpus (dev and test sets are never part of it). */
export function loadTrainingCorpus(dir: string = CORPUS_DIR): TrainingExample[] {
  return trainingFiles(dir).flatMap((f) => loadCorpus(f).map(toExample));
}

/**
 * The tuning set (`dev.jsonl`) as calibration examples: never trained on, read by training only
 * to fit the temperature of the topic and mood probabilities. Empty when the file is absent.
 */
export function loadCalibrationSet(dir: string = CORPUS_DIR): TrainingExample[] {
  const file = join(dir, 'dev.jsonl');
  if (!existsSync(file)) return [];
  return loadCorpus(file).map((line): TrainingExample => ({ ...toExample(line), origin: 'calibration', group: 'dev' }));
}

/** The model that ships with the repo, bound to a taxonomy: what a worker or a test analyses with. */
export function createDefaultModel(topics: readonly TopicDefinition[], path: string = DEFAULT_MODEL_PATH): TextModel {
  return createTextModel(loadDefaultModel(path), topics);
}
