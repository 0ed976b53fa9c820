/**
 * Answer ingestion: 1,000 people answering a 4-question survey at once, through the whole bot
 * (handleUpdate, membership, the survey feature, the store) over the fake Bot API, real
 * PostgreSQL and the state backend. Each person presses Start, then types four answers; an
 * answer is one update. Prints answers/s (median of the runs after one warm-up run) and per-answer latency.
 * Target: ≥ 500 answers/s with 1,000 answering at once.
 * Run: [BENCH_BACKEND=postgres] npx tsx bench/survey-answers.ts [people=1000] [runs=3]
 */
import { createI18n } from '../src/bot/i18n.js';
import type { BotContext } from '../src/bot/context.js';
import { surveyBotParts } from '../src/compose/surveys.js';
import { callbackUpdate, textUpdate, type FakeUser } from '../src/fake-telegram/index.js';
import { QUEUES } from '../src/queue/names.js';
import { createHarness } from '../test/bot/harness.js';
import { buildSurveyInput, createOpenSurvey, testLifecycleDeps } from '../test/support/surveys.js';
import { BENCH_BACKEND, fmt, percentile, performance } from './support.js';

const PEOPLE = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 3);

// The database pool of a production bot process (DATABASE_URL's default, src/db/client.ts).
const h = await createHarness({}, BENCH_BACKEND, 10);
const queue = h.backend.queues.queue(QUEUES.delivery);
try {
  const clock = () => new Date();
  h.now.value = new Date();
  h.bot = h.newBot({ ...surveyBotParts({ db: h.db, repos: h.repos, i18n: createI18n<BotContext>() }, clock), clock });
  const life = testLifecycleDeps(h.db, h.repos, queue, clock);
  const leader = await h.member(h.user(), 'leader');
  const people: FakeUser[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const u = h.user();
    people.push(u);
    await h.member(u);
  }
  const rates: number[] = [];
  const latencies: number[] = [];
  // One warm-up run (connections, prepared statements, JIT) is not counted.
  for (let run = -1; run < RUNS; run++) {
    const id = await createOpenSurvey(life, { id: leader.id, role: 'leader', unitId: leader.unitId }, buildSurveyInput(new Date()));
    await queue.obliterate({ force: true });
    const t0 = performance.now();
    await Promise.all(
      people.map(async (u, i) => {
        await h.handle(callbackUpdate(u, `sv:${id}:go`));
        for (const text of [String(1 + (i % 3)), '1, 3', String(1 + (i % 5)), 'ổn cả']) {
          const t = performance.now();
          await h.handle(textUpdate(u, text));
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const [{ n }] = (await h.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SurveyResponse" WHERE "surveyId" = $1`, [id])) as [{ n: number }];
    if (n !== PEOPLE) throw new Error(`${n} responses stored, expected ${PEOPLE}`);
    if (run >= 0) rates.push((PEOPLE * 4) / seconds);
    else latencies.length = 0;
  }
  console.log(`survey answers: ${PEOPLE} people at once, 4 typed answers each (+ Start), ${BENCH_BACKEND} state backend, ${RUNS} runs`);
  console.log(`  answers/s  median ${fmt(percentile(rates, 50))}  (runs: ${rates.map(fmt).join(', ')})`);
  console.log(`  per answer p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms (1,000 in flight)`);
  console.log(`  target ≥ 500 answers/s: ${percentile(rates, 50) >= 500 ? 'met' : 'NOT met'}`);
} finally {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await h.destroy();
}
