/**
 * A small organisation with hand-counted reports for the digest tests (day 2026-11-25 in
 * Asia/Ho_Chi_Minh = [2026-11-24T17:00Z, 2026-11-25T17:00Z)). Rows are inserted directly, as
 * the analysis worker would leave them.
 */
import type { Repositories } from '../../../src/db/repositories/index.js';
import type { SqlExecutor } from '../../../src/db/sql.js';

export const DAY_START = '2026-11-24T17:00:00Z';

export interface Seeded {
  units: Record<'root' | 'a' | 'a1' | 'b' | 'c', number>;
  members: Record<'l0' | 'la' | 'la1' | 'lb' | 'ca1a' | 'ca1b' | 'ca' | 'cb' | 'cb2' | 'cc', number>;
  groups: { g1: number; g2: number };
}

let tg = 1000n;

export async function seedOrganisation(sql: SqlExecutor, repos: Repositories): Promise<Seeded> {
  const root = await repos.units.create({ name: 'Đảng ủy Khối' });
  const a = await repos.units.create({ name: 'Đảng ủy Sở Y tế', parentId: root.id });
  const a1 = await repos.units.create({ name: 'Chi bộ Bệnh viện A', parentId: a.id });
  const b = await repos.units.create({ name: 'Đảng ủy Sở Tài chính', parentId: root.id });
  const c = await repos.units.create({ name: 'Chi bộ Kho bạc C', parentId: root.id });
  // The organisation existed long before the seeded days (the scheduler sends nothing for periods before a unit existed).
  await sql.query(`UPDATE "Unit" SET "createdAt" = '2026-01-01 00:00:00'`);
  const member = async (name: string, role: string, unitId: number, joined = '2026-10-01T00:00:00Z', language: string | null = 'vi') => {
    tg += 1n;
    const [row] = await sql.query<{ id: number }>(
      `INSERT INTO "Member" ("telegramUserId", "chatId", "displayName", role, "unitId", language, "joinedAt")
       VALUES ($1, $1, $2, $3::"Role", $4, $5, $6::timestamptz AT TIME ZONE 'UTC') RETURNING id`,
      [String(tg), name, role, unitId, language, joined],
    );
    return row!.id;
  };
  const members = {
    l0: await member('Lãnh đạo Khối', 'leader', root.id),
    la: await member('Lãnh đạo Sở Y tế', 'leader', a.id, undefined, 'en'),
    la1: await member('Bí thư Chi bộ A', 'leader', a1.id),
    lb: await member('Lãnh đạo Sở Tài chính', 'leader', b.id),
    ca1a: await member('Cộng tác viên An', 'collaborator', a1.id),
    ca1b: await member('Cộng tác viên Bình', 'collaborator', a1.id),
    ca: await member('Cộng tác viên Chi', 'collaborator', a.id),
    cb: await member('Cộng tác viên Dũng', 'collaborator', b.id),
    cb2: await member('Cộng tác viên Én', 'collaborator', b.id),
    cc: await member('Cộng tác viên Giang', 'collaborator', c.id),
  };
  const group = async (title: string) =>
    (await sql.query<{ id: number }>(
      `INSERT INTO "IssueGroup" (title, "firstSeenAt", "lastSeenAt", "updatedAt") VALUES ($1, now(), now(), now()) RETURNING id`,
      [title],
    ))[0]!.id;
  const groups = { g1: await group('Giá xăng tăng'), g2: await group('Ngư dân bị xua đuổi') };
  let n = 0;
  const report = async (r: { m: number; u: number; at: string; topic: string; mood: string; group?: number; status?: string; text?: string; raw?: string; proposal?: string }) => {
    n += 1;
    await sql.query(
      `INSERT INTO "Report" (reference, "memberId", "unitId", content, "redactedContent", "redactedProposal", proposal, mood, "finalMood", "topicSlug",
                             "issueGroupId", status, "createdAt", "urgencyScore", "urgencyLevel")
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7::"Mood", $7::"Mood", $8, $9, $10::"ReportStatus", $11::timestamptz AT TIME ZONE 'UTC', 10, 'normal')`,
      [`R-2026-${String(n).padStart(6, '0')}`, r.m, r.u, r.raw ?? r.text ?? 'nội dung', r.text ?? 'nội dung', r.proposal ?? null, r.mood, r.topic, r.group ?? null, r.status ?? 'analysed', r.at],
    );
  };
  const m = members;
  // the day 2026-11-25 (local)
  await report({ m: m.ca1a, u: a1.id, at: '2026-11-24T17:30:00Z', topic: 'economy', mood: 'worried', group: groups.g1, text: 'Giá xăng tăng, dân lo', raw: 'Giá xăng tăng, gọi 0912345678' });
  await report({ m: m.ca1a, u: a1.id, at: '2026-11-25T02:00:00Z', topic: 'economy', mood: 'worried', group: groups.g1, text: 'Xăng lại tăng giá' });
  await report({ m: m.ca1b, u: a1.id, at: '2026-11-25T03:00:00Z', topic: 'economy', mood: 'angry', group: groups.g1, text: 'Bức xúc vì giá xăng' });
  await report({ m: m.ca1b, u: a1.id, at: '2026-11-25T04:00:00Z', topic: 'health', mood: 'neutral', text: 'Bệnh viện đông', proposal: 'Đề nghị <i>tăng</i> giờ khám' });
  await report({ m: m.ca, u: a.id, at: '2026-11-25T16:59:00Z', topic: 'economy', mood: 'worried', group: groups.g1, text: 'Giá xăng ảnh hưởng đời sống' });
  await report({ m: m.cb, u: b.id, at: '2026-11-25T05:00:00Z', topic: 'east_sea', mood: 'angry', group: groups.g2, text: 'Tàu lạ <b>xua đuổi</b> <a href="http://x.example">ngư dân</a>' });
  await report({ m: m.cb2, u: b.id, at: '2026-11-25T06:00:00Z', topic: 'economy', mood: 'angry', status: 'withdrawn', text: 'đã rút' });
  // outside the day: after its end, the previous day, and earlier in the 7-day window
  await report({ m: m.cb, u: b.id, at: '2026-11-25T17:00:00Z', topic: 'economy', mood: 'angry', text: 'ngày hôm sau' });
  await report({ m: m.ca1a, u: a1.id, at: '2026-11-24T10:00:00Z', topic: 'economy', mood: 'supportive', text: 'hôm trước' });
  await report({ m: m.cb, u: b.id, at: '2026-11-23T18:00:00Z', topic: 'health', mood: 'neutral', text: 'hôm trước nữa' });
  await report({ m: m.cb, u: b.id, at: '2026-11-20T10:00:00Z', topic: 'health', mood: 'neutral', text: 'năm ngày trước' });
  await report({ m: m.cb2, u: b.id, at: '2026-11-05T10:00:00Z', topic: 'health', mood: 'neutral', text: 'lâu rồi' });
  // alerts: one open in B (group g2), one resolved in A
  const ref = async (r: string) => (await sql.query<{ id: number }>(`SELECT id FROM "Report" WHERE reference = $1`, [r]))[0]!.id;
  await sql.query(
    `INSERT INTO "Alert" ("issueGroupId", "openKey", "reportId", "unitId", trigger, level, status, "currentUnitId", "reportCount", "unitCount", "updatedAt")
     VALUES ($1::int, 'group-' || $1::text, $2, $3, 'high_sensitive', 'high', 'open', $3, 1, 1, now()),
            (NULL, NULL, $4, $5, 'critical_report', 'critical', 'resolved', $5, 1, 1, now())`,
    [groups.g2, await ref('R-2026-000006'), b.id, await ref('R-2026-000005'), a.id],
  );
  return { units: { root: root.id, a: a.id, a1: a1.id, b: b.id, c: c.id }, members, groups };
}
