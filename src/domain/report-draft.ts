/**
 * The report draft a collaborator builds in the conversation, and the pure rules that decide
 * whether each answer is acceptable. Every reason for refusing an answer is a value the bot
 * turns into a sentence in the person's language; nothing here throws on bad input.
 */
import { charCount, hasWords, isSkip } from './answers.js';
import { err, ok, type Result } from './result.js';
import { sanitizeText } from './text.js';
import type { NewReport } from './types.js';
import { isTopicSlug, type Mood, type Source, type Spread, type TopicSlug } from './vocabulary.js';

/** Content limits (PRODUCT: 10–2,000 characters); proposal limit. */
export const CONTENT_MIN = 10;
export const CONTENT_MAX = 2000;
export const PROPOSAL_MAX = 1000;

/** The fields of the review card, in the order the flow asks them. */
export const DRAFT_FIELDS = ['topic', 'content', 'mood', 'spread', 'source', 'proposal'] as const;
/** A field of the draft. */
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** A photo or document kept by its Telegram file id. */
export interface Attachment {
  fileId: string;
  kind: 'photo' | 'document';
}

/** JSON-safe (stored in the conversation state in Redis). */
export interface ReportDraft {
  /** A topic slug, 'auto' (let the system decide) or null (not answered yet). */
  topic: string | null;
  content: string;
  attachment: Attachment | null;
  mood: Mood | null;
  spread: Spread | null;
  source: Source | null;
  /** null = skipped or not asked yet. */
  proposal: string | null;
}

/** A fresh, empty draft (optionally with content already typed, e.g. from a quick report). */
export function emptyDraft(content = '', attachment: Attachment | null = null): ReportDraft {
  return { topic: null, content, attachment, mood: null, spread: null, source: null, proposal: null };
}

/** Why a content answer was refused. */
export type ContentProblem = 'empty' | 'no_words' | 'too_short' | 'too_long' | 'word_too_long';

/** Longest run of non-space characters allowed (a pasted blob is not an opinion). */
export const WORD_MAX = 200;

/** Checks a whole content text (already sanitised). */
export function checkContent(content: string): Result<string, { problem: ContentProblem; length: number }> {
  const length = charCount(content);
  if (length === 0) return err({ problem: 'empty', length });
  if (!hasWords(content)) return err({ problem: 'no_words', length });
  if (length > CONTENT_MAX) return err({ problem: 'too_long', length });
  if (content.split(/\s+/).some((w) => charCount(w) > WORD_MAX)) return err({ problem: 'word_too_long', length });
  if (length < CONTENT_MIN) return err({ problem: 'too_short', length });
  return ok(content);
}

/**
 * Adds one more message to the content being gathered. A piece that would break the limits
 * is refused on its own (what was gathered so far is kept); a piece that is merely short is
 * accepted, since the next message may complete it.
 */
export function appendContent(current: string, raw: string): Result<string, { problem: ContentProblem; length: number }> {
  return appendSanitized(current, sanitizeText(raw));
}

function appendSanitized(current: string, piece: string): Result<string, { problem: ContentProblem; length: number }> {
  if (!piece) return err({ problem: 'empty', length: 0 });
  if (!hasWords(piece)) return err({ problem: 'no_words', length: charCount(piece) });
  const next = current ? `${current}\n${piece}` : piece;
  const checked = checkContent(next);
  if (!checked.ok && checked.error.problem !== 'too_short') return checked;
  return ok(next);
}

/** The longest text one Telegram message holds. */
export const TELEGRAM_TEXT_MAX = 4096;
/**
 * Telegram apps send a longer text as several messages of nearly that size, a moment apart:
 * a refused piece of at least this many characters (and at most TELEGRAM_TEXT_MAX) may be
 * followed by more of the same text.
 */
export const SPLIT_PIECE_MIN = 3500;
/** The next piece of a split text arrives within this many seconds (Telegram's `date`). */
export const SPLIT_PIECE_GAP_S = 5;

/** A refused piece that may be the start of a text Telegram split into several messages. */
export interface RefusedPaste {
  /** Characters of the whole refused text so far, and how many messages it came in. */
  length: number;
  pieces: number;
  lastLength: number;
  lastDate: number;
}

/** Content being gathered from several messages (JSON-safe: it lives in the conversation). */
export interface Gathering {
  content: string;
  paste: RefusedPaste | null;
}

/** Why a piece was not added: the problem, the length it is about, and the pieces it counts. */
export interface PieceRefusal {
  problem: ContentProblem;
  length: number;
  /** 1 for a message refused on its own; more for the later pieces of one split text. */
  pieces: number;
}

function continuesPaste(p: RefusedPaste, date: number | null): boolean {
  if (date === null || p.lastLength < SPLIT_PIECE_MIN || p.lastLength > TELEGRAM_TEXT_MAX) return false;
  return date >= p.lastDate && date - p.lastDate <= SPLIT_PIECE_GAP_S;
}

/**
 * Adds one message to the content being gathered (`appendContent`), and keeps the pieces of a
 * text Telegram split together: once a long piece is refused, the pieces that follow it are
 * refused with it (their whole length is counted), so the end of a long text is never taken
 * for a report of its own. `date` is the message's Telegram date; null for a caption.
 */
export function gatherPiece(g: Gathering, raw: string, date: number | null): { next: Gathering; result: Result<string, PieceRefusal> } {
  const piece = sanitizeText(raw);
  const length = charCount(piece);
  if (g.paste && continuesPaste(g.paste, date)) {
    const p = g.paste;
    const paste = { length: p.length + length, pieces: p.pieces + 1, lastLength: length, lastDate: date ?? p.lastDate };
    return { next: { content: g.content, paste }, result: err({ problem: 'too_long', length: paste.length, pieces: paste.pieces }) };
  }
  const added = appendSanitized(g.content, piece);
  if (added.ok) return { next: { content: added.value, paste: null }, result: ok(added.value) };
  const paste = date === null ? null : { length, pieces: 1, lastLength: length, lastDate: date };
  return { next: { content: g.content, paste }, result: err({ ...added.error, pieces: 1 }) };
}

/**
 * Whether a text typed outside a flow is offered as a report: it is long enough to be one, or
 * too long (the flow then says so with the real limit and gathers the rest of a split text).
 */
export function worthOffering(raw: string): boolean {
  const checked = checkContent(sanitizeText(raw));
  return checked.ok || checked.error.problem === 'too_long' || checked.error.problem === 'word_too_long';
}

/** Why a proposal answer was refused. */
export type ProposalProblem = 'too_long' | 'no_words';

/** A proposal answer: skipped (null), or sanitised text within limits. */
export function parseProposal(raw: string): Result<string | null, { problem: ProposalProblem; length: number }> {
  if (isSkip(raw)) return ok(null);
  const text = sanitizeText(raw);
  if (!text || !hasWords(text)) return err({ problem: 'no_words', length: charCount(text) });
  if (charCount(text) > PROPOSAL_MAX) return err({ problem: 'too_long', length: charCount(text) });
  if (text.split(/\s+/).some((w) => charCount(w) > WORD_MAX)) return err({ problem: 'too_long', length: charCount(text) });
  return ok(text);
}

/** The first field still unanswered (proposal is optional and asked once), or null when complete. */
export function nextMissingField(d: ReportDraft, proposalAsked: boolean): DraftField | null {
  if (d.topic === null) return 'topic';
  if (!checkContent(d.content).ok) return 'content';
  if (d.mood === null) return 'mood';
  if (d.spread === null) return 'spread';
  if (d.source === null) return 'source';
  if (!proposalAsked) return 'proposal';
  return null;
}

/** The report to store for a complete draft. */
export function draftToReport(d: ReportDraft, who: { memberId: number; unitId: number }, submissionKey: string): NewReport {
  return {
    memberId: who.memberId,
    unitId: who.unitId,
    submissionKey,
    chosenTopic: d.topic && d.topic !== 'auto' && isTopicSlug(d.topic) ? (d.topic as TopicSlug) : null,
    content: d.content,
    proposal: d.proposal,
    mood: d.mood,
    spread: d.spread,
    source: d.source,
    attachmentFileId: d.attachment?.fileId ?? null,
    attachmentKind: d.attachment?.kind ?? null,
    quick: false,
  };
}

/** The report to store for a quick report: text only, topic and mood left to the analysis. */
export function quickToReport(d: ReportDraft, who: { memberId: number; unitId: number }, submissionKey: string): NewReport {
  return { ...draftToReport({ ...emptyDraft(d.content, d.attachment) }, who, submissionKey), quick: true };
}

/** True when the draft holds anything the person typed (worth giving back when it is dropped). */
export function draftHasContent(d: ReportDraft): boolean {
  return d.content.length > 0 || (d.proposal ?? '').length > 0;
}

/** Milliseconds after which an untouched draft is dropped (and given back). */
export const DRAFT_IDLE_MS = 24 * 3600 * 1000;

/** Whether a draft last touched at `lastMs` is stale at `nowMs`. */
export function isDraftIdle(lastMs: number, nowMs: number): boolean {
  return nowMs - lastMs >= DRAFT_IDLE_MS;
}
