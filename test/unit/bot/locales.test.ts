import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR } from '../../../src/bot/i18n.js';
import { SETTING_KEYS } from '../../../src/domain/settings.js';

/** Message ids (and terms) defined in every .ftl file of a locale. */
function keysOf(locale: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of readdirSync(join(LOCALES_DIR, locale)).filter((f) => f.endsWith('.ftl'))) {
    for (const m of readFileSync(join(LOCALES_DIR, locale, file), 'utf8').matchAll(/^(-?[a-zA-Z][\w-]*)\s*=/gm)) {
      expect(keys.has(m[1]!), `${locale}/${file}: ${m[1]} is defined twice`).toBe(false);
      keys.set(m[1]!, file);
    }
  }
  return keys;
}

describe('Fluent locales', () => {
  const vi = keysOf('vi');
  const en = keysOf('en');

  it('Vietnamese and English define exactly the same messages', () => {
    expect([...vi.keys()].filter((k) => !en.has(k)), 'missing in en').toEqual([]);
    expect([...en.keys()].filter((k) => !vi.has(k)), 'missing in vi').toEqual([]);
    expect(vi.size).toBeGreaterThan(50);
  });

  it('each key lives in the same feature file in both languages', () => {
    for (const [k, file] of vi) expect(en.get(k), k).toBe(file);
  });

  it('every setting has a label on the admin page, in both languages', () => {
    for (const key of SETTING_KEYS) {
      expect(vi.has(`web-setting-${key}`), `vi ${key}`).toBe(true);
      expect(en.has(`web-setting-${key}`), `en ${key}`).toBe(true);
    }
  });

  it('every urgency reason the analysis can give has a label for the alert card', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../src/domain/urgency.ts'), 'utf8');
    const union = /export type UrgencyReasonCode =([^;]+);/.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes) expect(vi.has(`alerts-reason-${code.replace(/_/g, '-')}`), code).toBe(true);
  });
});
