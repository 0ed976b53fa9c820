import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import type { BotContext } from '../../../src/bot/context.js';
import { alertsFeature } from '../../../src/bot/features/alerts.js';
import { createI18n } from '../../../src/bot/i18n.js';
import type { Member } from '../../../src/domain/types.js';
import { callbackUpdate, textUpdate } from '../../../src/fake-telegram/index.js';
import { silentLogger } from '../../../src/logger.js';
import { enqueueAlertEvaluation } from '../../../src/queue/jobs/alerts.js';
import { eventually, TOKEN } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

describe('alert buttons and /alerts in the bot', () => {
  let h: AlertsHarness;
  let bot: Bot<BotContext>;
  let alertId: number;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    h.startAlertsWorker();
    bot = new Bot<BotContext>(TOKEN, { botInfo: h.fake.botInfo, client: { fetch: h.fake.fetch } });
    bot.use(async (ctx, next) => {
      const m = ctx.from ? await h.repos.members.findByTelegramId(BigInt(ctx.from.id)) : null;
      ctx.member = m && m.active ? m : null;
      ctx.log = silentLogger();
      await next();
    });
    bot.use(createI18n<BotContext>({ memberLanguage: (ctx) => ctx.member?.language }));
    bot.use(alertsFeature(h.deps));
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: h.org.collaborator.id, unitId: h.org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, r.id);
    await eventually(async () => (await h.repos.alerts.byReport(r.id)) !== null);
    alertId = (await h.repos.alerts.byReport(r.id))!.id;
    await eventually(async () => (await h.repos.alerts.recipients(alertId)).length === 2);
  });
  afterAll(async () => h?.close());

  const user = (m: Member) => ({ id: Number(m.telegramUserId), firstName: m.displayName, languageCode: 'en' });
  const answers = () => h.fake.callsOf('answerCallbackQuery');
  async function tap(m: Member, data: string) {
    const before = answers().length;
    await bot.handleUpdate(callbackUpdate(user(m), data, 1));
    expect(answers().length).toBe(before + 1);
    return answers().at(-1)!.payload;
  }

  it('refuses a leader of another subtree, a collaborator, a leader never notified, and forged data', async () => {
    const { org } = h;
    expect(await tap(org.otherLeader, `al:${alertId}:a`)).toMatchObject({ text: 'You cannot act on this alert.' });
    expect(await tap(org.collaborator, `al:${alertId}:a`)).toMatchObject({ text: 'You cannot act on this alert.' });
    expect(await tap(org.committeeLeader, `al:${alertId}:r`)).toMatchObject({ text: 'You cannot act on this alert.' });
    expect(await tap(org.branchLeaders[0]!, `al:${alertId}:z`)).toMatchObject({ text: 'This button is no longer valid.' });
    expect(await tap(org.branchLeaders[0]!, `al:${alertId + 1000}:a`)).toMatchObject({ text: 'You cannot act on this alert.' });
    expect(await tap(org.branchLeaders[0]!, `al:${alertId};DROP:a`)).toMatchObject({ text: 'This button is no longer valid.' });
    expect((await h.repos.alerts.get(alertId))!.status).toBe('open');
    const refused = (await h.repos.alerts.events([alertId])).filter((e) => e.kind === 'refused');
    expect(refused.map((e) => e.memberId)).toEqual([org.otherLeader.id, org.collaborator.id, org.committeeLeader.id]);
    const audit = await h.db.prisma.auditLog.findMany({ where: { action: { contains: 'refused' } } });
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(await h.db.prisma.auditLog.count({ where: { action: 'alert.callback.forged' } })).toBe(2);
  });

  it('shows details and lets a notified branch leader acknowledge; a second tap is told it is taken', async () => {
    const [a, b] = h.org.branchLeaders as [Member, Member];
    await tap(a, `al:${alertId}:d`);
    expect(h.fake.textsTo(a.chatId!).at(-1)).toContain(`Alert #${alertId}`);
    expect(await tap(a, `al:${alertId}:a`)).toMatchObject({ text: 'You have taken up this alert. The others are told.' });
    expect((await h.repos.alerts.get(alertId))!).toMatchObject({ status: 'acknowledged', acknowledgedById: a.id });
    expect(await tap(b, `al:${alertId}:a`)).toMatchObject({ text: 'Someone has already taken up this alert.' });
    await eventually(() => h.fake.callsOf('editMessageText', b.chatId!).some((c) => String(c.payload.text).includes(a.displayName)));
  });

  it('/alerts lists the subtree’s live alerts with buttons, and then lets that leader resolve it', async () => {
    const { org } = h;
    await bot.handleUpdate(textUpdate(user(org.otherLeader), '/alerts'));
    expect(h.fake.textsTo(org.otherLeader.chatId!).at(-1)).toBe('No open alerts in your units.');
    await bot.handleUpdate(textUpdate(user(org.collaborator), '/alerts'));
    expect(h.fake.textsTo(org.collaborator.chatId!).at(-1)).toBe('Only leaders and admins can see alerts.');
    await bot.handleUpdate(textUpdate(user(org.committeeLeader), '/alerts'));
    const card = h.fake.callsOf('sendMessage', org.committeeLeader.chatId!).at(-1)!;
    expect(String(card.payload.text)).toContain(`#${alertId}`);
    const buttons = (card.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data);
    expect(buttons).toEqual([`al:${alertId}:r`, `al:${alertId}:f`, `al:${alertId}:d`]);
    expect(await tap(org.committeeLeader, `al:${alertId}:r`)).toMatchObject({ text: 'Alert resolved.' });
    expect((await h.repos.alerts.get(alertId))!).toMatchObject({ status: 'resolved', openKey: null });
  });
});
