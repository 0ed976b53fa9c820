import { describe, expect, it } from 'vitest';
import { charCount, fold, isDone, isSkip, parseMood, parseSource, parseSpread, parseTopic } from '../../../src/domain/answers.js';
import { sanitizeText, truncateText } from '../../../src/domain/text.js';
import {
  appendContent,
  checkContent,
  gatherPiece,
  SPLIT_PIECE_GAP_S,
  worthOffering,
  type Gathering,
  draftToReport,
  emptyDraft,
  isDraftIdle,
  nextMissingField,
  parseProposal,
  quickToReport,
} from '../../../src/domain/report-draft.js';
import { DEFAULT_TOPICS } from '../../../src/domain/taxonomy.js';

describe('sanitizeText', () => {
  it('stores NFC for decomposed Vietnamese', () => {
    const nfd = 'Người dân lo lắng'.normalize('NFD');
    expect(sanitizeText(nfd)).toBe('Người dân lo lắng'.normalize('NFC'));
    expect(sanitizeText(nfd)).not.toBe(nfd);
  });
  it('strips NUL, BEL, ESC, bidi overrides and lone surrogates', () => {
    expect(sanitizeText('a\u0000b\u0007c\u001Bd\u202Ee\u2066f\uD800g\u202Dh\u00ADi')).toBe('a b c defghi');
  });
  it('turns zero-width spaces, word joiners and BOMs between words into spaces, and keeps emoji joiners', () => {
    expect(sanitizeText('bức\u200Bxúc giá\u2060điện\uFEFFtăng')).toBe('bức xúc giá điện tăng');
    expect(sanitizeText('gia\u200Dđình 👨\u200D👩\u200D👧 ❤\uFE0F\u200D🔥')).toBe('giađình 👨\u200D👩\u200D👧 ❤\uFE0F\u200D🔥');
  });
  it('collapses spaces and keeps single newlines', () => {
    expect(sanitizeText('  a   b \n\n\n\n c\t d ')).toBe('a b\n\nc d');
  });
});

describe('truncateText', () => {
  it('cuts at code points, never inside a surrogate pair, and marks the cut', () => {
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('abcd', 3)).toBe('abc…');
    expect(truncateText('😀😀😀', 2)).toBe('😀😀…');
    expect(truncateText('a😀b', 1)).toBe('a…');
  });
});

describe('typed answers', () => {
  it.each([
    ['lo lắng', 'worried'],
    ['lo lang', 'worried'],
    ['Lo Lắng!', 'worried'],
    ['4', 'worried'],
    ['worried', 'worried'],
    ['bức xúc', 'angry'],
    ['buc xuc', 'angry'],
    ['đồng tình', 'supportive'],
    ['1', 'supportive'],
    ['băn khoăn', 'skeptical'],
    ['binh thuong', 'neutral'],
  ])('mood %s → %s', (typed, mood) => expect(parseMood(typed)).toBe(mood));

  it('refuses unclear moods', () => {
    expect(parseMood('maybe tomorrow')).toBeNull();
    expect(parseMood('9')).toBeNull();
    expect(parseMood('😀')).toBeNull();
  });

  it('parses spread and source', () => {
    expect(parseSpread('vài người')).toBe('few');
    expect(parseSpread('mang xa hoi')).toBe('online');
    expect(parseSpread('3')).toBe('local');
    expect(parseSource('họp')).toBe('meeting');
    expect(parseSource('facebook')).toBe('social_media');
    expect(parseSource('press')).toBe('press');
    expect(parseSource('xyz')).toBeNull();
  });

  it('parses topics by number, name without diacritics, slug, prefix and auto', () => {
    expect(parseTopic('4', DEFAULT_TOPICS)).toBe('economy');
    expect(parseTopic('y te', DEFAULT_TOPICS)).toBe('health');
    expect(parseTopic('Education', DEFAULT_TOPICS)).toBe('education');
    expect(parseTopic('giao duc', DEFAULT_TOPICS)).toBe('education');
    expect(parseTopic(String(DEFAULT_TOPICS.length + 1), DEFAULT_TOPICS)).toBe('auto');
    expect(parseTopic('tu dong', DEFAULT_TOPICS)).toBe('auto');
    expect(parseTopic('zzz', DEFAULT_TOPICS)).toBeNull();
  });

  it('recognises skip and done words', () => {
    expect(isSkip('bỏ qua')).toBe(true);
    expect(isSkip('bo qua')).toBe(true);
    expect(isSkip('Skip')).toBe(true);
    expect(isSkip('tăng lương')).toBe(false);
    expect(isDone('xong')).toBe(true);
    expect(isDone('Done')).toBe(true);
    expect(fold('Đường ĐI')).toBe('duong di');
  });
});

describe('content', () => {
  it('accepts 10–2000 characters with words', () => {
    expect(checkContent('Giá xăng tăng').ok).toBe(true);
    expect(checkContent('ngắn')).toEqual({ ok: false, error: { problem: 'too_short', length: 4 } });
    expect(checkContent('x'.repeat(2001)).ok).toBe(false);
    expect(checkContent('😀😀😀😀😀😀😀😀😀😀😀')).toMatchObject({ ok: false, error: { problem: 'no_words' } });
  });
  it('refuses a 5,000-character single word and a 9,000-character message', () => {
    expect(appendContent('', 'a'.repeat(5000))).toMatchObject({ ok: false, error: { problem: 'too_long' } });
    expect(appendContent('', 'word '.repeat(1800))).toMatchObject({ ok: false, error: { problem: 'too_long' } });
    expect(appendContent('', 'a'.repeat(300))).toMatchObject({ ok: false, error: { problem: 'word_too_long' } });
  });
  it('gathers several messages and keeps what was gathered when a piece is refused', () => {
    const a = appendContent('', 'Người dân');
    expect(a).toEqual({ ok: true, value: 'Người dân' });
    const b = appendContent('Người dân', 'bàn tán về giá xăng');
    expect(b).toEqual({ ok: true, value: 'Người dân\nbàn tán về giá xăng' });
    expect(appendContent('Người dân', '   ')).toMatchObject({ ok: false, error: { problem: 'empty' } });
  });
});

describe('pieces of a text Telegram split', () => {
  const empty: Gathering = { content: '', paste: null };
  const piece = (n: number) => 'người dân bàn tán '.repeat(Math.ceil(n / 18)).slice(0, n).trim();
  it('refuses the whole split text, counting every piece, and never keeps its end alone', () => {
    const first = gatherPiece({ content: 'Đã gom từ trước', paste: null }, piece(4096), 1000);
    expect(first.result).toMatchObject({ ok: false, error: { problem: 'too_long', pieces: 1 } });
    const second = gatherPiece(first.next, piece(4096), 1000);
    expect(second.result).toMatchObject({ ok: false, error: { problem: 'too_long', pieces: 2 } });
    const last = gatherPiece(second.next, 'phần cuối của đoạn văn dài', 1001);
    expect(last.result).toMatchObject({ ok: false, error: { problem: 'too_long', pieces: 3 } });
    if (!last.result.ok) expect(last.result.error.length).toBeGreaterThan(8000);
    expect(last.next.content).toBe('Đã gom từ trước');
  });
  it('takes a later, shorter text, a text after a short refused one, and a caption, on their own', () => {
    const refused = gatherPiece(empty, piece(4096), 1000).next;
    const later = gatherPiece(refused, 'Bản rút gọn: người dân lo giá xăng', 1000 + SPLIT_PIECE_GAP_S + 1);
    expect(later.result).toEqual({ ok: true, value: 'Bản rút gọn: người dân lo giá xăng' });
    expect(gatherPiece(refused, 'Chú thích của ảnh chụp', null).result.ok).toBe(true);
    const short = gatherPiece(empty, piece(2500), 1000).next;
    expect(gatherPiece(short, 'Bản rút gọn: người dân lo giá xăng', 1000).result.ok).toBe(true);
  });
  it('offers text outside a flow when it is long enough, or too long (the flow says why)', () => {
    expect(worthOffering('hi')).toBe(false);
    expect(worthOffering('😀😀😀😀😀😀😀😀😀😀😀')).toBe(false);
    expect(worthOffering('Giá xăng tăng')).toBe(true);
    expect(worthOffering(piece(4096))).toBe(true);
  });
});

describe('draft', () => {
  it('walks the fields in order and builds the stored report', () => {
    const d = emptyDraft();
    expect(nextMissingField(d, false)).toBe('topic');
    d.topic = 'auto';
    expect(nextMissingField(d, false)).toBe('content');
    d.content = 'Người dân bàn tán về giá xăng tăng';
    d.mood = 'worried';
    d.spread = 'local';
    d.source = 'conversation';
    expect(nextMissingField(d, false)).toBe('proposal');
    expect(nextMissingField(d, true)).toBeNull();
    const r = draftToReport(d, { memberId: 1, unitId: 2 }, 'k');
    expect(r).toMatchObject({ chosenTopic: null, mood: 'worried', quick: false, submissionKey: 'k' });
    expect(draftToReport({ ...d, topic: 'economy' }, { memberId: 1, unitId: 2 }, 'k').chosenTopic).toBe('economy');
    expect(quickToReport(d, { memberId: 1, unitId: 2 }, 'q')).toMatchObject({ mood: null, chosenTopic: null, quick: true });
  });
  it('parses proposals and skip', () => {
    expect(parseProposal('bỏ qua')).toEqual({ ok: true, value: null });
    expect(parseProposal(' Đề nghị  giải thích ')).toEqual({ ok: true, value: 'Đề nghị giải thích' });
    expect(parseProposal('🙂').ok).toBe(false);
  });
  it('says when a draft is idle for 24 h', () => {
    expect(isDraftIdle(0, 24 * 3600 * 1000 - 1)).toBe(false);
    expect(isDraftIdle(0, 24 * 3600 * 1000)).toBe(true);
  });
});

describe('charCount', () => {
  it('counts code points like [...text].length, lone surrogates included', () => {
    for (const s of ['', 'abc', 'Giá xăng tăng', 'Gia\u0301', '😀👍🏽 ok', '\ud800x', 'x\udc00', '\ud83d', '\ud83d\ude00\ud83d', 'a'.repeat(5000)]) {
      expect(charCount(s)).toBe([...s].length);
    }
  });
});
