/**
 * A member who blocked the bot (403) cannot be reached: they are marked unreachable and every
 * admin is told once per failed delivery, through the delivery path itself (lane `alert`,
 * kind `notice`) so that the notice obeys the same limits and is recorded like any message.
 */
import type { Translate } from '../bot/i18n.js';
import type { MembersRepository } from '../db/repositories/members-repository.js';
import { escapeHtml } from '../domain/text.js';
import type { DeliveryRecord } from '../db/repositories/deliveries-repository.js';
import type { DeliveryPort } from './port.js';

export interface UnreachableDeps {
  members: MembersRepository;
  port: DeliveryPort;
  t: Translate;
}

/** Marks the member unreachable and queues a notice to each admin (other than the member). */
export async function handleBlockedDelivery(deps: UnreachableDeps, rec: DeliveryRecord): Promise<void> {
  if (rec.memberId === null) return;
  const member = await deps.members.get(rec.memberId);
  if (!member) return;
  await deps.members.setReachable(member.id, false);
  for (const admin of await deps.members.admins()) {
    if (admin.id === member.id || !admin.chatId || !admin.reachable) continue;
    const lang = admin.language ?? 'vi';
    await deps.port.enqueue({
      idempotencyKey: `unreachable-${member.id}-d${rec.id}-a${admin.id}`,
      memberId: admin.id,
      chatId: admin.chatId,
      kind: 'notice',
      lane: 'alert',
      method: 'sendMessage',
      payload: {
        text: deps.t(lang, 'delivery-member-unreachable', { name: escapeHtml(member.displayName), memberId: member.id, kind: rec.kind }),
        parse_mode: 'HTML',
      },
    });
  }
}
