/**
 * The demo's survey: the bloc's leader asks every collaborator three questions (anonymous),
 * the invitations go out in cohorts through the delivery path, most simulated collaborators
 * answer through the bot (buttons and typing), the others get the one reminder, and the
 * results are printed (and shown on the dashboard at /surveys/<id>).
 */
import type { Bot } from 'grammy';
import { createSurvey } from '../app/surveys/create.js';
import { closeSurvey, openSurvey, remindSurvey } from '../app/surveys/lifecycle.js';
import { surveyResults } from '../app/surveys/results.js';
import type { BotContext } from '../bot/context.js';
import { surveyLifecycleDeps, surveyStoreOf } from '../compose/surveys.js';
import type { Runtime } from '../compose/runtime.js';
import { EVERYTHING } from '../domain/scope.js';
import { callbackUpdate, textUpdate, type FakeBotApi } from '../fake-telegram/index.js';
import type { DemoOrganisation } from './seed.js';
import { fakeUsersOf } from './simulate-collaborators.js';

const DEFINITION = (now: Date) => ({
  title: 'Ý kiến về cải cách thủ tục hành chính',
  titleEn: 'Views on the administrative reform',
  intro: 'Ba câu hỏi ngắn, ẩn danh. Xin cảm ơn!',
  introEn: 'Three short anonymous questions. Thank you!',
  anonymous: true,
  opensAt: now.toISOString(),
  closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
  audience: { roles: ['collaborator'] },
  questions: [
    { kind: 'single', text: 'Người dân có thấy thủ tục nhanh hơn không?', textEn: 'Do people find procedures faster?', options: ['Nhanh hơn', 'Như cũ', 'Chậm hơn'], optionsEn: ['Faster', 'The same', 'Slower'] },
    { kind: 'scale', text: 'Mức hài lòng chung (1–5)', textEn: 'Overall satisfaction (1–5)' },
    { kind: 'text', text: 'Một góp ý ngắn', textEn: 'One short suggestion', maxLength: 200, required: false },
  ],
});

const SUGGESTIONS = ['Cần hướng dẫn rõ hơn trên cổng dịch vụ công', 'Giảm giấy tờ phải nộp bản sao', 'bo qua', 'Mở thêm quầy vào buổi sáng', 'Liên hệ tôi qua 0912 345 678 nếu cần'];

export async function runSurveyScene(o: { rt: Runtime; bot: Bot<BotContext>; fake: FakeBotApi; org: DemoOrganisation; rng: () => number; out: (s?: string) => void; webAddress: string; waitDelivery: () => Promise<void> }): Promise<void> {
  const { rt, bot, fake, org, out } = o;
  const life = surveyLifecycleDeps(rt);
  try {
    const leader = org.leaders[0]!;
    const created = await createSurvey(life, { id: leader.id, role: leader.role, unitId: leader.unitId }, DEFINITION(rt.clock()));
    if (!created.ok) return out(`  (survey not created: ${created.error.map((p) => `${p.path} ${p.code}`).join(', ')})`);
    const id = created.value;
    const plan = await openSurvey(life, id);
    out(`✓ survey ${id} opened by ${leader.displayName}: ${plan?.recipients ?? 0} recipients in ${plan?.cohorts ?? 0} cohort(s) on the broadcast lane`);
    await o.waitDelivery();
    const users = fakeUsersOf(org.collaborators);
    const invited = users.filter((u) => fake.callsOf('sendMessage', u.id).some((c) => String(c.payload.text).includes('Khảo sát') || String(c.payload.text).includes('Survey')));
    let answered = 0;
    for (const [i, u] of invited.entries()) {
      if (o.rng() < 0.2) continue; // some never answer: they get the reminder
      await bot.handleUpdate(callbackUpdate(u, `sv:${id}:go`));
      const pick = o.rng();
      // Half answer by button, half by typing (with or without diacritics).
      const first = pick < 0.55 ? 0 : pick < 0.85 ? 1 : 2;
      if (i % 2 === 0) await bot.handleUpdate(callbackUpdate(u, `sv:${id}:1:o${first}`));
      else await bot.handleUpdate(textUpdate(u, ['nhanh hon', 'như cũ', '3'][first]!));
      const scale = 1 + Math.min(4, Math.floor(o.rng() * 3) + (first === 0 ? 2 : 0));
      await bot.handleUpdate(i % 2 === 0 ? callbackUpdate(u, `sv:${id}:2:v${scale}`) : textUpdate(u, String(scale)));
      await bot.handleUpdate(textUpdate(u, SUGGESTIONS[Math.floor(o.rng() * SUGGESTIONS.length)]!));
      answered += 1;
    }
    out(`✓ ${answered} of ${invited.length} invited collaborators answered through the bot (buttons and typed answers)`);
    const reminded = await remindSurvey(life, id);
    await o.waitDelivery();
    out(`✓ one reminder queued for the ${reminded} who had not answered (outside quiet hours)`);
    await closeSurvey(life, id);
    const r = await surveyResults({ surveys: surveyStoreOf(rt), units: rt.repos.units, settings: rt.repos.settings }, id, EVERYTHING);
    if (!r) return;
    out(`\nSurvey results (closed; anonymous; groups under ${r.minGroupSize} responses not broken down):`);
    out(`  response rate ${Math.round(r.rate.rate * 100)}% (${r.rate.answered}/${r.rate.recipients}), ${r.rate.recipients - r.rate.reached} not reached`);
    const survey = r.survey;
    for (const q of r.questions ?? []) {
      const def = survey.questions.find((x) => x.position === q.position)!;
      out(`  ${q.position}. ${def.text}`);
      if (q.kind === 'text') for (const t of q.texts.slice(0, 4)) out(`     – ${t}`);
      else {
        const labels = def.kind === 'scale' ? ['1', '2', '3', '4', '5'] : def.options;
        out(`     ${q.counts.map((c, i) => `${labels[i]}: ${c} (${Math.round((q.shares[i] ?? 0) * 100)}%)`).join(' · ')}${q.mean !== null ? ` · mean ${q.mean.toFixed(2)}` : ''}`);
      }
    }
    for (const u of r.units) out(`  ${u.name.padEnd(36)} ${u.rate.answered}/${u.rate.recipients} answered${u.questions ? '' : ` (under ${r.minGroupSize} responses: not broken down)`}`);
    out(`  on the dashboard: ${o.webAddress}/surveys/${id}`);
  } finally {
    await life.close();
  }
}
