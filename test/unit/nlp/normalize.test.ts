import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/nlp/index.js';
import { HOSTILE_TEXTS } from './fixtures.js';

describe('normalizeText', () => {
  it('composes NFD Vietnamese to NFC', () => {
    const { text } = normalizeText('giá điện'.normalize('NFD'));
    expect(text).toBe('giá điện'.normalize('NFC'));
    expect(text.length).toBe('giá điện'.normalize('NFC').length);
  });

  it('reads zero-width space, word joiner and BOM as word boundaries and counts them (issue 10)', () => {
    expect(normalizeText('bức\u200Bxúc').text).toBe('bức xúc');
    expect(normalizeText('giá\u2060điện\uFEFFtăng').text).toBe('giá điện tăng');
    const r = normalizeText(HOSTILE_TEXTS['zeroWidth'] as string);
    expect(r.text).toBe('gi á đi ện tăng mạnh');
    expect(r.removed.invisibleChars).toBe(5);
  });

  it('keeps a zero-width joiner inside an emoji sequence only', () => {
    expect(normalizeText('👨\u200D👩\u200D👧 lo lắng').text).toBe('👨\u200D👩\u200D👧 lo lắng');
    expect(normalizeText('gi\u200Dá điện').text).toBe('giá điện');
    expect(normalizeText('mua\u00ADsắm').text).toBe('muasắm');
  });

  it('strips bidi overrides and isolates', () => {
    const r = normalizeText(HOSTILE_TEXTS['rtlOverride'] as string);
    expect(r.text).toBe('giá điện tăng mạnh');
    expect(r.removed.bidiChars).toBe(6);
  });

  it('removes NUL and other control characters', () => {
    const r = normalizeText(HOSTILE_TEXTS['nulBytes'] as string);
    expect(r.text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(r.text.startsWith('giá điện tăng')).toBe(true);
    expect(r.removed.controlChars).toBe(5);
  });

  it('removes lone surrogates but keeps valid pairs', () => {
    const r = normalizeText(`${HOSTILE_TEXTS['loneSurrogates'] as string} 😡`);
    expect(r.text).toBe('giá điện tăng 😡');
    expect(r.removed.loneSurrogates).toBe(3);
    expect(() => encodeURIComponent(r.text)).not.toThrow();
  });

  it('collapses whitespace and keeps single newlines between lines', () => {
    expect(normalizeText('  a \t b\r\n\r\n\n  c  ').text).toBe('a b\nc');
    expect(normalizeText(HOSTILE_TEXTS['whitespaceOnly'] as string).text).toBe('');
  });

  it('handles every hostile input without throwing and returns clean text', () => {
    for (const [name, raw] of Object.entries(HOSTILE_TEXTS)) {
      const r = normalizeText(raw);
      expect(r.text, name).not.toMatch(/[\u0000\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/);
      expect(r.text, name).toBe(r.text.normalize('NFC'));
      expect(r.text, name).toBe(r.text.trim());
    }
  });

  it('is idempotent', () => {
    for (const raw of Object.values(HOSTILE_TEXTS)) {
      const once = normalizeText(raw).text;
      expect(normalizeText(once).text).toBe(once);
    }
  });
});
