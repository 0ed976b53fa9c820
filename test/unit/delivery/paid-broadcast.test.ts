import { describe, expect, it } from 'vitest';
import { TelegramRateLimiter, type ChatRules, type LimiterStore } from '../../../src/delivery/limiter.js';

/** A store that admits everything and records the rules of each attempt. */
function recordingStore(): LimiterStore & { rules: ChatRules[] } {
  const rules: ChatRules[] = [];
  return {
    rules,
    acquire: async (_chat, _token, r) => (rules.push(r), { admitted: true, waitMs: 0, reason: null }),
    release: async () => undefined,
    blockedFor: async () => 0,
    tooManyRequests: async () => ({ global: false }),
  };
}

describe('paid broadcasts in the limiter', () => {
  it('space admissions by the paid pace, and everything else by the free pace', async () => {
    const store = recordingStore();
    const limiter = new TelegramRateLimiter(store, { globalPerSecond: 27.5, paidPerSecond: 500 });
    await limiter.acquire(1n, 40, true);
    await limiter.acquire(2n, 10);
    await limiter.acquire(3n, 40);
    expect(store.rules.map((r) => r.intervalMs)).toEqual([2, 1000 / 27.5, 1000 / 27.5]);
    expect(store.rules.map((r) => r.chatMax)).toEqual([3, 3, 3]);
  });
});
