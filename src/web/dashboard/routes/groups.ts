/** Issue groups: the list (figures over the viewer's scope), a group's detail and reports, and its edits (title, merge). */
import type { FastifyInstance } from 'fastify';
import { mergeGroups, renameGroup } from '../../../app/dashboard/actions.js';
import { groupFor, groupsFor } from '../../../app/dashboard/views.js';
import { choiceParam, idParam, onlyParams, pageContext, pageParam, renderPage, textField } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

const GROUP_PERIODS = [7, 30, 90, 365] as const;

export async function groupRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  const topicNames = async (lang: string) => {
    const topics = await deps.dashboard.topics.list(false);
    return (slug: string | null) => (slug ? ((lang === 'en' ? topics.find((t) => t.slug === slug)?.nameEn : topics.find((t) => t.slug === slug)?.nameVi) ?? slug) : '—');
  };

  app.get('/groups', async (req, reply) => {
    const q = onlyParams(req.query, ['days', 'page', 'notice', 'problem']);
    const days = choiceParam(q.days, GROUP_PERIODS, 'days', 30);
    const page = pageParam(q.page);
    const list = await groupsFor(deps.dashboard, req.viewer!, { days, page });
    const ctx = await pageContext(deps, req, reply);
    return renderPage(reply, 'groups', { ...ctx, title: ctx.t('web-nav-groups'), list, days, page, periods: GROUP_PERIODS, topicName: await topicNames(req.lang) });
  });

  app.get<{ Params: { id: string } }>('/groups/:id', async (req, reply) => {
    const q = onlyParams(req.query, ['page', 'notice', 'problem']);
    const page = pageParam(q.page);
    const found = await groupFor(deps.dashboard, req.viewer!, idParam(req.params.id, 'id'), page);
    const ctx = await pageContext(deps, req, reply);
    if (!found) return renderPage(reply.status(404), 'error', { ...ctx, title: ctx.t('web-error-not-found'), message: ctx.t('web-error-not-found') });
    return renderPage(reply, 'group', { ...ctx, title: found.group.title, ...found, page, topicName: await topicNames(req.lang) });
  });

  app.post<{ Params: { id: string } }>('/groups/:id/title', async (req, reply) => {
    const id = idParam(req.params.id, 'id');
    const r = await renameGroup(deps.dashboard, req.viewer!, id, textField(req.body, 'title', 300));
    return reply.redirect(`/groups/${id}?${r.ok ? 'notice=group_renamed' : `problem=${r.error}`}`, 303);
  });

  app.post<{ Params: { id: string } }>('/groups/:id/merge', async (req, reply) => {
    const id = idParam(req.params.id, 'id');
    const target = idParam(textField(req.body, 'targetId', 12), 'targetId');
    const r = await mergeGroups(deps.dashboard, req.viewer!, id, target);
    return reply.redirect(r.ok ? `/groups/${target}?notice=groups_merged` : `/groups/${id}?problem=${r.error}`, 303);
  });
}
