/**
 * Edits of the cards already sent, throttled per issue group. A report joining a live alert
 * changes what the group's cards show; the first change after a quiet spell edits them at once
 * and opens a window (ALERT_EDIT_WINDOW_MS); every further change within the window joins ONE
 * delayed `cards` job at the window's end, which renders the cards as they are THEN and opens
 * the next window. So a card is edited at most about once per window, always with the newest
 * content; a hot issue cannot spend Telegram's global budget on a stream of edits, while an
 * occasional join still shows at once. New cards and status changes never wait.
 *
 * Why no update is lost: a change reads the window only AFTER it committed. The window's job
 * runs after the window's end and, when it starts, opens the next window; a change that still
 * saw the old window therefore committed before the job read the alerts. A change whose `add`
 * finds its window's job gone (done) creates it again. Windows live in the `CardEditGate`.
 *
 * Each reader's card is rendered for that reader's scope (card.ts); an edit is queued only when
 * the rendered card differs from the state it was last edited to.
 */
import { alertKeys, subjectOf, type AlertsDeps } from './deps.js';
import { cardVersion, renderReaderCard, viewIsLive } from './card.js';
import type { AlertRecord, CardRecord } from './ports.js';

/** Default window in which the changes to one issue group share one edit per card. */
export const DEFAULT_CARD_EDIT_DELAY_MS = 1500;

/**
 * Priority of the edit jobs: after new alerts and escalations (no priority), before the
 * evaluations of joining reports (JOIN_EVALUATION_PRIORITY).
 */
export const CARD_EDITS_PRIORITY = 1;

/** Covers clock differences between the process scheduling a window's job and its worker. */
const WINDOW_MARGIN_MS = 50;

/**
 * How long the gate holds a window: a little past its job's due time, so that a change landing
 * between the two joins that job instead of leading a second edit right next to it.
 */
const holdFor = (windowMs: number) => windowMs + 2 * WINDOW_MARGIN_MS;

/**
 * After what an alert's cards show changed (and the change committed): edits every card of its
 * subject now when the window setting is 0 (or the alert has no issue group); otherwise the
 * first change of a window edits at once and the later ones join the window's job.
 */
export async function scheduleCardEdits(deps: AlertsDeps, alert: Pick<AlertRecord, 'id' | 'issueGroupId'>, touching?: readonly number[]): Promise<void> {
  const windowMs = deps.cardEditDelayMs ?? DEFAULT_CARD_EDIT_DELAY_MS;
  if (windowMs <= 0 || alert.issueGroupId === null) return editAllCards(deps, subjectOf(alert), touching);
  const groupId = alert.issueGroupId;
  const now = deps.clock().getTime();
  const gate = await deps.cardEditGate.open(groupId, now, holdFor(windowMs));
  if (gate.lead) {
    const job = { kind: 'cards' as const, issueGroupId: groupId, dueAt: now, lead: true, ...(touching ? { touching: [...touching] } : {}) };
    return deps.jobs.add(job, { delayMs: 0, priority: CARD_EDITS_PRIORITY });
  }
  const dueAt = gate.openedAt + windowMs;
  await deps.jobs.add({ kind: 'cards', issueGroupId: groupId, dueAt }, { delayMs: Math.max(0, dueAt - now) + WINDOW_MARGIN_MS, priority: CARD_EDITS_PRIORITY });
}

/**
 * An edit job: a window's job first opens the next window, then edits every card of the group
 * (it stands for every change of its window); a leading job edits the cards whose reader's
 * subtree holds what changed.
 */
export async function runCardEditsJob(deps: AlertsDeps, job: { issueGroupId: number; lead?: boolean; touching?: number[] }): Promise<'done'> {
  if (!job.lead) await deps.cardEditGate.restart(job.issueGroupId, deps.clock().getTime(), holdFor(deps.cardEditDelayMs ?? DEFAULT_CARD_EDIT_DELAY_MS));
  await editAllCards(deps, `group-${job.issueGroupId}`, job.lead ? job.touching : undefined);
  return 'done';
}

/**
 * Edits the live cards of a subject to what they show now (a retired card keeps its last word):
 * all of them, or, when `touching` names the units where something changed, only the cards
 * whose reader's subtree holds one of them (the others show nothing that changed).
 */
export async function editAllCards(deps: AlertsDeps, subject: string, touching?: readonly number[]): Promise<void> {
  const cards = touching ? await deps.alerts.liveCardsOver(subject, touching) : await deps.alerts.liveCards(subject);
  for (const card of cards) await editCard(deps, card);
}

/** At most this many edits per card and call: the state settles unless reports keep arriving that fast. */
const MAX_ROUNDS = 4;

/**
 * Edits one card to what its reader may see now, unless the newest message queued for it
 * already shows that; a card whose alerts are all closed shows their last word and is retired
 * (the next alert sends a new card).
 *
 * Why no edit is lost when two processes edit the same card at once: the delivery path sends
 * only the newest edit queued for a message (an older one still waiting is dropped), so what
 * the card finally shows is the newest queued edit, which the card records (the highest
 * delivery id wins). After queuing, each editor reads the card and renders again: an editor
 * whose render went stale while another queued after it sees the difference and queues the
 * state it now reads. The last edit queued was therefore rendered after every change before it;
 * a later change edits on its own. (A crash between queuing and recording costs at most one
 * repeated edit.)
 */
export async function editCard(deps: AlertsDeps, card: CardRecord): Promise<void> {
  const reader = await deps.members.get(card.memberId);
  for (let round = 0; reader && round < MAX_ROUNDS; round++) {
    const shown = await renderReaderCard(deps, reader, card);
    if (!shown) return;
    const ids = shown.view.alerts.map((a) => a.id);
    if (ids.some((id) => !card.alertIds.includes(id))) {
      card = { ...card, alertIds: [...new Set([...card.alertIds, ...ids])] };
      await deps.alerts.setCardAlerts(card.id, card.alertIds);
    }
    const version = cardVersion(shown.rendered);
    if (version === (card.lastEdit?.version ?? card.sentVersion)) {
      if (card.live && !viewIsLive(shown.view)) await deps.alerts.retireCard(card.id, deps.clock());
      return;
    }
    // Cards sent through the delivery path are edited by reference to that delivery (the
    // message id is known once sent); a card shown by /alerts carries its own message id.
    const target = card.deliveryKey ? { editOf: card.deliveryKey } : { message_id: card.messageId };
    const queued = await deps.messages.enqueue({
      idempotencyKey: alertKeys.edit(card.id, `${card.lastEdit?.deliveryId ?? 0}-${version}`),
      memberId: card.memberId,
      chatId: card.chatId,
      kind: 'alert_edit',
      lane: 'alert',
      method: 'editMessageText',
      payload: { ...target, text: shown.rendered.text, parse_mode: 'HTML', reply_markup: shown.rendered.reply_markup, link_preview_options: { is_disabled: true } },
    });
    await deps.alerts.recordCardEdit(card.id, queued.deliveryId, version);
    card = (await deps.alerts.card(card.id)) ?? card;
  }
}
