/**
 * The questions of the report flow, one function per kind of answer. Each asks, reads answers
 * until one is valid (saying why when it is not), and writes it into the draft. Validation is
 * the pure domain code (answers.ts, report-draft.ts); this file only talks.
 */
import { parseMood, parseSource, parseSpread, parseTopic, isDone } from '../../domain/answers.js';
import {
  appendContent,
  checkContent,
  CONTENT_MAX,
  CONTENT_MIN,
  gatherPiece,
  parseProposal,
  PROPOSAL_MAX,
  type Attachment,
  type DraftField,
  type Gathering,
  type PieceRefusal,
} from '../../domain/report-draft.js';
import { escapeHtml } from '../../domain/text.js';
import { MOODS, SOURCES, SPREADS } from '../../domain/vocabulary.js';
import { flowData, type FlowCode } from '../keyboards/callback-data.js';
import { choiceKeyboard, singleButton, topicKeyboard } from '../keyboards/report.js';
import { preview } from '../views/review-card.js';
import type { FlowIO } from './flow-io.js';

type ChoiceField = 'topic' | 'mood' | 'spread' | 'source';

interface ChoiceSpec {
  code: FlowCode;
  prompt: string;
  keyboard: (io: FlowIO) => ReturnType<typeof choiceKeyboard>;
  /** The value a typed answer names, or null. */
  parse: (io: FlowIO, text: string) => Promise<string | null>;
}

const CHOICES: Record<ChoiceField, ChoiceSpec> = {
  topic: {
    code: 't',
    prompt: 'intake-ask-topic',
    keyboard: (io) => topicKeyboard(io.deps.topics(), io.lang, io.deps.t, io.nonce),
    // the taxonomy may change while a flow is open: read it once, in the log, so replays agree
    parse: (io, text) => io.conv.external(() => parseTopic(text, io.deps.topics())),
  },
  mood: { code: 'm', prompt: 'intake-ask-mood', keyboard: (io) => choiceKeyboard(MOODS, 'mood', 'm', io.lang, io.deps.t, io.nonce), parse: async (_, x) => parseMood(x) },
  spread: {
    code: 's',
    prompt: 'intake-ask-spread',
    keyboard: (io) => choiceKeyboard(SPREADS, 'spread', 's', io.lang, io.deps.t, io.nonce),
    parse: async (_, x) => parseSpread(x),
  },
  source: {
    code: 'o',
    prompt: 'intake-ask-source',
    keyboard: (io) => choiceKeyboard(SOURCES, 'source', 'o', io.lang, io.deps.t, io.nonce),
    parse: async (_, x) => parseSource(x),
  },
};

/** Asks one field of the draft. */
export async function askField(io: FlowIO, field: DraftField, editing: boolean): Promise<void> {
  if (field === 'content') return askContent(io, editing);
  if (field === 'proposal') return askProposal(io);
  const value = await askChoice(io, field);
  if (field === 'topic') io.draft.topic = value;
  else if (field === 'mood') io.draft.mood = value as typeof io.draft.mood;
  else if (field === 'spread') io.draft.spread = value as typeof io.draft.spread;
  else io.draft.source = value as typeof io.draft.source;
}

async function askChoice(io: FlowIO, field: ChoiceField): Promise<string> {
  const spec = CHOICES[field];
  await io.send(() => io.t(spec.prompt), () => spec.keyboard(io));
  for (;;) {
    const a = await io.next([spec.code]);
    if (a.kind === 'button') return a.value;
    if (a.kind === 'text') {
      const v = await spec.parse(io, a.text);
      if (v) return v;
      if (field === 'topic' && keepAsContent(io, a.text)) {
        await io.send(() => `${io.t('intake-topic-kept-content')}\n\n${io.t(spec.prompt)}`, () => spec.keyboard(io));
        continue;
      }
      await io.send(() => `${io.t('intake-unclear-choice', { answer: preview(a.text, 40) })}\n\n${io.t(spec.prompt)}`, () => spec.keyboard(io));
    } else if (a.kind === 'reprompt') await io.send(() => io.t(spec.prompt), () => spec.keyboard(io));
    else await io.send(() => `${io.t('intake-not-text')}\n\n${io.t(spec.prompt)}`, () => spec.keyboard(io));
  }
}

/**
 * People often start typing what they heard before choosing a topic: rather than refusing it,
 * a complete content typed at the topic question is kept as the content (nothing typed is lost).
 */
function keepAsContent(io: FlowIO, text: string): boolean {
  if (io.draft.content) return false;
  const gathered = appendContent('', text);
  if (!gathered.ok || !checkContent(gathered.value).ok) return false;
  io.draft.content = gathered.value;
  return true;
}

/** Why a piece of content was not taken, in the person's language (with the real limits). */
export function refusalText(io: FlowIO, r: PieceRefusal): string {
  if (r.pieces > 1) return io.t('intake-content-split-too-long', { pieces: r.pieces, length: r.length, max: CONTENT_MAX });
  return io.t(`intake-content-${r.problem}`, { length: r.length, min: CONTENT_MIN, max: CONTENT_MAX });
}

async function askContent(io: FlowIO, editing: boolean): Promise<void> {
  const previous = io.draft.content;
  let g: Gathering = { content: editing ? '' : io.draft.content, paste: null };
  const ask = () => io.t('intake-ask-content', { min: CONTENT_MIN, max: CONTENT_MAX });
  await io.send(() => (editing && previous ? `${ask()}\n\n${io.t('intake-ask-content-edit')}\n\n${escapeHtml(previous)}` : ask()));
  for (;;) {
    const a = await io.next(['c']);
    const finishing = a.kind === 'button' || (a.kind === 'text' && isDone(a.text));
    if (finishing && (g.content || previous)) {
      if (await finishContent(io, g, previous)) return;
    } else if (a.kind === 'reprompt' || a.kind === 'button') await io.send(ask, doneIf(io, g));
    else if (a.kind === 'other') await io.send(() => io.t('intake-not-text'), doneIf(io, g));
    else if (a.kind === 'text') g = await takeContent(io, g, a.text, a.date, null);
    else g = await takeContent(io, g, a.caption, null, a.attachment);
  }
}

function doneIf(io: FlowIO, g: Gathering): (() => ReturnType<typeof singleButton>) | undefined {
  return g.content ? () => singleButton(io.t('intake-btn-done'), flowData(io.nonce, 'c', 'done')) : undefined;
}

/** Done: the gathered content (or the previous one, when nothing new came) must pass the rules. */
async function finishContent(io: FlowIO, g: Gathering, previous: string): Promise<boolean> {
  const checked = checkContent(g.content || previous);
  if (checked.ok) {
    io.draft.content = checked.value;
    io.gathered = '';
    return true;
  }
  await io.send(() => refusalText(io, { ...checked.error, pieces: 1 }), doneIf(io, g));
  return false;
}

/** One more message of content (text, or a caption with its attachment). */
async function takeContent(io: FlowIO, g: Gathering, piece: string, date: number | null, attachment: Attachment | null): Promise<Gathering> {
  if (attachment) io.draft.attachment = attachment;
  if (attachment && !piece.trim()) {
    const count = [...g.content].length;
    await io.send(() => (count ? io.t('intake-content-got', { count }) : io.t('intake-content-attachment-only')), doneIf(io, g));
    return g;
  }
  const { next, result } = gatherPiece(g, piece, date);
  if (!result.ok) {
    await io.send(() => refusalText(io, result.error), doneIf(io, next));
    return next;
  }
  io.gathered = next.content;
  const count = [...next.content].length;
  await io.send(() => io.t('intake-content-got', { count }), doneIf(io, next));
  return next;
}

async function askProposal(io: FlowIO): Promise<void> {
  const skip = () => singleButton(io.t('intake-btn-skip'), flowData(io.nonce, 'p', 'skip'));
  await io.send(() => io.t('intake-ask-proposal'), skip);
  for (;;) {
    const a = await io.next(['p']);
    if (a.kind === 'button') {
      io.draft.proposal = null;
      return;
    }
    if (a.kind === 'text') {
      const r = parseProposal(a.text);
      if (r.ok) {
        io.draft.proposal = r.value;
        return;
      }
      await io.send(() => io.t(`intake-proposal-${r.error.problem}`, { max: PROPOSAL_MAX }), skip);
    } else await io.send(() => io.t(a.kind === 'reprompt' ? 'intake-ask-proposal' : 'intake-not-text'), skip);
  }
}
