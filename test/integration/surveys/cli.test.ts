/** The admin CLI's survey commands over a real database: create from a JSON file (with every problem in words), open, results, close. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/commands.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { createSurveyStore } from '../../../src/db/stores/survey-store.js';
import type { SurveyStore } from '../../../src/app/surveys/ports.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

describe('survey CLI', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let surveys: SurveyStore;
  const now = new Date('2026-12-01T00:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'pulse-survey-cli-'));
  const run = (args: string[], v: Record<string, string | boolean> = {}) => runCommand({ repos, surveys, clock: () => now, botUsername: 'pulse_bot' }, args, v);

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    repos = createRepositories(db);
    surveys = createSurveyStore(db.prisma, db.sql);
    await repos.units.create({ name: 'Sở Y tế' });
  });
  afterAll(async () => db?.destroy());

  it('creates the example survey, opens it, shows results and closes it', async () => {
    const created = await run(['survey', 'create'], { file: resolve(import.meta.dirname, '../../../docs/survey-example.json'), unit: 'Sở Y tế' });
    expect(created.exitCode).toBe(0);
    expect(created.text).toMatch(/^created survey (\d+) "Ý kiến về dịch vụ y tế cơ sở" \(scheduled; opens 2026-12-02T01:00:00.000Z, closes 2026-12-05T10:00:00.000Z, anonymous\)/);
    const id = /survey (\d+)/.exec(created.text)![1]!;
    expect((await run(['survey', 'list'])).text).toContain(`${id}\tscheduled`);
    expect((await run(['survey', 'open', id])).text).toContain('opens now');
    expect((await surveys.get(Number(id)))!.opensAt).toEqual(now);
    expect((await run(['survey', 'results', id])).text).toContain('0/0 answered');
    expect((await run(['survey', 'close', id])).exitCode).toBe(0);
    expect((await run(['survey', 'close', id])).exitCode).toBe(2);
  });

  it('says every problem of a bad file at once', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ title: '', closesAt: '2026-11-01 08:00', questions: [{ kind: 'single', text: 'x', options: ['a'] }, { kind: 'poll', text: 'y' }] }));
    const r = await run(['survey', 'create'], { file, unit: 'Sở Y tế' });
    expect(r.exitCode).toBe(2);
    expect(r.text).toContain('title is required');
    expect(r.text).toContain('closesAt is already past');
    expect(r.text).toContain('questions.1.options needs at least 2 options');
    expect(r.text).toContain('questions.2.kind must be one of single, multiple, scale, text');
  });
});
