/**
 * The fake Bot API over loopback HTTP, for real processes pointed at it with
 * TELEGRAM_API_ROOT (the chaos suite): `POST /bot<token>/<method>` is answered by the same
 * FakeBotApi the in-process tests use, long polling included (a client that hangs up ends its
 * wait). Files (`/file/...`) are not served.
 */
import { createServer, type Server } from 'node:http';
import type { FakeBotApi } from './fake-bot-api.js';

export interface FakeBotApiServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `fake` on 127.0.0.1:`port` (0 = any free port). */
export async function serveFakeBotApi(fake: FakeBotApi, port = 0): Promise<FakeBotApiServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      const raw = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '');
      const body = raw.length === 0 ? undefined : type.includes('json') ? raw.toString('utf8') : new Uint8Array(raw);
      void fake
        .fetch(`http://fake${req.url ?? '/'}`, { body, signal: abort.signal } as RequestInit)
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(await answer.text());
        })
        .catch(() => {
          if (!res.headersSent) res.writeHead(499);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
