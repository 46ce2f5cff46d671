import { readFile } from 'node:fs/promises';
import { Vocabulary, type VocabularyData } from '../core/check/vocabulary.js';

/** The schema.org vocabulary shipped with clinic-seo (generated from the pinned schema-dts). */
export const VOCABULARY_FILE = new URL('../../vocab/schema-vocabulary.json', import.meta.url);

let cached: Promise<Vocabulary> | undefined;

export function loadVocabulary(): Promise<Vocabulary> {
  cached ??= readFile(VOCABULARY_FILE, 'utf8').then((text) => new Vocabulary(JSON.parse(text) as VocabularyData));
  return cached;
}
