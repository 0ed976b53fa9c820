/** The fake Telegram Bot API and update builders (tests, benchmarks, demo, `npm run chat`). */
export { FakeBotApi, FAKE_BOT_INFO, type ApiCall, type FailureSpec, type FakeBotApiOptions } from './fake-bot-api.js';
export { TELEGRAM_LIMITS, RateLimitModel, type RateLimits } from './rate-limit-model.js';
export * from './updates.js';
