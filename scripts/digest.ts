/**
 * `npm run digest -- --unit <id or name> --period <day|week|month|year|today|last7>
 *   --date YYYY-MM-DD [--png FILE] [--csv FILE] [--lang vi|en]`
 * Prints a unit's digest as plain text to stdout (operators, checking), optionally writes its
 * chart as PNG; `--period year` prints the yearly unit activity and `--csv` writes it as CSV.
 * Uses DATABASE_URL or the embedded database; starts no worker and sends nothing.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDigest, type DigestDeps } from '../src/app/digests/build-digest.js';
import { renderDigestChart } from '../src/charts/digest-chart.js';
import { buildYearlyActivity } from '../src/app/digests/yearly.js';
import { createI18n, translator } from '../src/bot/i18n.js';
import { loadConfigOrExit } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate.js';
import { createDigestReadModel } from '../src/db/read-models/digest-read-model.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { isDigestPeriod } from '../src/domain/digest/periods.js';
import { htmlToText, renderDigestMessages, type DigestT } from '../src/domain/digest/render.js';
import { renderYearlyMessages, yearlyCsv } from '../src/domain/digest/yearly.js';
import { localDateOf, parseLocalDate } from '../src/domain/zoned-time.js';
import type { Translate } from '../src/domain/translate.js';
import type { Unit } from '../src/domain/types.js';

export interface DigestCliDeps extends DigestDeps {
  t: Translate;
  /** Finding the unit by id or name. */
  findUnits: { get(id: number): Promise<Unit | null>; findByName(name: string): Promise<Unit[]> };
  write(text: string): void;
}

const USAGE = 'usage: npm run digest -- --unit <id or name> --period <day|week|month|year|today|last7> --date YYYY-MM-DD [--png FILE] [--csv FILE] [--lang vi|en]';

async function findUnit(deps: DigestCliDeps, ref: string): Promise<Unit> {
  const byId = /^\d+$/.test(ref) ? await deps.findUnits.get(Number(ref)) : null;
  if (byId) return byId;
  const byName = await deps.findUnits.findByName(ref);
  if (byName.length === 1) return byName[0]!;
  throw new Error(byName.length ? `several units are named "${ref}"; use the id (${byName.map((u) => u.id).join(', ')})` : `no unit "${ref}"`);
}

/** Runs the command on opened dependencies (also used by tests); throws with a one-line reason. */
export async function digestCommand(argv: string[], deps: DigestCliDeps): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { unit: { type: 'string' }, period: { type: 'string', default: 'day' }, date: { type: 'string' }, png: { type: 'string' }, csv: { type: 'string' }, lang: { type: 'string', default: 'vi' } },
  });
  if (!values.unit || !values.period || !isDigestPeriod(values.period)) throw new Error(USAGE);
  const lang = values.lang === 'en' ? 'en' : 'vi';
  const t: DigestT = (key, vars) => deps.t(lang, key, vars);
  const unit = await findUnit(deps, values.unit);
  const date = values.date ? parseLocalDate(values.date) : localDateOf(deps.clock(), unit.timezone);
  if (!date) throw new Error(`--date must be YYYY-MM-DD, got "${values.date}"`);
  if (values.period === 'year') {
    const activity = await buildYearlyActivity(deps.read, unit, date.y, deps.clock());
    deps.write(renderYearlyMessages(activity, t).map(htmlToText).join('\n\n') + '\n');
    if (values.csv) writeFileSync(values.csv, yearlyCsv(activity));
    return;
  }
  const model = await buildDigest(deps, { unitId: unit.id, period: values.period, date });
  deps.write(renderDigestMessages(model, t, lang).map(htmlToText).join('\n\n') + '\n');
  if (values.png) writeFileSync(values.png, await renderDigestChart(model, t, lang));
  if (values.csv) {
    const activity = await buildYearlyActivity(deps.read, unit, date.y, deps.clock());
    writeFileSync(values.csv, yearlyCsv(activity));
  }
}

/** The command's dependencies over an opened database. */
export function digestCliDeps(db: Parameters<typeof createRepositories>[0], t: Translate, write: (s: string) => void): DigestCliDeps {
  const repos = createRepositories(db);
  return { read: createDigestReadModel(db.sql), units: repos.units, members: repos.members, settings: repos.settings, findUnits: repos.units, clock: () => new Date(), t, write };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const db = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    if (db.kind === 'pglite') await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
    const t = translator(createI18n());
    await digestCommand(process.argv.slice(2), digestCliDeps(db, t, (s) => process.stdout.write(s)));
  } catch (e) {
    process.stderr.write(`digest: ${(e as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
