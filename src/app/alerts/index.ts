/** The alerts use cases (PRODUCT.md "Alerts and escalation"), for workers, the bot and the demo. */
export { evaluateReport, refreshAlert, type EvaluateOutcome } from './evaluate.js';
export { editAllCards, runCardEditsJob, scheduleCardEdits, DEFAULT_CARD_EDIT_DELAY_MS } from './card-edits.js';
export { dispatchStep, runStepJob, cancelPendingJobs } from './escalate.js';
export { act, acknowledge, resolve, markFalseAlarm, details, authorise, type ActOutcome } from './actions.js';
export { alertKeyboard, loadCardView, renderCard, type CardView } from './card.js';
export { listAlertsFor, recordShownCard, type ShownCard } from './list.js';
export { alertDeliveryObserver } from './observer.js';
export { reconcileAlertScopes, redriveAlerts, REDRIVE_GRACE_MS, type RedriveSummary, type UncoveredReports } from './reconcile.js';
export { warmUpAlerts } from './warm-up.js';
export { alertJobId, alertKeys, subjectOf, type AlertsDeps } from './deps.js';
export type * from './ports.js';
