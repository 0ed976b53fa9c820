/**
 * The contract of the delivery path, declared by the use cases (src/app/ports/messages.ts) and
 * implemented here (service.ts). Re-exported under the delivery module's own names.
 */
export type { DeliveryKind, DeliveryMethod, EnqueueResult, Lane, MessageSender as DeliveryPort, OutgoingMessage } from '../app/ports/messages.js';
