import type { Language } from './vocabulary.js';

/** A translator usable outside an update (workers, use cases): t(lang, key, vars). */
export type Translate = (lang: Language, key: string, vars?: Record<string, string | number>) => string;
