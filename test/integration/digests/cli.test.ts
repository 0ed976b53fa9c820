import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestCliDeps, digestCommand, type DigestCliDeps } from '../../../scripts/digest.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { createRepositories } from '../../../src/db/repositories/index.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';
import { seedOrganisation, type Seeded } from './seed.js';

describe('npm run digest (the command on PostgreSQL)', () => {
  let db: TestDatabase;
  let s: Seeded;
  let out: string[];
  let deps: DigestCliDeps;
  const dir = mkdtempSync(join(tmpdir(), 'pulse-digest-'));
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    const repos = createRepositories(db);
    s = await seedOrganisation(db.sql, repos);
    deps = { ...digestCliDeps(db, translator(createI18n()), (x) => void out.push(x)), clock: () => new Date('2026-11-26T05:00:00Z') };
  });
  afterAll(async () => db?.destroy());

  it('prints the digest of a unit named on the command line as plain text and writes the chart', async () => {
    out = [];
    const png = join(dir, 'chart.png');
    await digestCommand(['--unit', 'Đảng ủy Sở Y tế', '--period', 'day', '--date', '2026-11-25', '--png', png, '--lang', 'en'], deps);
    const text = out.join('');
    expect(text).toContain('Daily digest — Đảng ủy Sở Y tế');
    expect(text).toContain('Reports: 5 ▲ +4 (+400%)');
    expect(text).not.toContain('<b>');
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 800]);
  });

  it('writes the yearly activity as CSV', async () => {
    out = [];
    const csv = join(dir, 'year.csv');
    await digestCommand(['--unit', String(s.units.root), '--period', 'year', '--date', '2026-01-01', '--csv', csv], deps);
    expect(out.join('')).toContain('Hoạt động các đơn vị năm 2026 — Đảng ủy Khối');
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines).toContain(`${s.units.b},Đảng ủy Sở Tài chính,1,2026,5,2,3,3,48,6`);
  });

  it('refuses an unknown unit or a bad date with a one-line reason', async () => {
    await expect(digestCommand(['--unit', 'Không có', '--period', 'day'], deps)).rejects.toThrow('no unit "Không có"');
    await expect(digestCommand(['--unit', String(s.units.root), '--period', 'day', '--date', '2026-02-30'], deps)).rejects.toThrow('--date must be YYYY-MM-DD');
  });
});
