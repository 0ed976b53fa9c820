/**
 * The demo organisation: a bloc committee, 5 committees, 10 branches, 40 collaborators,
 * 8 leaders and 1 admin, plus the multi-use invite `DEMO-INVITE` (a collaborator of the first
 * branch) and `DEMO-LEADER` (a leader of the first committee). Idempotent: a second call
 * returns the organisation already there.
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { Member, Unit } from '../domain/types.js';
import { createInvite, createUnit, seedTaxonomy } from '../app/admin/units.js';

export const DEMO_ROOT_NAME = 'Đảng ủy Khối các cơ quan tỉnh (demo)';
export const DEMO_INVITE = 'DEMO-INVITE';
export const DEMO_LEADER_INVITE = 'DEMO-LEADER';

export interface DemoOrganisation {
  root: Unit;
  committees: Unit[];
  branches: Unit[];
  admin: Member;
  leaders: Member[];
  collaborators: Member[];
  inviteCode: string;
  leaderInviteCode: string;
}

const COMMITTEES = ['Đảng ủy Sở Y tế', 'Đảng ủy Sở Giáo dục và Đào tạo', 'Đảng ủy Sở Công Thương', 'Đảng ủy Công an tỉnh', 'Đảng ủy Sở Tài nguyên và Môi trường'];
const BRANCHES = [
  ['Chi bộ Bệnh viện Đa khoa tỉnh', 'Chi bộ Trung tâm Kiểm soát bệnh tật'],
  ['Chi bộ Trường THPT Chuyên', 'Chi bộ Phòng Giáo dục huyện'],
  ['Chi bộ Quản lý thị trường', 'Chi bộ Điện lực tỉnh'],
  ['Chi bộ Phòng Cảnh sát giao thông', 'Chi bộ Công an huyện'],
  ['Chi bộ Văn phòng Đăng ký đất đai', 'Chi bộ Trung tâm Quan trắc'],
];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Huyền', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Ngọc', 'Nhung', 'Phong', 'Phương', 'Quân', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Thanh', 'Thu', 'Thủy', 'Tiến', 'Trang', 'Trung', 'Tú', 'Tuấn', 'Vân', 'Yến'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];

/** Telegram ids of the simulated people: collaborators 710001…, leaders 720001…, admin 730001. */
export const DEMO_IDS = { collaborator: 710_000, leader: 720_000, admin: 730_001 } as const;

export async function seedDemoOrganisation(repos: Repositories, clock: Clock): Promise<DemoOrganisation> {
  const deps = { repos, clock };
  await seedTaxonomy(deps);
  const existing = (await repos.units.roots()).find((u) => u.name === DEMO_ROOT_NAME);
  if (existing) return loadExisting(repos, existing);
  const root = unwrap(await createUnit(deps, { kind: 'cli' }, { name: DEMO_ROOT_NAME, parentId: null }));
  const committees: Unit[] = [];
  const branches: Unit[] = [];
  for (const [i, name] of COMMITTEES.entries()) {
    const c = unwrap(await createUnit(deps, { kind: 'cli' }, { name, parentId: root.id }));
    committees.push(c);
    for (const b of BRANCHES[i]!) branches.push(unwrap(await createUnit(deps, { kind: 'cli' }, { name: b, parentId: c.id })));
  }
  const person = (n: number) => `${FAMILY[n % FAMILY.length]} ${n % 3 === 0 ? 'Văn' : 'Thị'} ${GIVEN[n % GIVEN.length]}`;
  const admin = await repos.members.create({ telegramUserId: BigInt(DEMO_IDS.admin), displayName: 'Quản trị viên', role: 'admin', unitId: root.id, language: 'vi' });
  const leaderUnits = [root, root, ...committees, branches[0]!];
  const leaders: Member[] = [];
  for (const [i, u] of leaderUnits.entries()) {
    leaders.push(await repos.members.create({ telegramUserId: BigInt(DEMO_IDS.leader + i + 1), displayName: person(i + 7), role: 'leader', unitId: u.id, language: i === 1 ? 'en' : 'vi' }));
  }
  const collaborators: Member[] = [];
  for (let i = 0; i < 40; i++) {
    const unit = i < 3 ? root : branches[i % branches.length]!;
    collaborators.push(
      await repos.members.create({ telegramUserId: BigInt(DEMO_IDS.collaborator + i + 1), displayName: person(i), role: 'collaborator', unitId: unit.id, language: i % 5 === 4 ? 'en' : 'vi' }),
    );
  }
  unwrap(await createInvite(deps, { kind: 'cli' }, { unitId: branches[0]!.id, role: 'collaborator', days: 365, maxUses: 10_000, code: DEMO_INVITE, label: 'demo collaborators' }));
  unwrap(await createInvite(deps, { kind: 'cli' }, { unitId: committees[0]!.id, role: 'leader', days: 365, maxUses: 10_000, code: DEMO_LEADER_INVITE, label: 'demo leaders' }));
  return { root, committees, branches, admin, leaders, collaborators, inviteCode: DEMO_INVITE, leaderInviteCode: DEMO_LEADER_INVITE };
}

async function loadExisting(repos: Repositories, root: Unit): Promise<DemoOrganisation> {
  const committees = await repos.units.children(root.id);
  const branches = (await Promise.all(committees.map((c) => repos.units.children(c.id)))).flat();
  const members = await repos.units.subtreeMembers(root.id);
  const admin = members.find((m) => m.role === 'admin');
  if (!admin) throw new Error('demo organisation is incomplete (no admin): delete ./data/pglite to start afresh');
  return {
    root,
    committees,
    branches,
    admin,
    leaders: members.filter((m) => m.role === 'leader' && m.telegramUserId > BigInt(DEMO_IDS.leader) && m.telegramUserId < BigInt(DEMO_IDS.admin)),
    collaborators: members.filter((m) => m.role === 'collaborator' && m.telegramUserId > BigInt(DEMO_IDS.collaborator) && m.telegramUserId < BigInt(DEMO_IDS.leader)),
    inviteCode: DEMO_INVITE,
    leaderInviteCode: DEMO_LEADER_INVITE,
  };
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(`demo seed failed: ${r.error}`);
  return r.value;
}
