import { describe, expect, it } from 'vitest';
import { detectLanguage, foldVietnamese, tokenize, words } from '../../../src/nlp/index.js';

describe('foldVietnamese', () => {
  it('folds Vietnamese so unaccented text matches accented text', () => {
    expect(foldVietnamese('Bức xúc vì giá điện')).toBe('buc xuc vi gia dien');
    expect(foldVietnamese('ĐẢNG VIÊN Đồng Tình')).toBe('dang vien dong tinh');
    expect(foldVietnamese('buc xuc vi gia dien')).toBe(foldVietnamese('bức xúc vì giá điện'));
  });

  it('folds NFD input the same as NFC', () => {
    expect(foldVietnamese('tham nhũng'.normalize('NFD'))).toBe('tham nhung');
  });
});

describe('tokenize', () => {
  it('returns folded syllables plus bigrams', () => {
    const tokens = tokenize('Giá điện, tham nhũng!');
    expect(tokens).toEqual(['gia', 'dien', 'tham', 'nhung', 'gia_dien', 'dien_tham', 'tham_nhung']);
  });

  it('gives the same tokens with and without diacritics', () => {
    expect(tokenize('bức xúc vì giá điện')).toEqual(tokenize('buc xuc vi gia dien'));
  });

  it('drops absurdly long tokens', () => {
    expect(words('a'.repeat(5000))).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it('recognises Vietnamese with diacritics', () => {
    expect(detectLanguage('Bà con bức xúc vì giá điện tăng')).toBe('vi');
  });
  it('recognises Vietnamese without diacritics', () => {
    expect(detectLanguage('Ba con buc xuc vi gia dien tang, nguoi dan khong dong tinh')).toBe('vi');
  });
  it('recognises English', () => {
    expect(detectLanguage('People are angry that the electricity bill doubled this month')).toBe('en');
  });
  it('defaults to Vietnamese for empty or symbol-only text', () => {
    expect(detectLanguage('')).toBe('vi');
    expect(detectLanguage('😡😡')).toBe('vi');
  });
});
