/**
 * A bot-thread entry for test/unit/bot/threads.test.ts: reports each update it handles back to
 * the pool ('seen'), dies on "crash", takes 100 ms on "slow", and says 'closed' when closed.
 */
import { parentPort } from 'node:worker_threads';
import { serveUpdates, threadData } from '../../src/bot/threads.js';

const { index, data } = threadData<{ failAtStart?: boolean } | null>();
if (data?.failAtStart) throw new Error('cannot start');
serveUpdates(
  async (u) => {
    const text = u.message?.text ?? '';
    if (text === 'crash') process.exit(3);
    if (text === 'fail') throw new Error('handler failed');
    if (text.startsWith('slow')) await new Promise((r) => setTimeout(r, 100));
    parentPort!.postMessage({ t: 'seen', thread: index, chat: u.message?.chat.id, text });
  },
  async () => {
    parentPort!.postMessage({ t: 'closed', thread: index });
  },
);
