import { describe, expect, it } from 'vitest';
import { decideGroup, groupLabel } from '../../../src/app/issue-groups/decide.js';
import { bandKeys, idfTable, lookupBandKeys, shingles, storedBandKeys, weekOf } from '../../../src/app/issue-groups/fingerprint.js';

const idf = idfTable([], []);

describe('grouping fingerprints (pure)', () => {
  it('gives the same band keys with and without diacritics, none for an empty text', () => {
    const a = bandKeys(shingles('Người dân bức xúc vì giá điện tăng gấp đôi trong tháng này'));
    const b = bandKeys(shingles('nguoi dan buc xuc vi gia dien tang gap doi trong thang nay'));
    expect(a).toHaveLength(16);
    expect(b).toEqual(a);
    expect(bandKeys(shingles('😡 !!'))).toEqual([]);
  });

  it('stores keys under the report week and looks up every week of the window', () => {
    const at = new Date('2026-03-02T08:00:00Z');
    const [stored] = storedBandKeys(['3-abc'], at);
    expect(stored).toBe(`${weekOf(at)}.3-abc`);
    const since = new Date(at.getTime() - 14 * 86_400_000);
    const lookup = lookupBandKeys(['3-abc'], since, at);
    expect(lookup).toContain(stored);
    expect(lookup.length).toBeGreaterThanOrEqual(2);
    expect(lookup.length).toBeLessThanOrEqual(3);
    expect(lookup).not.toContain(`${weekOf(since) - 1}.3-abc`);
  });

  it('decides attach / suggested / new by the two thresholds, short texts never auto-attach', () => {
    const text = 'Giá xăng tăng mạnh từ hôm qua, tài xế xe ôm bức xúc vì chi phí đi lại tăng cao';
    const same = [{ reportId: 1, groupId: 7, text }];
    expect(decideGroup(text, same, idf)).toMatchObject({ kind: 'attach', groupId: 7, suggested: false });
    expect(decideGroup('Phụ huynh phấn khởi vì được miễn học phí', same, idf)).toMatchObject({ kind: 'new' });
    const short = decideGroup('Giá xăng tăng', [{ reportId: 1, groupId: 7, text: 'Giá xăng tăng' }], idf);
    expect(short).toMatchObject({ kind: 'attach', suggested: true });
    expect(decideGroup(text, [], idf)).toEqual({ kind: 'new', bestSimilarity: 0 });
  });

  it('titles a group with its most representative sentence and top terms', () => {
    const label = groupLabel([
      'Giá xăng tăng mạnh, tài xế bức xúc. Họ mong được hỗ trợ.',
      'Tài xế bức xúc vì giá xăng tăng mạnh.',
      'Giá xăng tăng mạnh làm chi phí đi lại tăng cao.',
    ]);
    expect(label.title).toMatch(/xăng/);
    expect(label.title.length).toBeLessThanOrEqual(90);
    expect(label.topTerms.some((t) => t.includes('xang'))).toBe(true);
  });
});
