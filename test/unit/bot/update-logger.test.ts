import { Api, Composer, Context } from 'grammy';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BotContext } from '../../../src/bot/context.js';
import { membership, updateLogger } from '../../../src/bot/middleware/membership.js';
import type { Member } from '../../../src/domain/types.js';
import { FAKE_BOT_INFO, textUpdate } from '../../../src/fake-telegram/index.js';

function run(before: (ctx: BotContext) => void) {
  const lines: Record<string, unknown>[] = [];
  const root = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  const member = { id: 42, active: true, language: 'vi' } as Member;
  const c = new Composer<BotContext>();
  c.use(updateLogger(root), (ctx, next) => (before(ctx), next()), membership({ findByTelegramId: async () => member }, () => ''), (ctx) => ctx.log.info('handled'));
  const ctx = new Context(textUpdate({ id: 5, firstName: 'A' }, 'hi'), new Api('1:x'), FAKE_BOT_INFO(1, 'pulse_bot')) as BotContext;
  return { lines, done: c.middleware()(ctx, async () => undefined) };
}

describe('per-update logger', () => {
  it('carries the update id and the member id, made lazily', async () => {
    const { lines, done } = run(() => undefined);
    await done;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'handled', memberId: 42 });
    expect(typeof lines[0]!.updateId).toBe('number');
  });

  it('keeps both ids when something logged before the member was known', async () => {
    const { lines, done } = run((ctx) => ctx.log.info('early'));
    await done;
    expect(lines.map((l) => l.msg)).toEqual(['early', 'handled']);
    expect(lines[0]!.memberId).toBeUndefined();
    expect(lines[1]).toMatchObject({ memberId: 42 });
    expect(lines[1]!.updateId).toBe(lines[0]!.updateId);
  });
});
