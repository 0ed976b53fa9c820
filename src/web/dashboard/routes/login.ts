/**
 * Sign-in and sign-out. GET /login/:token only shows who is signing in (a link preview or a
 * prefetch cannot use the token up); the form's POST redeems it, regenerates the session and
 * audits the sign-in. Both are rate-limited per address. POST /logout ends the session;
 * POST /language stores the chosen language in it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { peekLoginToken, redeemLoginToken } from '../../../app/dashboard/login.js';
import { LANGUAGES, type Language } from '../../../domain/vocabulary.js';
import { choiceParam, languageOf, onlyParams, pageContext, renderPage, textField } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

const loginDeps = (deps: WebDashboardDeps) => ({ tokens: deps.dashboard.tokens, members: deps.dashboard.members, audit: deps.dashboard.audit, clock: deps.dashboard.clock });

export async function loginRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  const rateLimit = { max: deps.loginRateLimit ?? 10, timeWindow: 60_000 };
  const setLang = async (req: FastifyRequest) => {
    const memberId = req.session.get('memberId');
    req.lang = languageOf(req, typeof memberId === 'number' ? await deps.dashboard.members.get(memberId) : null);
  };

  app.get<{ Params: { token: string } }>('/login/:token', { config: { rateLimit } }, async (req, reply) => {
    onlyParams(req.query, []);
    await setLang(req);
    const peek = await peekLoginToken(loginDeps(deps), req.params.token);
    const ctx = await pageContext(deps, req, reply);
    if (!peek.ok) return renderPage(reply.status(peek.error === 'unknown' ? 404 : 410), 'login-refused', { ...ctx, reason: peek.error });
    return renderPage(reply, 'login', { ...ctx, token: req.params.token, name: peek.value.displayName });
  });

  app.post('/login', { config: { rateLimit } }, async (req, reply) => {
    await setLang(req);
    const token = textField(req.body, 'token', 100);
    const outcome = await redeemLoginToken(loginDeps(deps), token, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
    if (!outcome.ok) return renderPage(reply.status(outcome.error === 'unknown' ? 404 : 410), 'login-refused', { ...(await pageContext(deps, req, reply)), reason: outcome.error });
    const lang = req.session.get('lang');
    await req.session.regenerate();
    req.session.set('memberId', outcome.value.id);
    if (lang) req.session.set('lang', lang);
    req.log.info({ memberId: outcome.value.id }, 'dashboard sign-in');
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (req, reply) => {
    const memberId = req.session.get('memberId');
    if (typeof memberId === 'number') {
      await deps.dashboard.audit.record({ actorKind: 'member', actorId: memberId, action: 'dashboard.sign_out', entity: 'member', entityId: memberId, at: deps.dashboard.clock() });
    }
    await req.session.destroy();
    return reply.redirect('/signed-out?reason=signed_out', 303);
  });

  app.post('/language', async (req, reply) => {
    const lang = choiceParam(textField(req.body, 'lang', 5), LANGUAGES, 'lang', 'vi') as Language;
    req.session.set('lang', lang);
    const back = textField(req.body, 'back', 300);
    return reply.redirect(/^\/(?![/\\])/.test(back) ? back : '/', 303);
  });

  app.get('/signed-out', async (req, reply) => {
    const q = onlyParams(req.query, ['reason']);
    await setLang(req);
    const reason = choiceParam(q.reason, ['none', 'ended', 'signed_out'] as const, 'reason', 'none');
    return renderPage(reply, 'signed-out', { ...(await pageContext(deps, req, reply)), reason });
  });
}
