import { describe, expect, it } from 'vitest';
import { detectTriggers, inferSpread } from '../../../src/nlp/index.js';

const kinds = (text: string): string[] => [...new Set(detectTriggers(text).map((t) => t.kind))].sort();

describe('detectTriggers', () => {
  it('finds calm wording of large collective action', () => {
    expect(kinds('Khoảng 200 hộ dân đã ký đơn chung gửi lên tỉnh.')).toEqual(['collective_action', 'petition']);
    expect(kinds('Khoang 200 ho dan da ky don chung gui len tinh.')).toEqual(['collective_action', 'petition']);
    expect(kinds('Công nhân nghỉ việc đồng loạt từ sáng nay.')).toEqual(['collective_action', 'strike']);
    expect(kinds('Around 120 households signed a joint petition.')).toContain('petition');
  });

  it('finds gatherings, strikes, threats to life and disasters', () => {
    expect(kinds('Người dân tụ tập trước trụ sở ủy ban')).toContain('gathering');
    expect(kinds('Công nhân đình công đòi tăng lương')).toContain('strike');
    expect(kinds('Nhóm cho vay nặng lãi dọa giết cả nhà')).toContain('threat_to_life');
    expect(kinds('Lũ quét cuốn trôi nhiều nhà, còn người mắc kẹt')).toEqual(['disaster', 'threat_to_life']);
    expect(kinds('The river is rising fast and families are being evacuated')).toContain('disaster');
    expect(kinds('Workers went on strike this morning')).toContain('strike');
  });

  it('finds nothing in ordinary complaints', () => {
    expect(detectTriggers('Bà con bức xúc vì giá điện tăng')).toEqual([]);
    expect(detectTriggers('Người bệnh phàn nàn thái độ ở khoa cấp cứu')).toEqual([]);
    expect(detectTriggers('')).toEqual([]);
  });

  it('reports the phrase that matched', () => {
    expect(detectTriggers('Công nhân đình công')).toEqual([{ kind: 'strike', phrase: 'đình công' }]);
  });
});

describe('inferSpread', () => {
  it('reads spread described in the text', () => {
    expect(inferSpread('Clip lan khắp mạng, hàng nghìn người chia sẻ')).toBe('online');
    expect(inferSpread('Cả xóm hoang mang')).toBe('local');
    expect(inferSpread('Anh em trong cơ quan lo lắng')).toBe('unit');
    expect(inferSpread('Bà con bức xúc')).toBeUndefined();
  });
});
