/**
 * The leaders' dashboard as one encapsulated Fastify plugin: security first (helmet with a CSP
 * that allows no inline script or style, signed cookies, sessions in PostgreSQL, CSRF tokens
 * checked on every POST, rate limits), static files (templates: render.ts, Eta, auto-escaping), the
 * sign-in routes and, behind the session check, the pages. Health, readiness and the webhook
 * live outside this context and are not touched by its hooks.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
export type { WebDashboardDeps } from './types.js';
import { BadParam, languageOf, pageContext, renderPage } from './render.js';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type WebDashboardDeps } from './types.js';
import { sessionStoreAdapter } from './session-store.js';
import { loginRoutes } from './routes/login.js';
import { overviewRoutes } from './routes/overview.js';
import { reportRoutes } from './routes/reports.js';
import { groupRoutes } from './routes/groups.js';
import { alertRoutes } from './routes/alerts.js';
import { unitRoutes } from './routes/units.js';
import { inviteRoutes } from './routes/invites.js';
import { adminRoutes } from './routes/admin.js';
import { surveyRoutes } from './routes/surveys.js';

export const PUBLIC_DIR = resolve(import.meta.dirname, '../public');
/** Registers the dashboard on `app` (call inside `app.register` to keep it encapsulated). */
export async function dashboardPlugin(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  const secure = (deps.publicUrl ?? '').startsWith('https://');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: secure,
  });
  await app.register(fastifyCookie, { secret: deps.secret });
  await app.register(fastifySession, {
    secret: deps.secret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    rolling: false,
    store: sessionStoreAdapter(deps.sessions),
    cookie: { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: SESSION_MAX_AGE_MS },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' } });
  await app.register(fastifyFormbody, { bodyLimit: 64_000 });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', decorateReply: false, maxAge: 3600_000 });

  app.decorateRequest('viewer', null);
  app.decorateRequest('lang', 'vi');
  app.addHook('preHandler', async (req, reply) => {
    if (req.method === 'POST') await verifyCsrf(app, req, reply);
  });
  app.setErrorHandler(async (error, req, reply) => {
    const status = error instanceof BadParam ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) req.log.error({ err: error }, 'dashboard request failed');
    if (process.env.DEBUG_WEB) console.error(error);
    const key = error instanceof BadParam ? 'web-error-bad-param' : status === 403 ? 'web-error-forbidden' : status === 429 ? 'web-error-rate' : status >= 500 ? 'web-error-internal' : 'web-error-bad-request';
    const detail = error instanceof BadParam ? error.param : null;
    const title = deps.t(req.lang, status === 403 ? 'web-error-forbidden' : 'web-error-bad-request');
    return renderPage(reply.status(status), 'error', { ...(await pageContext(deps, req, reply)), title, message: deps.t(req.lang, key, { param: detail ?? '' }) });
  });

  await app.register(async (open) => loginRoutes(open, deps));
  await app.register(async (pages) => {
    pages.addHook('preHandler', async (req, reply) => requireViewer(deps, req, reply));
    await overviewRoutes(pages, deps);
    await reportRoutes(pages, deps);
    await groupRoutes(pages, deps);
    await alertRoutes(pages, deps);
    await unitRoutes(pages, deps);
    await inviteRoutes(pages, deps);
    await adminRoutes(pages, deps);
    await surveyRoutes(pages, deps);
  });
}

/** CSRF on every POST (the token from the form's `_csrf` field, the secret from its signed cookie). */
async function verifyCsrf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    app.csrfProtection(req, reply, (e?: Error) => (e ? reject(e) : resolvePromise()));
  });
}

/**
 * The signed-in member, read again on every request: a deactivated member (or one who is no
 * longer a leader) is signed out at once, whatever their cookie says.
 */
async function requireViewer(deps: WebDashboardDeps, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const memberId = req.session.get('memberId');
  const member = typeof memberId === 'number' ? await deps.dashboard.members.get(memberId) : null;
  req.lang = languageOf(req, member);
  if (member && member.active && (member.role === 'leader' || member.role === 'admin')) {
    req.viewer = member;
    return undefined;
  }
  if (memberId !== undefined) {
    req.log.info({ memberId }, 'dashboard session ended: member no longer allowed');
    await deps.sessions.destroyForMember(memberId as number);
    await req.session.destroy();
  }
  // Returning the reply from the hook stops the request here (the page handler does not run).
  if (req.method === 'GET') return reply.redirect(`/signed-out?reason=${memberId === undefined ? 'none' : 'ended'}`, 303);
  return renderPage(reply.status(401), 'signed-out', { ...(await pageContext(deps, req, reply)), reason: 'ended' });
}

/** A random secret for a database that has none yet. */
export const freshSecret = () => randomBytes(32).toString('base64url');
