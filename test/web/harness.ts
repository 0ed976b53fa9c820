/**
 * Dashboard test wiring: a real runtime (PostgreSQL schema of its own, real Redis with a random
 * queue prefix, the fake Bot API), the web server with the dashboard, an organisation (bloc →
 * two committees → branches; leaders at each level, an admin, collaborators), analysed reports
 * written as the analysis worker would, and a small browser-like client (cookies, CSRF tokens
 * read from the forms) over `app.inject`.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { issueLoginToken } from '../../src/app/dashboard/login.js';
import { seedTaxonomy } from '../../src/app/admin/units.js';
import { parseConfig } from '../../src/config.js';
import type { Member, Unit } from '../../src/domain/types.js';
import { FakeBotApi } from '../../src/fake-telegram/index.js';
import { silentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/compose/runtime.js';
import { createServer } from '../../src/web/create-server.js';
import { dashboardRoutes, webDashboardDepsFromRuntime } from '../../src/compose/web.js';
import type { WebDashboardDeps } from '../../src/web/dashboard/plugin.js';
import { createPostgresTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../support/db.js';

export interface WebOrg {
  bloc: Unit;
  health: Unit;
  hospital: Unit;
  education: Unit;
  school: Unit;
  admin: Member;
  blocLeader: Member;
  healthLeader: Member;
  hospitalLeader: Member;
  educationLeader: Member;
  nurse: Member;
  teacher: Member;
}

export interface WebHarness {
  db: TestDatabase;
  rt: Runtime;
  fake: FakeBotApi;
  app: FastifyInstance;
  web: WebDashboardDeps;
  org: WebOrg;
  client(): WebClient;
  signIn(member: Member): Promise<WebClient>;
  report(r: ReportInput): Promise<{ id: number; reference: string }>;
  close(): Promise<void>;
}

export interface ReportInput {
  member: Member;
  content: string;
  topic?: string;
  mood?: 'supportive' | 'neutral' | 'skeptical' | 'worried' | 'angry';
  level?: 'normal' | 'high' | 'critical';
  groupId?: number | null;
  createdAt?: Date;
  status?: 'received' | 'analysed' | 'withdrawn';
  proposal?: string | null;
}

export interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/** Cookies and CSRF like a browser: `get` keeps the last page's token, `post` sends it. */
export class WebClient {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { headers: Record<string, unknown> }) {
    const set = res.headers['set-cookie'];
    for (const c of (Array.isArray(set) ? set : set ? [set] : []) as string[]) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  /** A GET whose body is bytes (exports). */
  async bytes(url: string): Promise<{ status: number; body: Buffer; headers: Response['headers'] }> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
  }

  /** A form POST; `_csrf` is the last page's token unless given (null = none). */
  async post(url: string, form: Record<string, string> = {}, csrf: string | null | undefined = undefined): Promise<Response> {
    const token = csrf === undefined ? this.csrf : csrf;
    const body = new URLSearchParams({ ...form, ...(token ? { _csrf: token } : {}) }).toString();
    const res = await this.app.inject({ method: 'POST', url, payload: body, headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } });
    this.keep(res);
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }
}

const DAY = 86_400_000;

async function seedOrg(rt: Runtime): Promise<WebOrg> {
  const u = rt.repos.units;
  const bloc = await u.create({ name: 'Đảng ủy Khối' });
  const health = await u.create({ name: 'Đảng ủy Sở Y tế', parentId: bloc.id });
  const hospital = await u.create({ name: 'Chi bộ Bệnh viện <b>A</b>', parentId: health.id });
  const education = await u.create({ name: 'Đảng ủy Sở Giáo dục', parentId: bloc.id });
  const school = await u.create({ name: 'Chi bộ Trường B', parentId: education.id });
  let next = 900_000 + Math.floor(Math.random() * 50_000) * 10;
  const m = (unitId: number, role: Member['role'], displayName: string) => rt.repos.members.create({ telegramUserId: BigInt((next += 1)), displayName, role, unitId, language: 'vi' });
  return {
    bloc,
    health,
    hospital,
    education,
    school,
    admin: await m(bloc.id, 'admin', 'Quản trị'),
    blocLeader: await m(bloc.id, 'leader', 'Lãnh đạo Khối'),
    healthLeader: await m(health.id, 'leader', 'Lãnh đạo Y tế'),
    hospitalLeader: await m(hospital.id, 'leader', 'Lãnh đạo Bệnh viện'),
    educationLeader: await m(education.id, 'leader', 'Lãnh đạo Giáo dục'),
    nurse: await m(hospital.id, 'collaborator', 'Y tá <script>x</script>'),
    teacher: await m(school.id, 'collaborator', 'Giáo viên'),
  };
}

/** Opens the harness; `clock` drives the runtime (login expiry, periods). */
export async function openWebHarness(opts: { clock?: () => Date; publicUrl?: string; loginRateLimit?: number } = {}): Promise<WebHarness> {
  const db = await createPostgresTestDatabase();
  const fake = new FakeBotApi({ botUsername: 'pulse_test_bot' });
  const parsed = parseConfig({ DATABASE_URL: db.url!, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent', BOT_USERNAME: 'pulse_test_bot', PUBLIC_URL: opts.publicUrl ?? 'http://dashboard.test' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const rt = await createRuntime(parsed.config, { queuePrefix: `t-web-${randomBytes(4).toString('hex')}`, fakeTelegram: fake, logger: silentLogger(), ...(opts.clock ? { clock: opts.clock } : {}) });
  await seedTaxonomy({ repos: rt.repos, clock: rt.clock });
  const org = await seedOrg(rt);
  const web = { ...(await webDashboardDepsFromRuntime(rt)), ...(opts.loginRateLimit ? { loginRateLimit: opts.loginRateLimit } : {}) };
  const app = await createServer({ logger: silentLogger(), checks: [], plugins: [dashboardRoutes(web)] });
  await app.ready();
  const h: WebHarness = {
    db,
    rt,
    fake,
    app,
    web,
    org,
    client: () => new WebClient(app),
    async signIn(member) {
      const issued = await issueLoginToken({ tokens: web.dashboard.tokens, members: web.dashboard.members, audit: web.dashboard.audit, clock: rt.clock }, member);
      if (!issued.ok) throw new Error(`cannot issue a link: ${issued.error}`);
      const c = new WebClient(app);
      await c.get(`/login/${issued.value.token}`);
      const res = await c.post('/login', { token: issued.value.token });
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${res.body.slice(0, 200)}`);
      return c;
    },
    async report(r) {
      const createdAt = r.createdAt ?? new Date(rt.clock().getTime() - DAY);
      const { report } = await rt.repos.reports.create(
        { memberId: r.member.id, unitId: r.member.unitId, chosenTopic: null, content: r.content, proposal: r.proposal ?? null, mood: r.mood ?? 'worried', spread: 'local', source: 'conversation' },
        createdAt,
      );
      const level = r.level ?? 'normal';
      const status = r.status ?? 'analysed';
      await rt.db.sql.query(
        `UPDATE "Report" SET status = $2::"ReportStatus", "analysedAt" = CASE WHEN $2 = 'received' THEN NULL ELSE "createdAt" END,
                "redactedContent" = CASE WHEN $2 = 'received' THEN NULL ELSE content END, "redactedProposal" = CASE WHEN $2 = 'received' THEN NULL ELSE proposal END,
                "topicSlug" = $3, "finalMood" = $4::"Mood", "urgencyLevel" = $5::"UrgencyLevel", "urgencyScore" = $6, "issueGroupId" = $7,
                "urgencyReasons" = '[{"code":"mood","points":20},{"code":"trigger","points":40,"detail":"kéo đến trụ sở"}]'::jsonb
          WHERE id = $1`,
        [report.id, status, r.topic ?? 'economy', r.mood ?? 'worried', level, level === 'critical' ? 92 : level === 'high' ? 70 : 20, r.groupId ?? null],
      );
      await rt.db.sql.query(`UPDATE "Member" SET "lastReportAt" = GREATEST(coalesce("lastReportAt", $2::timestamp), $2::timestamp) WHERE id = $1`, [r.member.id, createdAt.toISOString()]);
      return { id: report.id, reference: report.reference };
    },
    async close() {
      await app.close();
      await web.close();
      await rt.shutdown('test');
      await db.destroy();
    },
  };
  return h;
}

/** A group with the given reports (counters refreshed as the analysis would). */
export async function groupOf(h: WebHarness, title: string, reportIds: number[]): Promise<number> {
  const now = new Date();
  const [g] = await h.rt.db.sql.query<{ id: number }>(
    `INSERT INTO "IssueGroup" (title, "firstSeenAt", "lastSeenAt", "createdAt", "updatedAt", "reportCount") VALUES ($1, $2, $2, $2, $2, $3) RETURNING id`,
    [title, now.toISOString(), reportIds.length],
  );
  await h.rt.db.sql.query(`UPDATE "Report" SET "issueGroupId" = $1 WHERE id = ANY($2::int[])`, [g!.id, reportIds]);
  return g!.id;
}
