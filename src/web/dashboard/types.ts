/** The dashboard plugin's dependencies, constants and request/session fields. */
import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from '../../app/dashboard/deps.js';
import type { WebSessionStore } from '../../db/read-models/dashboard-writes.js';
import type { Translate } from '../../domain/translate.js';
import type { Member, Unit } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { SurveyStore } from '../../app/surveys/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { Settings } from '../../domain/settings.js';

export const SESSION_COOKIE = 'pulse_session';
export const SESSION_MAX_AGE_MS = 8 * 3600_000;

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Member | null;
    lang: Language;
  }
  interface Session {
    memberId?: number;
    lang?: Language;
  }
}

export interface WebDashboardDeps {
  dashboard: DashboardDeps;
  sessions: WebSessionStore;
  /** Signs the cookies (at least 32 characters). */
  secret: string;
  /** Base URL of the dashboard: https → cookies are Secure. */
  publicUrl: string | undefined;
  t: Translate;
  /** Mounts the queue monitor under /admin/queues (admins only), when a backend offers one. */
  queueBoard?: (app: FastifyInstance) => Promise<void>;
  /** The survey pages (absent: no survey pages). */
  surveys?: WebSurveyDeps;
  /** Sign-in attempts per address and minute (default 10). */
  loginRateLimit?: number;
}


/** What the survey pages need (the composition passes the store and the reads). */
export interface WebSurveyDeps {
  store: SurveyStore;
  units: { get(id: number): Promise<Unit | null>; getMany(ids: readonly number[]): Promise<Unit[]> };
  settings: { effective(unitId: number | null): Promise<Settings> };
  clock: Clock;
}

