/**
 * The report conversation (issue 3): topic → content → mood → spread → source → proposal →
 * review card (Edit per field, Submit, Cancel) → reference. Entered with text already typed
 * it starts as a quick report ("Send this as a report?"). State lives in Redis through the
 * conversations plugin, so a restart resumes where the person was.
 */
import { emptyDraft, gatherPiece, nextMissingField, type Attachment, type DraftField, type Gathering } from '../../domain/report-draft.js';
import type { Clock } from '../../domain/clock.js';
import { submitReport } from '../../app/intake/submit-report.js';
import type { IntakeDeps } from '../../app/intake/deps.js';
import type { Context, MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import type { Translate } from '../i18n.js';
import { isDraftField } from '../keyboards/callback-data.js';
import { quickKeyboard, reviewKeyboard, type TopicOption } from '../keyboards/report.js';
import { preview, renderReviewCard } from '../views/review-card.js';
import { FlowIO, NOT_INDEXED, snapshot, type FlowCarry, type FlowConversation } from './flow-io.js';
import { askField, refusalText } from './report-steps.js';

/** The conversation id (used by enter/exit/active). */
export const REPORT_CONVERSATION = 'report';

/**
 * Version of the stored conversation state. Bump it whenever a change to this flow makes the
 * drafts in progress unreplayable: the plugin then discards state of another version, and
 * `giveBackLostDrafts` gives the person back what they had typed.
 */
export const FLOW_STATE_VERSION = 5;

/** Text (or a caption) typed outside a flow, which starts the flow as a quick report. */
export interface QuickStart {
  text: string;
  /** Telegram's date of the message (seconds); null for a caption. */
  date: number | null;
  attachment: Attachment | null;
}

/** Where a flow in progress goes on: its carried state and what to ask next. */
export interface FlowStep extends FlowCarry {
  proposalAsked: boolean;
  editing: DraftField | null;
}

/** Arguments of `ctx.conversation.enter('report', init)` (JSON-safe). */
export interface FlowInit {
  quick?: QuickStart;
  /** The next question of a flow in progress (set by the flow itself, see `continueReportFlow`). */
  step?: FlowStep;
}

/** What the report conversation needs. */
export interface ReportFlowDeps {
  t: Translate;
  clock: Clock;
  topics: () => readonly TopicOption[];
  intake: IntakeDeps;
  drafts?: DraftStore;
}

type SubmitOutcome = { reference: string; created: boolean } | { error: string };

/** Set on the outer context by a run that got its answer; `continueReportFlow` enters the next. */
const NEXT_STEP = Symbol('nextReportStep');
type WithNextStep = BotContext & { [NEXT_STEP]?: FlowStep };

/**
 * Builds the conversation function (its name is the conversation id). The conversations plugin
 * replays a conversation from its start on every update, so the cost of an update grows with
 * the steps behind it. The flow therefore runs one question per conversation run: when a
 * question is answered, the run ends and hands its state to the next run
 * (`continueReportFlow`), which asks the next question; an update replays only the question it
 * answers. bench/README.md has the load this must hold and the figures of both designs.
 */
export function createReportFlow(deps: ReportFlowDeps) {
  return async function report(conv: FlowConversation, ctx: Context, init?: FlowInit): Promise<void> {
    const step = init?.step ?? (await firstStep(conv, deps, init?.quick !== undefined, ctx.message?.message_id ?? 0));
    if (!step) return;
    const io = new FlowIO(conv, deps, step, ctx);
    if (!init?.step && init?.quick) {
      if ((await quick(io, deps, init.quick)) === 'done') return io.finish();
      return handOn(io, { proposalAsked: false, editing: null, privacy: true });
    }
    const field = step.editing ?? nextMissingField(io.draft, step.proposalAsked);
    if (field) {
      await askField(io, field, step.editing !== null);
      return handOn(io, { proposalAsked: step.proposalAsked || field === 'proposal', editing: null });
    }
    for (;;) {
      const choice = await review(io, deps);
      if (choice === 'cancel') {
        await io.send(() => io.t('intake-cancelled'));
        return io.finish();
      }
      if (choice !== 'submit') return handOn(io, { proposalAsked: step.proposalAsked, editing: choice });
      if (await submit(io, deps, false)) return io.finish();
    }
  };
}

/** A new flow: nonce, language and time in one op; null for a member who is no longer active. */
async function firstStep(conv: FlowConversation, deps: ReportFlowDeps, quick: boolean, seen: number): Promise<FlowStep | null> {
  const { nonce, ...snap } = await conv.external((octx: BotContext) => ({
    nonce: Math.floor(Math.random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0'),
    ...snapshot(octx, deps.clock),
  }));
  if (!snap.active) return null;
  // a quick report is asked about first; the privacy reminder comes with the full flow
  const prefix = quick ? '' : deps.t(snap.lang, 'intake-privacy');
  return { nonce, lang: snap.lang, last: snap.now, draft: emptyDraft(), prefix, indexed: NOT_INDEXED, seen, proposalAsked: false, editing: null };
}

/** Ends this run and leaves the next question on the outer context (outside a replay: once). */
async function handOn(io: FlowIO, next: { proposalAsked: boolean; editing: DraftField | null; privacy?: boolean }): Promise<void> {
  const carry = io.carry();
  const prefix = next.privacy ? io.t('intake-privacy') : carry.prefix;
  const step: FlowStep = { ...carry, prefix, proposalAsked: next.proposalAsked, editing: next.editing };
  await io.conv.external((octx: BotContext) => {
    (octx as WithNextStep)[NEXT_STEP] = step;
    return null;
  });
}

/**
 * Middleware around the report conversation: after an update, enters the flow's next question
 * if the update answered one. Install it just before `createConversation(report)`.
 */
export function continueReportFlow(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    await next();
    const step = (ctx as WithNextStep)[NEXT_STEP];
    if (!step) return;
    delete (ctx as WithNextStep)[NEXT_STEP];
    const init: FlowInit = { step };
    await ctx.conversation.enter(REPORT_CONVERSATION, init);
  };
}

async function review(io: FlowIO, deps: ReportFlowDeps): Promise<DraftField | 'submit' | 'cancel'> {
  const card = () => renderReviewCard(io.draft, deps.topics(), io.lang, deps.t);
  const keyboard = () => reviewKeyboard(io.lang, deps.t, io.nonce);
  await io.send(card, keyboard);
  for (;;) {
    const a = await io.next(['e', 'v']);
    if (a.kind === 'button' && a.code === 'e' && isDraftField(a.value)) return a.value;
    if (a.kind === 'button' && a.code === 'v') return a.value === 'submit' ? 'submit' : 'cancel';
    const reprompt = a.kind === 'reprompt';
    await io.send(() => (reprompt ? card() : `${io.t('intake-review-use-buttons')}\n\n${card()}`), keyboard);
  }
}

/** Stores the draft; true when the person got a reference (or had one already). */
async function submit(io: FlowIO, deps: ReportFlowDeps, quick: boolean): Promise<boolean> {
  const draft = { ...io.draft };
  let outcome: SubmitOutcome;
  try {
    outcome = await io.conv.external(async (octx: BotContext): Promise<SubmitOutcome> => {
      if (!octx.member) return { error: 'inactive' };
      const r = await submitReport(deps.intake, octx.member, draft, { nonce: io.nonce, quick });
      if (!r.ok) return { error: r.error };
      octx.log.info({ reportId: r.value.report.id, created: r.value.created, enqueued: r.value.enqueued, quick }, 'report submitted');
      return { reference: r.value.report.reference, created: r.value.created };
    });
  } catch {
    outcome = { error: 'failed' };
  }
  if ('reference' in outcome) {
    const { created, reference } = outcome;
    await io.send(() => io.t(created ? 'intake-submitted' : 'intake-submitted-again', { reference }));
    return true;
  }
  const key = outcome.error === 'rate_limited' ? 'intake-rate-limited' : 'intake-submit-failed';
  await io.send(() => io.t(key));
  return false;
}

/**
 * "Send this as a report?" for text typed outside a flow. Later messages are gathered into the
 * same text, as at the content question; a text too long for a report (a long paste arrives as
 * several messages) is refused as a whole, with the real limit, and a shorter one asked for.
 */
async function quick(io: FlowIO, deps: ReportFlowDeps, first: QuickStart): Promise<'done' | 'continue'> {
  let g: Gathering = { content: '', paste: null };
  const take = (text: string, date: number | null): string => {
    const { next, result } = gatherPiece(g, text, date);
    g = next;
    io.draft.content = g.content;
    return result.ok ? '' : refusalText(io, result.error);
  };
  io.draft.attachment = first.attachment;
  let problem = take(first.text, first.date);
  for (;;) {
    await askQuick(io, deps, problem);
    const a = await io.next(['q']);
    problem = '';
    if (a.kind === 'button' && a.value === 'add') return 'continue';
    if (a.kind === 'button' && a.value === 'no') {
      await io.send(() => io.t('intake-quick-declined'));
      return 'done';
    }
    if (a.kind === 'button' && io.draft.content && (await submit(io, deps, true))) return 'done';
    if (a.kind === 'text') problem = take(a.text, a.date);
    if (a.kind === 'media') {
      io.draft.attachment = a.attachment;
      if (a.caption.trim()) problem = take(a.caption, null);
    }
  }
}

async function askQuick(io: FlowIO, deps: ReportFlowDeps, problem: string): Promise<void> {
  const content = io.draft.content;
  const keyboard = () => quickKeyboard(io.lang, deps.t, io.nonce, content !== '');
  if (!content) return io.send(() => problem || io.t('intake-content-attachment-only'), keyboard);
  const ask = () => io.t('intake-quick-ask', { preview: preview(content) });
  await io.send(() => (problem ? `${problem}\n\n${ask()}` : ask()), keyboard);
}
