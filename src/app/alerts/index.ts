/** The alerts use cases (PRODUCT.md "Alerts and escalation"), for workers, the bot and the demo. */
export { evaluateReport, refreshAlert, type EvaluateOutcome } from './evaluate.js';
export { editAllCards, runCardEditsJob, scheduleCardEdits, DEFAULT_CARD_EDIT_DELAY_MS, type CardEditsJob, type CardEditGate } from './card-edits.js';
export { dispatchStep, runStepJob, cancelPendingJobs, type StepJob } from './escalate.js';
export { act, acknowledge, resolve, markFalseAlarm, details, authorise, type ActOutcome } from './actions.js';
export { renderAlertCard, alertKeyboard } from './card.js';
export { alertDeliveryObserver } from './observer.js';
export { alertJobIds, alertKeys, type AlertsDeps } from './deps.js';
