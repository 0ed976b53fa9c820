import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/nlp/index.js';

describe('redact: true positives', () => {
  it.each([
    ['0912345678', 'phone'],
    ['0912 345 678', 'phone'],
    ['0912.345.678', 'phone'],
    ['0912-345-678', 'phone'],
    ['+84 912 345 678', 'phone'],
    ['+84912345678', 'phone'],
    ['84912345678', 'phone'],
    ['(gọi) 028 3822 1234', 'phone'],
    ['02838221234', 'phone'],
  ])('replaces phone %s', (raw, kind) => {
    const r = redact(`Liên hệ ${raw} nhé`);
    expect(r.text).toContain(`[${kind}]`);
    expect(r.text).not.toMatch(/\d{3}/);
    expect(r.found.phone).toBe(1);
  });

  it('replaces e-mail addresses', () => {
    const r = redact('Gửi về nguyen.van.a+pulse@gmail.com hoặc ABC@co-quan.gov.vn.');
    expect(r.text).toBe('Gửi về [email] hoặc [email].');
    expect(r.found.email).toBe(2);
  });

  it('replaces 9- and 12-digit ID numbers', () => {
    const r = redact('CMND 123456789, CCCD 001099012345');
    expect(r.text).toBe('CMND [id], CCCD [id]');
    expect(r.found.id).toBe(2);
  });

  it('replaces bank accounts near account words', () => {
    for (const s of ['STK 1903 5555 1234', 'số tài khoản: 0071001234567', 'so tai khoan 12345678', 'account no. 9704 2291 0000 1234']) {
      const r = redact(`Chuyển vào ${s} giúp`);
      expect(r.found.account, s).toBe(1);
      expect(r.text, s).toContain('[account]');
    }
  });

  it('replaces a long bare account number', () => {
    expect(redact('chuyển 9704229100001234 đi').text).toBe('chuyển [account] đi');
  });

  it('splits a run holding several numbers', () => {
    const r = redact('0912 345 678 0987 654 321 và năm 2024 0912345678');
    expect(r.text).toBe('[phone] [phone] và năm 2024 [phone]');
    expect(r.found.phone).toBe(3);
  });

  it('counts several kinds in one text', () => {
    const r = redact('SĐT 0987654321, mail a@b.vn, CCCD 079123456789, stk 123456789012');
    expect(r.found).toEqual({ phone: 1, email: 1, id: 1, account: 1 });
  });
});

describe('redact: no false positives', () => {
  it.each([
    'Giá xăng 25.000 đồng một lít',
    'Nhà giá 1.250.000.000 đồng',
    'giá 3,5 tỷ, lãi 12,5% một năm',
    'Năm 2024 và 2025',
    'ngày 26/11/2026 lúc 07:30',
    'ngày 26-11-2026',
    'ngày 26.11.2026',
    'khoảng 200 hộ dân, 1.500 người',
    'tăng 300.000 đ/tháng',
    'Quốc lộ 1A km 1234',
  ])('leaves "%s" alone', (s) => {
    const r = redact(s);
    expect(r.text).toBe(s);
    expect(r.found).toEqual({ phone: 0, email: 0, id: 0, account: 0 });
  });

  it('labels a spaced 12-digit ID number [id], even with a bank named nearby (issue 10)', () => {
    expect(redact('Ngân hàng yêu cầu CCCD 079 123 456 789 mới mở thẻ').text).toBe('Ngân hàng yêu cầu CCCD [id] mới mở thẻ');
    expect(redact('ngân hàng bắt gửi 079 123 456 789 qua zalo').found).toMatchObject({ id: 1, account: 0 });
    expect(redact('số CCCD 079.123.456.789').text).toBe('số CCCD [id]');
    expect(redact('STK 079 123 456 789').text).toBe('STK [account]');
  });
});
