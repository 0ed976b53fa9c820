/** Invites: the list of the viewer's subtree, a new invite (shown once, with its deep link and QR code), revoking one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { createInvite, revokeInvite } from '../../../app/dashboard/actions.js';
import { invitesFor, unitsInScope } from '../../../app/dashboard/views.js';
import { ROLES, type Role } from '../../../domain/vocabulary.js';
import { svgDataUri } from '../charts.js';
import { BadParam, choiceParam, idParam, onlyParams, pageContext, pageParam, renderPage, textField } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

const RANK: Record<Role, number> = { collaborator: 0, leader: 1, admin: 2 };

export async function inviteRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, extra: object, status = 200) => {
    const viewer = req.viewer!;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const [list, units] = await Promise.all([invitesFor(deps.dashboard, viewer, pageParam(q.page)), unitsInScope(deps.dashboard, viewer)]);
    const ctx = await pageContext(deps, req, reply);
    const roles = ROLES.filter((r) => RANK[r] <= RANK[viewer.role]);
    return renderPage(reply.status(status), 'invites', { ...ctx, title: ctx.t('web-nav-invites'), list, units, roles, now: deps.dashboard.clock(), created: null, ...extra });
  };

  app.get('/invites', async (req, reply) => {
    onlyParams(req.query, ['page', 'notice', 'problem']);
    return page(req, reply, {});
  });

  app.post('/invites', async (req, reply) => {
    const unitId = idParam(textField(req.body, 'unitId', 12), 'unitId');
    const role = choiceParam(textField(req.body, 'role', 20), ROLES, 'role', 'collaborator');
    const days = Number(textField(req.body, 'days', 4) || '7');
    const maxUses = Number(textField(req.body, 'maxUses', 6) || '1');
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new BadParam('days');
    if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > 10_000) throw new BadParam('maxUses');
    const label = textField(req.body, 'label', 120).trim() || null;
    const r = await createInvite(deps.dashboard, req.viewer!, { unitId, role, days, maxUses, label });
    if (!r.ok) return page(req, reply, { problem: r.error }, 403);
    const qr = svgDataUri(await QRCode.toString(r.value.link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
    return page(req, reply, { created: { ...r.value, qr } });
  });

  app.post<{ Params: { id: string } }>('/invites/:id/revoke', async (req, reply) => {
    const r = await revokeInvite(deps.dashboard, req.viewer!, idParam(req.params.id, 'id'));
    return reply.redirect(`/invites?${r.ok ? 'notice=invite_revoked' : `problem=${r.error}`}`, 303);
  });
}
