/**
 * The surveys' composition: the store over the runtime's database, the bot's survey feature
 * and /cancel hook, the lifecycle's ports (delivery queue, translations, settings) and the
 * ticker that opens, reminds and closes surveys (in the sweeper part, every 30 s).
 */
import type { Composer } from 'grammy';
import type { AnswerDeps } from '../app/surveys/answer.js';
import type { LifecycleDeps } from '../app/surveys/lifecycle.js';
import { tickSurveys } from '../app/surveys/lifecycle.js';
import { surveyDeliveryObserver } from '../app/surveys/observer.js';
import type { SurveyStore } from '../app/surveys/ports.js';
import type { BotContext } from '../bot/context.js';
import { surveyCancel, surveysFeature } from '../bot/features/surveys.js';
import { translator } from '../bot/i18n.js';
import type { DeliveryObserver } from '../app/ports/messages.js';
import { createSurveyStore } from '../db/stores/survey-store.js';
import { createDeliveryService } from '../delivery/service.js';
import type { Clock } from '../domain/clock.js';
import { QUEUES } from '../queue/names.js';
import type { Runtime } from './runtime.js';

const stores = new WeakMap<object, SurveyStore>();

/** One survey store per database (it caches survey definitions and anonymity cells). */
export function surveyStoreOf(rt: Pick<Runtime, 'db'>): SurveyStore {
  let s = stores.get(rt.db);
  if (!s) stores.set(rt.db, (s = createSurveyStore(rt.db.prisma, rt.db.sql)));
  return s;
}

/** The bot's survey parts: the answering feature (before the quick report) and the /cancel hook. */
export function surveyBotParts(rt: Pick<Runtime, 'db' | 'repos' | 'i18n'>, clock: Clock): { answerFeatures: Composer<BotContext>[]; cancelHooks: ((ctx: BotContext) => Promise<boolean>)[] } {
  const deps: AnswerDeps = { surveys: surveyStoreOf(rt), clock };
  return { answerFeatures: [surveysFeature({ ...deps, t: translator(rt.i18n), units: rt.repos.units })], cancelHooks: [surveyCancel(deps)] };
}

/** The lifecycle's ports on a runtime. `close()` closes the delivery queue it opened. */
export function surveyLifecycleDeps(rt: Runtime): LifecycleDeps & { close(): Promise<void> } {
  const queue = rt.queues.queue(QUEUES.delivery);
  const service = createDeliveryService({ deliveries: rt.repos.deliveries, queue, clock: rt.clock });
  return {
    surveys: surveyStoreOf(rt),
    queue: service,
    delivery: service,
    t: translator(rt.i18n),
    clock: rt.clock,
    units: rt.repos.units,
    settings: rt.repos.settings,
    logger: rt.logger.child({ part: 'surveys' }),
    close: () => queue.close(),
  };
}

/** The delivery observer that records invitations sent and people not reached. */
export function surveyObserver(rt: Pick<Runtime, 'db' | 'clock'>): DeliveryObserver {
  return surveyDeliveryObserver(surveyStoreOf(rt), rt.clock);
}

/** Runs the survey ticker until shutdown (one run now, then every `intervalMs`; overlapping runs are skipped). */
export async function startSurveyTicker(rt: Runtime, intervalMs = 30_000): Promise<void> {
  const deps = surveyLifecycleDeps(rt);
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= tickSurveys(deps)
      .catch((e: unknown) => deps.logger?.warn({ err: (e as Error).message }, 'survey tick failed; trying again at the next one'))
      .finally(() => (running = null));
    return running;
  };
  await tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  rt.onShutdown('survey-ticker', async () => {
    clearInterval(timer);
    await running;
    await deps.close();
  });
}
