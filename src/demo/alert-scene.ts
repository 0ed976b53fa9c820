/**
 * The demo's alert scene: an open alert that nobody acknowledges climbs one level of the tree
 * after the (short, demo) delay; then a leader who received it presses "Acknowledge" in the
 * chat — through the real bot code — which stops every further message and tells the others.
 */
import type { Bot } from 'grammy';
import type { BotContext } from '../bot/context.js';
import type { AlertRecord } from '../db/repositories/index.js';
import { callbackUpdate, type FakeBotApi } from '../fake-telegram/index.js';
import type { Runtime } from '../runtime.js';
import type { DemoOrganisation } from './seed.js';

export interface AlertSceneDeps {
  rt: Runtime;
  bot: Bot<BotContext>;
  fake: FakeBotApi;
  org: DemoOrganisation;
  out: (s: string) => void;
}

/** Runs the scene on the most recent open alert; false when there is none. */
export async function runAlertScene(d: AlertSceneDeps): Promise<boolean> {
  const open = await d.rt.repos.alerts.liveInUnits('all', 50);
  const alert = open.filter((a) => a.status === 'open').sort((a, b) => b.unitId - a.unitId || b.id - a.id)[0];
  if (!alert) {
    d.out('  (no open alert to escalate)');
    return false;
  }
  const unitName = async (id: number) => (await d.rt.repos.units.get(id))?.name ?? `unit ${id}`;
  d.out(`\nAlert #${alert.id} (${alert.level}) raised in "${await unitName(alert.unitId)}": nobody acknowledges it…`);
  const escalated = await waitFor(async () => {
    const a = await d.rt.repos.alerts.get(alert.id);
    return a && a.escalationStep > alert.escalationStep ? a : null;
  }, 45_000);
  const current = escalated ?? (await d.rt.repos.alerts.get(alert.id))!;
  if (escalated) d.out(`  ✓ after the demo delay it climbed to step ${current.escalationStep}: now with the leaders of "${await unitName(current.currentUnitId)}"`);
  else d.out('  (it did not escalate within 45 s: every level above may already be notified)');
  await printRecipients(d, current);
  return acknowledge(d, current, unitName);
}

async function acknowledge(d: AlertSceneDeps, alert: AlertRecord, unitName: (id: number) => Promise<string>): Promise<boolean> {
  const recipients = (await d.rt.repos.alerts.recipients(alert.id)).filter((r) => r.messageId !== null);
  const taker = recipients.at(-1);
  if (!taker) {
    d.out('  (no leader has received the card yet)');
    return false;
  }
  const member = (await d.rt.repos.members.get(taker.memberId))!;
  const before = d.fake.calls.length;
  await d.bot.handleUpdate(callbackUpdate({ id: Number(member.telegramUserId), firstName: member.displayName, languageCode: member.language ?? 'vi' }, `al:${alert.id}:a`, taker.messageId!));
  const after = await d.rt.repos.alerts.get(alert.id);
  d.out(`  ✓ ${member.displayName} (leader of "${await unitName(member.unitId)}") pressed Acknowledge: status is now "${after?.status}"`);
  const answer = d.fake.calls.slice(before).find((c) => c.method === 'answerCallbackQuery');
  if (answer?.payload.text) d.out(`    the bot answered: "${String(answer.payload.text)}"`);
  d.out('    escalation stopped; the other recipients and the reporting collaborator are told (through the delivery queue)');
  return true;
}

async function printRecipients(d: AlertSceneDeps, alert: AlertRecord): Promise<void> {
  for (const r of await d.rt.repos.alerts.recipients(alert.id)) {
    const m = await d.rt.repos.members.get(r.memberId);
    d.out(`    step ${r.step}: ${m?.displayName ?? r.memberId} ${r.messageId ? '(card delivered)' : '(queued)'}`);
  }
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}
