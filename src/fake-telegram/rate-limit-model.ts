/**
 * Telegram's documented limits as a model the fake API can enforce: about 30 messages/s
 * overall, about 1 message/s per private chat (short bursts tolerated), 20 messages/min per
 * group. `admit` returns 0 when a request is allowed, else the retry_after in seconds.
 */
export interface RateLimits {
  globalPerSecond: number;
  perChatPerSecond: number;
  perChatBurst: number;
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: RateLimits = { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 3, groupPerMinute: 20 };

export class RateLimitModel {
  private global: number[] = [];
  private perChat = new Map<string, number[]>();

  constructor(private readonly limits: RateLimits) {}

  admit(chat: string, _method: string, now: number): number {
    this.global = this.global.filter((t) => now - t < 1000);
    if (this.global.length >= this.limits.globalPerSecond) return 1;
    const isGroup = chat.startsWith('-');
    const windowMs = isGroup ? 60_000 : 1000 * this.limits.perChatBurst;
    const max = isGroup ? this.limits.groupPerMinute : this.limits.perChatPerSecond * this.limits.perChatBurst;
    const times = (this.perChat.get(chat) ?? []).filter((t) => now - t < windowMs);
    if (times.length >= max) {
      this.perChat.set(chat, times);
      return Math.max(1, Math.ceil((windowMs - (now - times[0]!)) / 1000));
    }
    times.push(now);
    this.perChat.set(chat, times);
    this.global.push(now);
    return 0;
  }
}
