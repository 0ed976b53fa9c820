/**
 * Clustering cost per report (band locks + candidate lookup by LSH band keys + similarity +
 * attach and counter refresh) at 10k, 100k and 1M stored reports. The store grows at a fixed
 * rate (RATE reports/day, so 1M reports span ~500 days and the 14-day window holds the same
 * ~28k reports at every size; ALL_IN_WINDOW=1 puts every report inside the window instead,
 * the worst case). One band key of every group is a "popular" key shared by 1/997 of all
 * groups over the whole history, so the window cut-off on (bandKey, createdAt) is exercised.
 * Band keys carry their week (as the analysis stores them). Probes are near-duplicates of
 * groups inside the window. The store is generated in a
 * dedicated PostgreSQL schema with INSERT … SELECT generate_series (band indexes and keys dropped
 * during the load and rebuilt after, the same final layout as the migrations) (16 band rows per report,
 * groups of 5 near-duplicate reports, everything inside the 14-day window: the worst case).
 * Each probe runs the real code in a transaction that is rolled back, so the size stays fixed.
 * Prints figures; asserts nothing.
 * Run: npx tsx bench/clustering.ts [sizes=10000,100000,1000000] [probes=300]
 */
import { createAnalysisStore } from '../src/db/stores/analysis-store.js';
import { assignGroup, refreshGroup } from '../src/app/issue-groups/assign.js';
import { idfTable } from '../src/app/issue-groups/fingerprint.js';
import { loadDefaultModel } from '../src/nlp/index.js';
import { readCorpus } from '../src/app/analysis/topic-models.js';
import { benchDatabase, percentile, performance } from './support.js';

const SIZES = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
const PROBES = Number(process.argv[3] ?? 300);
const PER_GROUP = 5;
const BANDS = 16;
const RATE = 2000; // reports per day
const ALL_IN_WINDOW = process.env.ALL_IN_WINDOW === '1';
const POPULAR = 997;

const pool = readCorpus().map((e) => e.text);
/** The synthetic band key of group g, band b (same formula as the SQL below). */
const keyOf = (g: number, b: number) =>
  b === 0 ? `0-p${g % POPULAR}` : `${b}-${((BigInt(g * BANDS + b) * 2654435761n) % 4294967296n).toString(16)}`;
const MAX = Math.max(...SIZES);
const STEP_S = 86_400 / RATE;
/** SQL: how long before now stored report number `expr` was made (fixed, whatever the size). */
const AGE = (expr: string) => (ALL_IN_WINDOW ? `((${expr}) % 1200000) * interval '1 second'` : `(${MAX} - (${expr})) * interval '${STEP_S} seconds'`);
/** When the newest of `size` stored reports was made: the probes' "now". */
const nowAt = (size: number) => (ALL_IN_WINDOW ? Date.now() : Date.now() - (MAX - size) * STEP_S * 1000);

const db = await benchDatabase(4);
const sql = db.sql;
const store = createAnalysisStore(sql);
const model = loadDefaultModel(); // the shipped artifact: its vocabulary and IDF weigh the shingles
const idf = idfTable(model.vocab, model.idf);
const BAND_INDEXES = [`"ReportBand_bandKey_createdAt_idx"`, `"ReportBand_reportId_idx"`];

async function grow(from: number, to: number): Promise<number> {
  const t = performance.now();
  for (const ix of BAND_INDEXES) await sql.exec(`DROP INDEX IF EXISTS ${ix}`);
  await sql.exec(`ALTER TABLE "ReportBand" DROP CONSTRAINT IF EXISTS "ReportBand_pkey"`);
  await sql.exec(`ALTER TABLE "ReportBand" DROP CONSTRAINT IF EXISTS "ReportBand_reportId_fkey"`);
  await sql.query(
    `INSERT INTO "IssueGroup" (id, title, "mainTopic", "topTerms", "reportCount", "unitCount", "moodMix", "firstSeenAt", "lastSeenAt", "updatedAt")
     SELECT g + 1, 'g' || g, 'economy', '{}', ${PER_GROUP}, 1, '{}', (now() AT TIME ZONE 'UTC') - ${AGE(`g * ${PER_GROUP}`)},
            (now() AT TIME ZONE 'UTC') - ${AGE(`g * ${PER_GROUP} + ${PER_GROUP - 1}`)}, now()
       FROM generate_series($1::int, $2::int - 1) g`,
    [from / PER_GROUP, to / PER_GROUP],
  );
  await sql.query(
    `INSERT INTO "Report" (id, reference, "memberId", "unitId", content, "redactedContent", status, "finalMood", "topicSlug", "issueGroupId", "createdAt")
     SELECT i + 1, 'G-' || i, 1, 1, p.t, p.t, 'analysed', 'worried', 'economy', i / ${PER_GROUP} + 1,
            (now() AT TIME ZONE 'UTC') - ${AGE('i')}
       FROM generate_series($1::int, $2::int - 1) i JOIN bench_pool p ON p.id = (i / ${PER_GROUP}) % $3`,
    [from, to, pool.length],
  );
  await sql.query(
    `INSERT INTO "ReportBand" ("bandKey", "reportId", "createdAt")
     SELECT floor(extract(epoch FROM t) / 604800)::bigint || '.' ||
            CASE WHEN b = 0 THEN '0-p' || ((i / ${PER_GROUP}) % ${POPULAR})
                 ELSE b || '-' || to_hex((((i / ${PER_GROUP})::bigint * ${BANDS} + b) * 2654435761) % 4294967296) END, i + 1, t
       FROM (SELECT i, (now() AT TIME ZONE 'UTC') - ${AGE('i')} AS t FROM generate_series($1::int, $2::int - 1) i) x
      CROSS JOIN generate_series(0, ${BANDS - 1}) b`,
    [from, to],
  );
  await sql.exec(`ALTER TABLE "ReportBand" ADD CONSTRAINT "ReportBand_pkey" PRIMARY KEY ("bandKey", "reportId")`);
  await sql.exec(`CREATE INDEX "ReportBand_bandKey_createdAt_idx" ON "ReportBand" ("bandKey", "createdAt")`);
  await sql.exec(`CREATE INDEX "ReportBand_reportId_idx" ON "ReportBand" ("reportId")`);
  await sql.exec(
    `ALTER TABLE "ReportBand" ADD CONSTRAINT "ReportBand_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
  );
  await sql.exec(`SELECT setval(pg_get_serial_sequence('"IssueGroup"', 'id'), (SELECT max(id) FROM "IssueGroup"))`);
  // What autovacuum does on a live table: statistics and the visibility map (index-only scans).
  await sql.exec(`VACUUM ANALYZE "ReportBand"`);
  await sql.exec(`VACUUM ANALYZE "Report"`);
  await sql.exec(`VACUUM ANALYZE "IssueGroup"`);
  return performance.now() - t;
}

class Rollback extends Error {}

/** One probe: the clustering steps of an analysis for a near-duplicate of group g, rolled back. */
async function probe(g: number, id: number, now: number): Promise<number> {
  const keys = Array.from({ length: BANDS }, (_, b) => keyOf(g, b));
  const text = pool[g % pool.length] as string;
  const t = performance.now();
  await store
    .transaction(async (tx) => {
      await tx.lockBands(keys);
      const a = await assignGroup(tx, { reportId: id, text, bandKeys: keys, since: new Date(now - 14 * 86_400_000), first: { mainTopic: 'economy', mood: 'worried', at: new Date(now) }, idf });
      if (!a.created) await refreshGroup(tx, a.groupId, { locked: true });
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return performance.now() - t;
}

try {
  await sql.exec(`CREATE TABLE bench_pool (id int PRIMARY KEY, t text)`);
  await sql.query(`INSERT INTO bench_pool SELECT n - 1, t FROM unnest($1::text[]) WITH ORDINALITY x(t, n)`, [pool]);
  await sql.exec(`INSERT INTO "Unit" (id, name, path, "updatedAt") VALUES (1, 'bench', '{1}', now());
                  INSERT INTO "Member" (id, "telegramUserId", "displayName", role, "unitId") VALUES (1, 1, 'bench', 'collaborator', 1)`);
  let size = 0;
  const firstFigure: number[] = [];
  for (const target of SIZES) {
    const ms = await grow(size, target);
    size = target;
    // probes: near-duplicates of groups seen inside the 14-day window
    const inWindow = ALL_IN_WINDOW ? size : Math.min(size, 13 * RATE);
    const first = (size - inWindow) / PER_GROUP;
    const groups = inWindow / PER_GROUP;
    const now = nowAt(size);
    for (let i = 0; i < 30; i += 1) await probe(first + ((i * 7919) % groups), 10_000_000 + i, now); // warm-up
    const times: number[] = [];
    for (let i = 0; i < PROBES; i += 1) times.push(await probe(first + ((i * 104_729 + 13) % groups), 20_000_000 + i, now));
    const mean = times.reduce((s, x) => s + x, 0) / times.length;
    firstFigure.push(mean);
    console.log(
      `clustering at ${size.toLocaleString('en')} stored reports (${(size * BANDS).toLocaleString('en')} band rows, ${inWindow.toLocaleString('en')} in the window; generated in ${(ms / 1000).toFixed(1)} s): ` +
        `mean ${mean.toFixed(2)} ms, p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms per report` +
        `  (x${(mean / (firstFigure[0] as number)).toFixed(2)} of the first size)`,
    );
  }
} finally {
  await db.destroy();
}
