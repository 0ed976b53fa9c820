/**
 * The report conversation (issue 3): topic → content → mood → spread → source → proposal →
 * review card (Edit per field, Submit, Cancel) → reference. Entered with text already typed
 * it starts as a quick report ("Send this as a report?"). One conversation runs the whole
 * flow, written as plain code: grammY's conversations plugin keeps its state in Redis and
 * replays it on each update, so a restart resumes where the person was.
 */
import { appendContent, emptyDraft, nextMissingField, type Attachment, type DraftField } from '../../domain/report-draft.js';
import type { Clock } from '../../domain/clock.js';
import { submitReport } from '../../app/intake/submit-report.js';
import type { IntakeDeps } from '../../app/intake/deps.js';
import type { Context } from 'grammy';
import type { BotContext } from '../context.js';
import type { DraftStore } from '../draft-store.js';
import type { Translate } from '../i18n.js';
import { isDraftField } from '../keyboards/callback-data.js';
import { quickKeyboard, reviewKeyboard, type TopicOption } from '../keyboards/report.js';
import { preview, renderReviewCard } from '../views/review-card.js';
import { FlowIO, snapshot, type FlowConversation, type FlowStart } from './flow-io.js';
import { askField } from './report-steps.js';

/** The conversation id (used by enter/exit/active). */
export const REPORT_CONVERSATION = 'report';

/**
 * Version of the stored conversation state. Bump it whenever a change to this flow makes the
 * drafts in progress unreplayable: the plugin then discards state of another version, and
 * `giveBackLostDrafts` gives the person back what they had typed.
 */
export const FLOW_STATE_VERSION = 5;

/** Arguments of `ctx.conversation.enter('report', init)` (JSON-safe). */
export interface FlowInit {
  /** Text (or a caption) typed outside a flow: the flow starts as a quick report. */
  content?: string;
  attachment?: Attachment | null;
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

/** Builds the conversation function (its name is the conversation id). */
export function createReportFlow(deps: ReportFlowDeps) {
  return async function report(conv: FlowConversation, ctx: Context, init?: FlowInit): Promise<void> {
    const start = await conv.external((octx: BotContext) => {
      const s = snapshot(octx, deps.clock);
      const nonce = Math.floor(Math.random() * 36 ** 6)
        .toString(36)
        .padStart(6, '0');
      return { active: s.active, start: { nonce, lang: s.lang, now: s.now } satisfies FlowStart };
    });
    if (!start.active) return;
    const io = new FlowIO(conv, deps, start.start, emptyDraft(init?.content ?? '', init?.attachment ?? null), ctx);
    if (init?.content && (await quick(io, deps)) === 'done') return io.finish();
    io.prefix = io.t('intake-privacy');
    await askMissing(io);
    await reviewUntilDone(io, deps);
  };
}

/** Asks every field still unanswered, in order (the proposal once). */
async function askMissing(io: FlowIO): Promise<void> {
  let proposalAsked = false;
  for (let field = nextMissingField(io.draft, false); field; field = nextMissingField(io.draft, proposalAsked)) {
    await askField(io, field, false);
    if (field === 'proposal') proposalAsked = true;
  }
}

/** The review card until the person submits (and it is stored) or cancels. */
async function reviewUntilDone(io: FlowIO, deps: ReportFlowDeps): Promise<void> {
  for (;;) {
    const choice = await review(io, deps);
    if (choice === 'cancel') {
      await io.send(() => io.t('intake-cancelled'));
      return io.finish();
    }
    if (choice !== 'submit') await askField(io, choice, true);
    else if (await submit(io, deps, false)) return io.finish();
  }
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

/** "Send this as a report?" for text typed outside a flow; later messages are added to it. */
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
