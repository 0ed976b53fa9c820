/**
 * What every page template receives (translator, formatters, viewer, CSRF token, language,
 * navigation) and the strict readers of path and query parameters: a bad parameter is a
 * BadParam, answered 400 with its name, never a 500.
 */
import { resolve } from 'node:path';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatters } from './format.js';
import { pickLanguage } from '../../bot/i18n.js';
import type { Member } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { WebDashboardDeps } from './types.js';

/** A parameter that cannot be read; the error handler answers 400 naming it. */
export class BadParam extends Error {
  override readonly name = 'BadParam';
  readonly code = 'bad_param';
  constructor(readonly param: string) {
    super(`bad parameter: ${param}`);
  }
}

const MAX_ID = 2_147_483_647;

/** A positive 32-bit id from a path or form value. */
export function idParam(raw: unknown, param: string): number {
  const s = typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw[raw.length - 1]) : '';
  if (!/^[1-9]\d{0,9}$/.test(s) || Number(s) > MAX_ID) throw new BadParam(param);
  return Number(s);
}

/** An optional 1-based page number (at most 200). */
export function pageParam(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  const n = idParam(raw, 'page');
  if (n > 200) throw new BadParam('page');
  return n;
}

/** One of a closed list; `fallback` when absent. */
export function choiceParam<T extends string | number>(raw: unknown, list: readonly T[], param: string, fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  const found = list.find((v) => String(v) === String(raw));
  if (found === undefined) throw new BadParam(param);
  return found;
}

/** A form field as text (the last one when repeated), at most `max` characters. */
export function textField(body: unknown, name: string, max = 2000): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  if (s === undefined || s === null) return '';
  if (typeof s !== 'string' || s.length > max) throw new BadParam(name);
  return s;
}

/** Only these query parameters are allowed on a page (a typo is a 400, not a silently ignored filter). */
export function onlyParams(query: unknown, allowed: readonly string[]): Record<string, unknown> {
  const q = (query ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(q)) if (!allowed.includes(k)) throw new BadParam(k);
  return q;
}

const NOTICE = /^[a-z_]{1,40}$/;

export interface Page {
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** An urgency reason in words (the alert cards' labels), with the text that triggered it. */
  reason: (r: { code: string; detail?: string }) => string;
  fmt: ReturnType<typeof formatters>;
  viewer: Member | null;
  lang: FastifyRequest['lang'];
  csrf: string;
  path: string;
  notice: string | null;
  problem: string | null;
}

/** The common part of every template's data. */
export async function pageContext(deps: WebDashboardDeps, req: FastifyRequest, reply: FastifyReply): Promise<Page> {
  const lang = req.lang;
  const unit = req.viewer ? await deps.dashboard.units.get(req.viewer.unitId) : null;
  const q = (req.query ?? {}) as Record<string, unknown>;
  const flash = (v: unknown) => (typeof v === 'string' && NOTICE.test(v) ? v : null);
  const label = (code: string) => {
    const key = `alerts-reason-${code.replace(/_/g, '-')}`;
    const s = deps.t(lang, key);
    return s === key || s === '' ? code : s;
  };
  return {
    t: (key, vars) => deps.t(lang, key, vars),
    reason: (r) => (r.detail ? `${label(r.code)}: ${r.detail}` : label(r.code)),
    fmt: formatters(unit?.timezone ?? 'Asia/Ho_Chi_Minh', lang),
    viewer: req.viewer,
    lang,
    csrf: reply.generateCsrf(),
    path: req.url.split('?')[0] ?? '/',
    notice: flash(q.notice),
    problem: flash(q.problem),
  };
}

export const VIEWS_DIR = resolve(import.meta.dirname, '../views');

/**
 * The templates (Eta: `<%= %>` escapes; the only raw outputs are a layout's body and included
 * partials). Used directly rather than through @fastify/view so that a page renders the same
 * inside any plugin context (the queue monitor registers a view engine of its own).
 */
const eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true });

/** Renders a template as an HTML page. */
export async function renderPage(reply: FastifyReply, template: string, data: object): Promise<FastifyReply> {
  const html = await eta.renderAsync(template, data);
  return reply.type('text/html; charset=utf-8').send(html);
}

/** The language of a page: chosen on the dashboard, else the member's, else the browser's. */
export function languageOf(req: FastifyRequest, member: Member | null): Language {
  const chosen = req.session.get('lang');
  if (chosen === 'vi' || chosen === 'en') return chosen;
  if (member?.language) return member.language;
  const accept = String(req.headers['accept-language'] ?? '').split(',')[0]?.trim() ?? '';
  return pickLanguage(null, accept);
}
