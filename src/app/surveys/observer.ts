/**
 * Follows survey invitations through the delivery path (a DeliveryObserver): a sent one stamps
 * the recipient's `sentAt`; one Telegram refused with 403 (the person blocked the bot) marks the
 * recipient not reached, so results count them apart from those who did not answer.
 */
import type { DeliveryObserver } from '../ports/messages.js';
import type { SurveyStore } from './ports.js';

const INVITATION = /^survey-(\d+)-m(\d+)$/;

/** The idempotency key of a survey invitation (also written by the store's bulk planning). */
export const invitationKey = (surveyId: number, memberId: number) => `survey-${surveyId}-m${memberId}`;

export function surveyDeliveryObserver(surveys: Pick<SurveyStore, 'markSent' | 'markUnreached'>, now: () => Date): DeliveryObserver {
  return async (outcome) => {
    const m = INVITATION.exec(outcome.idempotencyKey);
    if (!m) return;
    const [surveyId, memberId] = [Number(m[1]), Number(m[2])];
    if (outcome.type === 'sent') await surveys.markSent(surveyId, memberId, now());
    else if (outcome.reason.startsWith('403')) await surveys.markUnreached(surveyId, memberId);
  };
}
