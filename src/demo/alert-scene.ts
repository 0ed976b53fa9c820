/**
 * The demo's alert scene, after the simulated week: a collaborator of the branch that has a
 * leader reports a dike about to break; the branch leader gets the alert card; nobody
 * acknowledges, so after the (short, demo) delay it climbs to the committee's leader, who
 * presses "Acknowledge" in the chat — through the real bot code — which stops everything.
 */
import type { Bot } from 'grammy';
import type { BotContext } from '../bot/context.js';
import type { AlertRecord } from '../db/repositories/index.js';
import { callbackUpdate, type FakeBotApi } from '../fake-telegram/index.js';
import type { Runtime } from '../compose/runtime.js';
import type { DemoOrganisation } from './seed.js';
import { Driver, fakeUsersOf } from './simulate-collaborators.js';

export interface AlertSceneDeps {
  rt: Runtime;
  bot: Bot<BotContext>;
  fake: FakeBotApi;
  org: DemoOrganisation;
  out: (s: string) => void;
}

const SCENE_TEXT =
  'Nước sông Lam dâng rất nhanh, đê bao thôn Phú Mỹ có nguy cơ vỡ ngay trong đêm nay, hàng trăm hộ dân đang cần sơ tán gấp, bà con rất hoảng loạn vì đã có người bị nước cuốn trôi.';

/** Runs the scene; false when it could not be shown (and says why). */
export async function runAlertScene(d: AlertSceneDeps): Promise<boolean> {
  const branch = d.org.branches.find((b) => d.org.leaders.some((l) => l.unitId === b.id));
  const reporter = d.org.collaborators.find((c) => c.unitId === branch?.id);
  if (!branch || !reporter) return say(d, '(the demo organisation has no branch with a leader and a collaborator)');
  const name = async (unitId: number) => (await d.rt.repos.units.get(unitId))?.name ?? `unit ${unitId}`;
  d.out(`\nA collaborator of "${branch.name}" reports a dike about to break:`);
  d.out(`  «${SCENE_TEXT}»`);
  const driver = new Driver({ bot: d.bot, api: d.fake, users: [], rng: () => 0.5 }, fakeUsersOf([reporter])[0]!);
  for (const step of ['/report', ':t:environment_disasters', SCENE_TEXT, ':c:done', ':m:angry', ':s:local', ':o:conversation', ':p:skip', ':v:submit']) {
    await (step.startsWith(':') ? driver.press(step) : driver.text(step));
  }
  const report = (await d.rt.repos.reports.latestOf(reporter.id, 1))[0];
  if (!report) return say(d, '(the report was not stored)');
  d.out(`  ✓ stored as ${report.reference}; analysing…`);
  const analysed = await waitFor(async () => {
    const r = await d.rt.repos.reports.get(report.id);
    return r?.status === 'analysed' ? r : null;
  }, 30_000);
  if (!analysed) return say(d, '(it was not analysed within 30 s)');
  d.out(`  ✓ analysed: urgency ${analysed.urgencyScore} (${analysed.urgencyLevel}), topic ${analysed.topicSlug}`);
  const alert = await waitFor(async () => (await d.rt.repos.alerts.raisedBy(report.id))[0] ?? (await d.rt.repos.alerts.liveCovering(analysed.issueGroupId ?? -1, analysed.unitId))[0] ?? null, 30_000);
  if (!alert) return say(d, '(no alert was raised for it)');
  d.out(`  ✓ ${alert.level} alert #${alert.id} raised; card sent to the leaders of "${await name(alert.currentUnitId)}"`);
  d.out('  … nobody acknowledges it');
  const climbed = await waitFor(async () => {
    const a = await d.rt.repos.alerts.get(alert.id);
    return a && a.escalationStep > alert.escalationStep ? a : null;
  }, 60_000);
  if (!climbed) return say(d, '(it did not climb within 60 s)');
  d.out(`  ✓ after the escalation delay it climbed to the leaders of "${await name(climbed.currentUnitId)}"`);
  return acknowledge(d, climbed, name);
}

async function acknowledge(d: AlertSceneDeps, alert: AlertRecord, name: (id: number) => Promise<string>): Promise<boolean> {
  const taker = await waitFor(async () => (await d.rt.repos.alerts.recipientMessages(alert.id)).filter((r) => r.messageId !== null && r.step === alert.escalationStep).at(0) ?? null, 30_000);
  if (!taker) return say(d, '(the card did not reach the next level)');
  await printRecipients(d, alert);
  const member = (await d.rt.repos.members.get(taker.memberId))!;
  const before = d.fake.calls.length;
  await d.bot.handleUpdate(callbackUpdate({ id: Number(member.telegramUserId), firstName: member.displayName, languageCode: member.language ?? 'vi' }, `al:${alert.id}:a`, taker.messageId!));
  const after = await d.rt.repos.alerts.get(alert.id);
  d.out(`  ✓ ${member.displayName} (leader of "${await name(member.unitId)}") pressed Acknowledge: status is now "${after?.status}"`);
  const answer = d.fake.calls.slice(before).find((c) => c.method === 'answerCallbackQuery');
  if (answer?.payload.text) d.out(`    the bot answered: "${String(answer.payload.text)}"`);
  d.out('    escalation stopped; the other recipients and the reporting collaborator are told (through the delivery queue)');
  return true;
}

async function printRecipients(d: AlertSceneDeps, alert: AlertRecord): Promise<void> {
  for (const r of await d.rt.repos.alerts.recipientMessages(alert.id)) {
    const m = await d.rt.repos.members.get(r.memberId);
    d.out(`    step ${r.step}: ${m?.displayName ?? r.memberId} ${r.messageId ? '(card delivered)' : '(queued)'}`);
  }
}

function say(d: AlertSceneDeps, text: string): false {
  d.out(`  ${text}`);
  return false;
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
  return null;
}
