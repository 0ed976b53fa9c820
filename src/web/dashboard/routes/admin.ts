/**
 * Admin pages (admins only; leaders get 403): settings — thresholds and quiet hours — global or
 * per unit as `npm run cli -- settings set` edits them, unit schedules (time zone, digest time),
 * the taxonomy, the audit log, and the queue monitor mounted under /admin/queues.
 */
import type { FastifyInstance } from 'fastify';
import { changeSchedule, changeSetting, updateTopic } from '../../../app/dashboard/actions.js';
import { unitsInScope } from '../../../app/dashboard/views.js';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../domain/settings.js';
import { BadParam, idParam, onlyParams, pageContext, pageParam, renderPage, textField } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

const AUDIT_PAGE = 50;

export async function adminRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  await app.register(async (admin) => {
    admin.addHook('preHandler', async (req, reply) => {
      if (req.viewer?.role !== 'admin') {
        const ctx = await pageContext(deps, req, reply);
        return renderPage(reply.status(403), 'error', { ...ctx, title: ctx.t('web-error-forbidden'), message: ctx.t('web-error-admins-only') });
      }
      return undefined;
    });

    admin.get('/admin', async (req, reply) => {
      const q = onlyParams(req.query, ['unit', 'notice', 'problem']);
      const unitId = q.unit === undefined || q.unit === '' ? null : idParam(q.unit, 'unit');
      const [effective, overrides, topics, units] = await Promise.all([
        deps.dashboard.settings.effective(unitId),
        deps.dashboard.settings.overrides(unitId),
        deps.dashboard.topics.list(false),
        unitsInScope(deps.dashboard, req.viewer!),
      ]);
      const ctx = await pageContext(deps, req, reply);
      return renderPage(reply, 'admin', {
        ...ctx,
        title: ctx.t('web-nav-admin'),
        unitId,
        unit: unitId === null ? null : (units.find((u) => u.id === unitId) ?? null),
        keys: SETTING_KEYS,
        defaults: DEFAULT_SETTINGS,
        effective,
        overrides,
        topics,
        units,
        queues: Boolean(deps.queueBoard),
      });
    });

    admin.post('/admin/settings', async (req, reply) => {
      const unitRaw = textField(req.body, 'unitId', 12);
      const unitId = unitRaw === '' ? null : idParam(unitRaw, 'unitId');
      const r = await changeSetting(deps.dashboard, req.viewer!, { unitId, key: textField(req.body, 'key', 64), value: textField(req.body, 'value', 64) });
      const back = unitId === null ? '/admin?' : `/admin?unit=${unitId}&`;
      return reply.redirect(`${back}${r.ok ? 'notice=setting_saved' : `problem=${r.error}`}`, 303);
    });

    admin.post<{ Params: { slug: string } }>('/admin/topics/:slug', async (req, reply) => {
      const b = req.body as Record<string, unknown>;
      const r = await updateTopic(deps.dashboard, req.viewer!, req.params.slug.slice(0, 64), {
        nameVi: textField(b, 'nameVi', 200),
        nameEn: textField(b, 'nameEn', 200),
        keywords: textField(b, 'keywords', 20_000),
        sensitive: textField(b, 'sensitive', 5) === 'on',
        active: textField(b, 'active', 5) === 'on',
      });
      return reply.redirect(`/admin?${r.ok ? 'notice=topic_saved' : `problem=${r.error}`}#topics`, 303);
    });

    admin.post<{ Params: { id: string } }>('/admin/units/:id/schedule', async (req, reply) => {
      const id = idParam(req.params.id, 'id');
      const r = await changeSchedule(deps.dashboard, req.viewer!, id, { timezone: textField(req.body, 'timezone', 64).trim(), digestTime: textField(req.body, 'digestTime', 5).trim() });
      return reply.redirect(`/admin?unit=${id}&${r.ok ? 'notice=schedule_saved' : `problem=${r.error}`}`, 303);
    });

    admin.get('/admin/audit', async (req, reply) => {
      const q = onlyParams(req.query, ['action', 'page']);
      const action = typeof q.action === 'string' && /^[a-z_.]{1,60}$/.test(q.action) ? q.action : null;
      if (q.action !== undefined && q.action !== '' && action === null) throw new BadParam('action');
      const page = pageParam(q.page);
      const list = await deps.dashboard.auditLog.list({ action, offset: (page - 1) * AUDIT_PAGE, size: AUDIT_PAGE });
      const ctx = await pageContext(deps, req, reply);
      return renderPage(reply, 'audit', { ...ctx, title: ctx.t('web-nav-audit'), list, action, page, json: (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v)) });
    });

    if (deps.queueBoard) await deps.queueBoard(admin);
  });
}
