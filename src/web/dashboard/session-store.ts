/** @fastify/session's callback store over the WebSession table (src/db/read-models/dashboard-writes.ts). */
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { SessionData, WebSessionStore } from '../../db/read-models/dashboard-writes.js';
import { SESSION_MAX_AGE_MS } from './types.js';

type Callback = (err?: unknown) => void;

export function sessionStoreAdapter(store: WebSessionStore): SessionStore {
  return {
    set(sid: string, session: Session, cb: Callback) {
      const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + SESSION_MAX_AGE_MS);
      store.set(sid, JSON.parse(JSON.stringify(session)) as SessionData, expires).then(() => cb(), cb);
    },
    get(sid: string, cb: (err: unknown, result?: Session | null) => void) {
      store.get(sid).then((data) => cb(null, data as Session | null), (e: unknown) => cb(e));
    },
    destroy(sid: string, cb: Callback) {
      store.destroy(sid).then(() => cb(), cb);
    },
  };
}
