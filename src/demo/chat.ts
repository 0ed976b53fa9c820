/**
 * `npm run chat`: talk to the real bot code from a terminal as a collaborator, on the embedded
 * database (./data/pglite) with the demo organisation seeded, no Telegram token. The bot's
 * messages are printed as plain text; inline keyboards as numbered choices (type the number
 * to press the button). Works piped too, one line per message, bot output on stdout:
 *
 *   printf '/start DEMO-INVITE\n/cancel\n/report\n4\nGiá xăng tăng, bà con lo lắng\n1\n4\n3\n1\nbỏ qua\n7\n/myreports\n' | npm run --silent chat
 *
 * Lines starting with `/photo ` send a photo with the rest as caption. CHAT_USER_ID and
 * CHAT_LANG (vi|en) choose who you are (default 790001, vi); CHAT_QUEUE_PREFIX the queue prefix
 * (default `pulse`, so the demo's workers on the same ./data/pglite analyse these reports).
 */
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { loadConfigOrExit } from '../config.js';
import { callbackUpdate, photoUpdate, textUpdate, type ApiCall, type FakeUser } from '../fake-telegram/index.js';
import { createRuntime } from '../compose/runtime.js';
import { createFakeTelegramBot } from './fake-telegram-bot.js';
import { seedDemoOrganisation } from './seed.js';

interface Keyboard {
  messageId: number;
  buttons: { text: string; data: string }[];
}

/** Telegram HTML as terminal text. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Prints what the bot sends to the user; remembers the latest keyboard. */
function createPrinter(user: FakeUser, out: (line: string) => void) {
  let keyboard: Keyboard | null = null;
  const onCall = (c: ApiCall) => {
    if (!c.ok) return;
    if (c.method === 'answerCallbackQuery' && c.payload.text) return out(`  (${String(c.payload.text)})`);
    if (String(c.payload.chat_id) !== String(user.id)) return;
    const text = (c.payload.text ?? c.payload.caption) as string | undefined;
    if (text === undefined) return;
    out(htmlToPlain(text));
    const rows = (c.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard;
    keyboard = null;
    if (rows?.length) {
      const buttons = rows.flat().map((b) => ({ text: b.text, data: b.callback_data }));
      keyboard = { messageId: (c.result as { message_id: number }).message_id, buttons };
      rows.forEach((row, r) => {
        const offset = rows.slice(0, r).flat().length;
        out(`  ${row.map((b, i) => `[${offset + i + 1}] ${b.text.replace(new RegExp(`^${offset + i + 1}\\. `), '')}`).join('   ')}`);
      });
    }
    out('');
  };
  return { onCall, keyboard: () => keyboard };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = pino({ level: process.env.CHAT_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const rt = await createRuntime({ ...config, TELEGRAM_BOT_TOKEN: undefined }, { logger, queuePrefix: process.env.CHAT_QUEUE_PREFIX ?? 'pulse' });
  const org = await seedDemoOrganisation(rt.repos, rt.clock);
  const { bot, api, close } = await createFakeTelegramBot(rt, { logger });
  const user: FakeUser = { id: Number(process.env.CHAT_USER_ID ?? 790001), firstName: 'Bạn', languageCode: process.env.CHAT_LANG ?? 'vi' };
  const printer = createPrinter(user, (l) => process.stdout.write(`${l}\n`));
  api.onCall(printer.onCall);
  process.stderr.write(`Pulse chat: you are Telegram user ${user.id}. Join with: /start ${org.inviteCode}. Type a number to press a button; Ctrl-D to quit.\n`);
  const rl = createInterface({ input: process.stdin, terminal: false });
  const interactive = process.stdin.isTTY;
  if (interactive) process.stdout.write('> ');
  for await (const raw of rl) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (!interactive) process.stdout.write(`> ${line}\n`);
    await bot.handleUpdate(toUpdate(user, line, printer.keyboard()));
    if (interactive) process.stdout.write('> ');
  }
  await close();
  await rt.shutdown('end of input');
}

function toUpdate(user: FakeUser, line: string, kb: Keyboard | null) {
  const n = /^\s*(\d{1,2})\s*$/.exec(line);
  const button = n && kb ? kb.buttons[Number(n[1]) - 1] : undefined;
  if (button && kb) return callbackUpdate(user, button.data, kb.messageId);
  if (line.startsWith('/photo')) return photoUpdate(user, line.slice(6).trim() || undefined);
  return textUpdate(user, line);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`chat: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
