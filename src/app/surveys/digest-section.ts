/**
 * The surveys' section of a leader's digest: each survey of the leader's scope that is open, or
 * that closed within the digest's period, with its response rate and, per question, the most
 * chosen answer (or the mean of a scale) — only when the leader's scope holds at least the
 * minimum group size of responses. HTML for Telegram, every text escaped.
 */
import { scopeOf } from '../../domain/scope.js';
import { questionText, surveyText } from '../../domain/survey.js';
import { escapeHtml } from '../../domain/text.js';
import type { Translate } from '../../domain/translate.js';
import type { Member } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import { surveyResults, type ResultsDeps } from './results.js';

/** What a digest asks: the section for one leader and period, or null when there is nothing to say. */
export type SurveyDigestSection = (leader: Member, window: { from: Date; to: Date }, lang: Language) => Promise<string | null>;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function surveyDigestSection(deps: ResultsDeps & { t: Translate }): SurveyDigestSection {
  return async (leader, window, lang) => {
    const scope = scopeOf(leader);
    const shown = (await deps.surveys.list(scope)).filter(
      (s) => s.status === 'open' || (s.status === 'closed' && s.closesAt.getTime() >= window.from.getTime() && s.closesAt.getTime() < window.to.getTime() + 86_400_000),
    );
    const parts = [deps.t(lang, 'survey-digest-header')];
    for (const s of shown.slice(0, 5)) {
      const r = await surveyResults(deps, s.id, scope);
      if (!r || r.rate.recipients === 0) continue;
      const title = escapeHtml(surveyText(s, lang).title);
      parts.push(deps.t(lang, 'survey-digest-line', { title, state: s.status, answered: r.rate.answered, recipients: r.rate.recipients, rate: pct(r.rate.rate), unreached: r.rate.recipients - r.rate.reached }));
      if (!r.questions) {
        parts.push(deps.t(lang, 'survey-digest-too-few', { min: r.minGroupSize }));
        continue;
      }
      for (const q of r.questions) {
        const def = s.questions.find((x) => x.position === q.position)!;
        if (q.kind === 'text' || q.answered === 0) continue;
        const best = q.counts.indexOf(Math.max(...q.counts));
        const label = q.kind === 'scale' ? (q.mean ?? 0).toFixed(1) : `${escapeHtml(questionText(def, lang).options[best] ?? '')} (${pct(q.shares[best] ?? 0)})`;
        parts.push(`  ${q.position}. ${escapeHtml(questionText(def, lang).text)}: <b>${label}</b>`);
      }
    }
    return parts.length > 1 ? parts.join('\n') : null;
  };
}
