/**
 * `/alerts`: the live alerts a leader may see, one card per issue group computed for their
 * scope. Showing a card makes it the leader's card for that group when they hold none, so that
 * it is edited like the others (and the leader counts as shown the alerts on it).
 */
import { scopeOf } from '../../domain/scope.js';
import type { Member } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import { cardVersion, renderReaderCard, type CardView, type RenderedCard } from './card.js';
import type { AlertsDeps } from './deps.js';

export interface ShownCard {
  subject: string;
  view: CardView;
  rendered: RenderedCard;
}

/** The cards of the live alerts in the member's scope, most severe and newest first. */
export async function listAlertsFor(deps: AlertsDeps, member: Member, limit = 10, lang?: Language): Promise<ShownCard[]> {
  const out: ShownCard[] = [];
  for (const subject of await deps.alerts.liveSubjects(scopeOf(member), limit)) {
    const shown = await renderReaderCard(deps, member, { subject, alertIds: [] }, lang);
    if (shown) out.push({ subject, ...shown });
  }
  return out;
}

/** Records a card the bot showed in reply to /alerts (message id known): the member's card unless they hold one. */
export async function recordShownCard(deps: AlertsDeps, member: Member, shown: ShownCard, chat: { chatId: bigint; messageId: number }): Promise<void> {
  if (await deps.alerts.liveCard(shown.subject, member.id)) return;
  const alertIds = shown.view.alerts.map((a) => a.id);
  const { card } = await deps.alerts.openCard({
    subject: shown.subject,
    memberId: member.id,
    unitId: member.unitId,
    chatId: chat.chatId,
    alertIds,
    sentVersion: cardVersion(shown.rendered),
    messageId: chat.messageId,
  });
  for (const alertId of alertIds) await deps.alerts.addRecipient({ alertId, memberId: member.id, unitId: member.unitId, step: -1, chatId: chat.chatId, cardId: card.id });
}
