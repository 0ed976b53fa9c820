/** Units and collaborators: a unit's subtree activity with its children, and the people of one unit. */
import type { FastifyInstance } from 'fastify';
import { membersFor, unitsFor } from '../../../app/dashboard/views.js';
import { idParam, onlyParams, pageContext, renderPage } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

export async function unitRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  app.get('/units', async (req, reply) => {
    const q = onlyParams(req.query, ['unit']);
    const unitId = q.unit === undefined || q.unit === '' ? null : idParam(q.unit, 'unit');
    const found = await unitsFor(deps.dashboard, req.viewer!, unitId);
    const ctx = await pageContext(deps, req, reply);
    if (!found) return renderPage(reply.status(404), 'error', { ...ctx, title: ctx.t('web-error-not-found'), message: ctx.t('web-error-not-found') });
    return renderPage(reply, 'units', { ...ctx, title: ctx.t('web-nav-units'), ...found });
  });

  app.get<{ Params: { id: string } }>('/units/:id/members', async (req, reply) => {
    onlyParams(req.query, []);
    const found = await membersFor(deps.dashboard, req.viewer!, idParam(req.params.id, 'id'));
    const ctx = await pageContext(deps, req, reply);
    if (!found) return renderPage(reply.status(404), 'error', { ...ctx, title: ctx.t('web-error-not-found'), message: ctx.t('web-error-not-found') });
    return renderPage(reply, 'members', { ...ctx, title: found.unit?.name ?? '', ...found, silentBefore: new Date(deps.dashboard.clock().getTime() - 7 * 86_400_000) });
  });
}
