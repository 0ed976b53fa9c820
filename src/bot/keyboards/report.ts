/**
 * Inline keyboards of the report flow: the taxonomy in two columns plus "let the system
 * decide", the closed vocabularies (mood, spread, source), and the review card's Edit per
 * field, Submit and Cancel. Labels come from Fluent; data from callback-data.ts.
 */
import { InlineKeyboard } from 'grammy';
import { DRAFT_FIELDS } from '../../domain/report-draft.js';
import type { Language } from '../../domain/vocabulary.js';
import type { Translate } from '../i18n.js';
import { flowData, type FlowCode } from './callback-data.js';

/** A topic as the keyboards show it (names in both languages). */
export interface TopicOption {
  slug: string;
  nameVi: string;
  nameEn: string;
}

/** Two columns of topic names in the person's language, then "let the system decide". */
export function topicKeyboard(topics: readonly TopicOption[], lang: Language, t: Translate, nonce: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  topics.forEach((topic, i) => {
    kb.text(lang === 'en' ? topic.nameEn : topic.nameVi, flowData(nonce, 't', topic.slug));
    if (i % 2 === 1) kb.row();
  });
  if (topics.length % 2 === 1) kb.row();
  return kb.text(t(lang, 'intake-topic-auto'), flowData(nonce, 't', 'auto'));
}

/** One button per value of a closed vocabulary, labelled `intake-<prefix>-<value>`. */
export function choiceKeyboard(values: readonly string[], prefix: string, code: FlowCode, lang: Language, t: Translate, nonce: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  values.forEach((v, i) => {
    kb.text(`${i + 1}. ${t(lang, `intake-${prefix}-${v}`)}`, flowData(nonce, code, v));
    if (i % 2 === 1 && i < values.length - 1) kb.row();
  });
  return kb;
}

/** A single-button keyboard (Done, Skip). */
export function singleButton(label: string, data: string): InlineKeyboard {
  return new InlineKeyboard().text(label, data);
}

/** Edit per field (two columns), then Submit and Cancel. */
export function reviewKeyboard(lang: Language, t: Translate, nonce: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  DRAFT_FIELDS.forEach((f, i) => {
    kb.text(t(lang, `intake-btn-edit-${f}`), flowData(nonce, 'e', f));
    if (i % 2 === 1) kb.row();
  });
  return kb.text(t(lang, 'intake-btn-submit'), flowData(nonce, 'v', 'submit')).text(t(lang, 'intake-btn-cancel'), flowData(nonce, 'v', 'cancel'));
}

/** Send now / Add details / No for a quick report; only No while nothing can be sent yet. */
export function quickKeyboard(lang: Language, t: Translate, nonce: string, sendable = true): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (sendable) {
    kb.text(t(lang, 'intake-btn-send-now'), flowData(nonce, 'q', 'send'));
    kb.text(t(lang, 'intake-btn-add-details'), flowData(nonce, 'q', 'add')).row();
  }
  return kb.text(t(lang, 'intake-btn-no'), flowData(nonce, 'q', 'no'));
}
