/**
 * PostgreSQL going away while a transaction holds a connection between two statements: the
 * transaction fails, the process lives on (an 'error' event on a checked-out pg client with no
 * listener used to kill it), and once the server is back the same database object works again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { startCuttableProxy, type CuttableProxy } from '../../support/cuttable-proxy.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

describe('losing PostgreSQL mid-transaction', () => {
  let base: TestDatabase;
  let proxy: CuttableProxy;
  let db: Database;
  beforeAll(async () => {
    base = await createPostgresTestDatabase(2);
    proxy = await startCuttableProxy(5432);
    const url = new URL(base.url!);
    url.port = String(proxy.port);
    db = await openDatabase({ url: url.toString(), poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await proxy?.close();
    await base?.destroy();
  });

  it('fails the transaction without an unhandled error, and works again once the server is back', async () => {
    let cut!: () => void;
    const cutDone = new Promise<void>((r) => (cut = r));
    const tx = db.sql.transaction(async (t) => {
      await t.query('SELECT 1');
      await proxy.cut();
      cut();
      // the connection is gone while this transaction holds it, between two statements
      await new Promise((r) => setTimeout(r, 100));
      return t.query('SELECT 2');
    });
    await cutDone;
    await expect(tx).rejects.toThrow();
    await proxy.restore();
    expect(await db.sql.query<{ n: number }>('SELECT 3 AS n')).toEqual([{ n: 3 }]);
    expect(await db.prisma.unit.count()).toBe(0);
  });
});
