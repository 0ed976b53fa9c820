/**
 * Alerts: live and past lists, an alert's card view and timeline, and Acknowledge / Resolve /
 * False alarm — the same use case as the chat buttons, so the Telegram cards are edited too.
 */
import type { FastifyInstance } from 'fastify';
import { actOnAlert } from '../../../app/dashboard/actions.js';
import { alertFor, alertsFor } from '../../../app/dashboard/views.js';
import { parseReasons } from '../../../domain/alerts.js';
import { choiceParam, idParam, onlyParams, pageContext, pageParam, renderPage } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

const ACTIONS = ['ack', 'resolve', 'false_alarm'] as const;

export async function alertRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  app.get('/alerts', async (req, reply) => {
    const q = onlyParams(req.query, ['view', 'page', 'notice', 'problem']);
    const view = choiceParam(q.view, ['live', 'past'] as const, 'view', 'live');
    const page = pageParam(q.page);
    const list = await alertsFor(deps.dashboard, req.viewer!, { live: view === 'live', page });
    const ctx = await pageContext(deps, req, reply);
    return renderPage(reply, 'alerts', { ...ctx, title: ctx.t('web-nav-alerts'), list, view, page });
  });

  app.get<{ Params: { id: string } }>('/alerts/:id', async (req, reply) => {
    onlyParams(req.query, ['notice', 'problem']);
    const found = await alertFor(deps.dashboard, req.viewer!, idParam(req.params.id, 'id'));
    const ctx = await pageContext(deps, req, reply);
    if (!found) return renderPage(reply.status(404), 'error', { ...ctx, title: ctx.t('web-error-not-found'), message: ctx.t('web-error-not-found') });
    return renderPage(reply, 'alert', { ...ctx, title: `#${found.alert.id}`, ...found, reasons: parseReasons(found.alert.reasons) });
  });

  app.post<{ Params: { id: string; action: string } }>('/alerts/:id/:action', async (req, reply) => {
    const id = idParam(req.params.id, 'id');
    const action = choiceParam(req.params.action, ACTIONS, 'action', 'ack');
    const outcome = await actOnAlert(deps.dashboard, req.viewer!, id, action, req.lang);
    const flag = outcome.type === 'done' ? `notice=alert_${action}` : outcome.type === 'conflict' ? `problem=${outcome.reason}` : 'problem=alert_refused';
    return reply.redirect(`/alerts/${id}?${flag}`, 303);
  });
}
