import type { Trigger, TriggerKind } from '../domain/urgency.js';
import type { Spread } from '../domain/vocabulary.js';
import { PhraseIndex, toMatchable, type MatchableText } from './phrase-index.js';
import { DISTANT_PHRASES, SPREAD_PHRASES, TRIGGER_PHRASES } from './trigger-phrases.js';
import { foldVietnamese } from '../domain/text.js';

const triggerIndex = new PhraseIndex<{ phrase: string; kinds: readonly TriggerKind[] }>(
  Object.entries(TRIGGER_PHRASES).map(([phrase, kinds]) => [phrase, { phrase, kinds }] as const),
);
const spreadIndex = new PhraseIndex<Spread>(Object.entries(SPREAD_PHRASES));
const distantIndex = new PhraseIndex<string>(DISTANT_PHRASES.map((p) => [p, p] as const));

// "khoảng 200 hộ dân", "hàng trăm phụ huynh", "hundreds of workers": a crowd, counted on folded text.
const CROWD =
  /(?:\b\d{2,}(?:[.,]\d{3})*|\bhang (?:chuc|tram|nghin|ngan)|\bhon tram|\bca tram|\bdozens of|\bhundreds of|\bthousands of)\s+(?:nguoi dan|ho dan|ho|nguoi|cong nhan|phu huynh|tieu thuong|dang vien|sinh vien|hoc sinh|ngu dan|giao vien|nhan vien|households|families|people|residents|workers|parents|traders|depositors|teachers|students|villagers)\b/;
const COLLECTIVE_VERB =
  /\b(?:ky|keo|tu tap|phan doi|doi|nghi viec|nghi lam|dinh cong|gui don|bao vay|tap trung|signed|gather|protest|march|demand|walked|stop)/;

/**
 * Finds trigger phrases of collective action or danger (mass complaints, gatherings,
 * strikes, petitions, threats to life, disasters unfolding) in Vietnamese with or without
 * diacritics and in English — including calm wording of large collective action, where a
 * crowd ("khoảng 200 hộ dân") acts together ("đã ký đơn chung").
 */
export function detectTriggers(text: string, prepared?: MatchableText): Trigger[] {
  const matchable = prepared ?? toMatchable(text);
  const out: Trigger[] = [];
  for (const hit of triggerIndex.match(matchable)) {
    for (const kind of hit.entry.kinds) out.push({ kind, phrase: hit.entry.phrase });
  }
  const folded = foldVietnamese(text);
  const crowd = CROWD.exec(folded);
  if (crowd && COLLECTIVE_VERB.test(folded)) out.push({ kind: 'collective_action', phrase: crowd[0] });
  return out;
}

/** The spread a text itself describes ("lan khắp mạng" → online), if any; the widest wins. */
export function inferSpread(text: string | MatchableText): Spread | undefined {
  const order: Spread[] = ['few', 'unit', 'local', 'online'];
  const hits = spreadIndex.match(typeof text === 'string' ? toMatchable(text) : text);
  let best: Spread | undefined;
  for (const h of hits) if (!best || order.indexOf(h.entry) > order.indexOf(best)) best = h.entry;
  return best;
}

/** True when the text relays news or faraway events, so its danger words weigh less. */
export function isDistantReport(text: string | MatchableText): boolean {
  return distantIndex.match(typeof text === 'string' ? toMatchable(text) : text).length > 0;
}
