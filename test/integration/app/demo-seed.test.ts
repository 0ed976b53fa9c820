import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashInviteCode } from '../../../src/app/admin/invite-codes.js';
import { createInvite, createUnit } from '../../../src/app/admin/units.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { DEFAULT_TOPICS } from '../../../src/domain/taxonomy.js';
import { seedDemoOrganisation } from '../../../src/demo/seed.js';
import { createPgliteTestDatabase, type TestDatabase } from '../../support/db.js';

describe('demo organisation and admin use cases (PGlite)', () => {
  let db: TestDatabase;
  let repos: Repositories;
  const clock = () => new Date('2026-11-20T01:00:00Z');
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    repos = createRepositories(db);
  });
  afterAll(async () => db?.destroy());

  it('seeds the organisation once, with the taxonomy and a working demo invite', async () => {
    const org = await seedDemoOrganisation(repos, clock);
    expect(org.committees).toHaveLength(5);
    expect(org.branches).toHaveLength(10);
    expect(org.collaborators).toHaveLength(40);
    expect(org.leaders).toHaveLength(8);
    const again = await seedDemoOrganisation(repos, clock);
    expect(again.root.id).toBe(org.root.id);
    expect(again.collaborators.map((m) => m.id)).toEqual(org.collaborators.map((m) => m.id));
    expect(await repos.units.count()).toBe(16);
    const topics = await repos.topics.list();
    expect(topics.map((t) => t.slug)).toEqual(DEFAULT_TOPICS.map((t) => t.slug));
    const economy = topics.find((t) => t.slug === 'economy')!;
    expect(economy.keywords).toContain('giá điện');
    expect(economy.keywords).toContain('gia dien');
    expect(topics.filter((t) => t.sensitive).map((t) => t.slug).sort()).toEqual(['anti_corruption', 'east_sea', 'governance', 'security_defense']);
    const invite = await repos.invites.findByHash(hashInviteCode(' demo-invite '));
    expect(invite).toMatchObject({ role: 'collaborator', unitId: org.branches[0]!.id });
  });

  it('lets a leader invite only into their subtree and never above their role', async () => {
    const org = await seedDemoOrganisation(repos, clock);
    const committeeLeader = org.leaders.find((l) => l.unitId === org.committees[0]!.id)!;
    const deps = { repos, clock };
    const actor = { kind: 'member' as const, member: committeeLeader };
    expect((await createInvite(deps, actor, { unitId: org.branches[0]!.id, role: 'collaborator' })).ok).toBe(true);
    expect(await createInvite(deps, actor, { unitId: org.branches[2]!.id, role: 'collaborator' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await createInvite(deps, actor, { unitId: org.branches[0]!.id, role: 'admin' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await createUnit(deps, actor, { name: 'x', parentId: org.branches[0]!.id })).toEqual({ ok: false, error: 'name_too_short' });
    expect(await createUnit(deps, actor, { name: 'Chi bộ mới', parentId: org.root.id })).toEqual({ ok: false, error: 'forbidden' });
  });
});
