/**
 * The report conversation (issue 3): topic → content → mood → spread → source → proposal →
 * review card (Edit per field, Submit, Cancel) → reference. Entered with text already typed
 * it starts as a quick report ("Send this as a report?"). State lives in Redis through the
 * conversations plugin, so a restart resumes where the person was.
 */
import { appendContent, emptyDraft, nextMissingField, type Attachment, type DraftField } from '../../domain/report-draft.js';
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
import { askField } from './report-steps.js';

/** The conversation id (used by enter/exit/active). */
export const REPORT_CONVERSATION = 'report';

/** Arguments of `ctx.conversation.enter('report', init)` (JSON-safe). */
export interface FlowInit {
  content?: string;
  attachment?: Attachment | null;
  /** The next step of a flow in progress (set by the flow itself, see `continueReportFlow`). */
  step?: FlowStep;
}

/** Where a flow in progress goes on: its carried state and what to ask next. */
export interface FlowStep extends FlowCarry {
  proposalAsked: boolean;
  editing: DraftField | null;
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

/** Set on the outer context by a step that finished; `continueReportFlow` enters the next one. */
const NEXT_STEP = Symbol('nextReportStep');
type WithNextStep = BotContext & { [NEXT_STEP]?: FlowStep };

/**
 * Builds the conversation function (its name is the conversation id). The conversations plugin
 * replays a conversation from its start on every update, so the cost of an update grows with
 * the steps behind it. The flow therefore runs one question per conversation run: when a
 * question is answered, the run ends and hands its state to the next run
 * (`continueReportFlow`), which asks the next question. An update replays only the question it
 * answers. A restart resumes the same way (the state is in Redis either way).
 */
export function createReportFlow(deps: ReportFlowDeps) {
  return async function report(conv: FlowConversation, ctx: Context, init?: FlowInit): Promise<void> {
    let step = init?.step;
    if (!step) {
      // one op for the nonce and the first snapshot
      const { nonce, ...snap } = await conv.external((octx: BotContext) => ({
        nonce: Math.floor(Math.random() * 36 ** 6)
          .toString(36)
          .padStart(6, '0'),
        ...snapshot(octx, deps.clock),
      }));
      if (!snap.active) return;
      const draft = emptyDraft(init?.content ?? '', init?.attachment ?? null);
      step = { nonce, lang: snap.lang, last: snap.now, draft, prefix: '', indexed: NOT_INDEXED, proposalAsked: false, editing: null };
      if (init?.content) {
        const io = new FlowIO(conv, deps, step, ctx);
        if ((await quick(io, deps)) === 'done') return io.finish();
        return handOn(io, { proposalAsked: false, editing: null, privacy: true });
      }
      step.prefix = deps.t(step.lang, 'intake-privacy');
    }
    const io = new FlowIO(conv, deps, step, ctx);
    const field: DraftField | null = step.editing ?? nextMissingField(io.draft, step.proposalAsked);
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

/** Ends this run and leaves the next step on the outer context (outside a replay: once). */
async function handOn(io: FlowIO, next: { proposalAsked: boolean; editing: DraftField | null; privacy?: boolean }): Promise<void> {
  const carry = io.carry();
  const step: FlowStep = { ...carry, prefix: next.privacy ? io.t('intake-privacy') : carry.prefix, proposalAsked: next.proposalAsked, editing: next.editing };
  await io.conv.external((octx: BotContext) => {
    (octx as WithNextStep)[NEXT_STEP] = step;
    return null;
  });
}

/**
 * Middleware around the report conversation: after an update, enters the flow's next step if
 * the update finished one. Install it just before `createConversation(report)`.
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

async function quick(io: FlowIO, deps: ReportFlowDeps): Promise<'done' | 'continue'> {
  const ask = () => {
    const content = io.draft.content;
    return io.send(() => io.t('intake-quick-ask', { preview: preview(content) }), () => quickKeyboard(io.lang, deps.t, io.nonce));
  };
  await ask();
  for (;;) {
    const a = await io.next(['q']);
    if (a.kind === 'button' && a.value === 'send') {
      if (await submit(io, deps, true)) return 'done';
    } else if (a.kind === 'button' && a.value === 'add') return 'continue';
    else if (a.kind === 'button') {
      await io.send(() => io.t('intake-quick-declined'));
      return 'done';
    } else if (a.kind === 'text') {
      const next = appendContent(io.draft.content, a.text);
      if (next.ok) io.draft.content = next.value;
    }
    await ask();
  }
}
