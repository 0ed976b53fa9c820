/** Survey test data: a definition builder and the lifecycle's ports over a test database and queue. */
import type { Queue } from 'bullmq';
import { createI18n, translator } from '../../src/bot/i18n.js';
import type { BotContext } from '../../src/bot/context.js';
import { createSurvey } from '../../src/app/surveys/create.js';
import { openSurvey, type LifecycleDeps } from '../../src/app/surveys/lifecycle.js';
import type { Creator } from '../../src/app/surveys/ports.js';
import type { Repositories } from '../../src/db/repositories/index.js';
import type { Database } from '../../src/db/client.js';
import { surveyStoreOf } from '../../src/compose/surveys.js';
import { createDeliveryService } from '../../src/delivery/service.js';
import type { Clock } from '../../src/domain/clock.js';

/** A four-question definition (every kind), open now for two days unless overridden. */
export function buildSurveyInput(now: Date, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Ý kiến về dịch vụ công',
    titleEn: 'Public services',
    intro: 'Xin mời trả lời 4 câu hỏi ngắn.',
    opensAt: now.toISOString(),
    closesAt: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
    anonymous: false,
    questions: [
      { kind: 'single', text: 'Bạn có hài lòng không?', textEn: 'Are you satisfied?', options: ['Hài lòng', 'Bình thường', 'Không hài lòng'], optionsEn: ['Satisfied', 'Neutral', 'Unsatisfied'] },
      { kind: 'multiple', text: 'Dịch vụ nào cần cải thiện?', options: ['Điện', 'Nước', 'Y tế'] },
      { kind: 'scale', text: 'Chấm điểm chung' },
      { kind: 'text', text: 'Góp ý thêm', maxLength: 30, required: false },
    ],
    ...over,
  };
}

/** The lifecycle's ports over a test database and a delivery queue. */
export function testLifecycleDeps(db: Pick<Database, 'prisma' | 'sql'>, repos: Repositories, queue: Queue, clock: Clock): LifecycleDeps {
  const service = createDeliveryService({ deliveries: repos.deliveries, queue, clock });
  const i18n = createI18n<BotContext>();
  return { surveys: surveyStoreOf({ db: db as Database }), queue: service, delivery: service, t: translator(i18n), clock, units: repos.units, settings: repos.settings };
}

/** Creates and opens a survey; returns its id. */
export async function createOpenSurvey(deps: LifecycleDeps, creator: Creator, input: Record<string, unknown>): Promise<number> {
  const r = await createSurvey(deps, creator, input);
  if (!r.ok) throw new Error(`survey not created: ${JSON.stringify(r.error)}`);
  await openSurvey(deps, r.value);
  return r.value;
}
