/**
 * Creating a survey: assert the creator may (leaders and admins, for their own subtree only),
 * validate the definition in the unit's time zone, then store it scheduled (it opens by itself
 * at its open time: see lifecycle.ts) or as a draft to preview first.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { validateSurvey, type SurveyDefinition, type SurveyProblem } from '../../domain/survey.js';
import type { Clock } from '../../domain/clock.js';
import type { Creator, SurveyContext, SurveyStore } from './ports.js';

export interface CreateSurveyDeps extends SurveyContext {
  surveys: SurveyStore;
  clock: Clock;
}

export type CreateProblem = SurveyProblem;

/** Checks a definition for a creator without storing it (the builder's preview uses this). */
export async function checkSurvey(deps: CreateSurveyDeps, creator: Creator, input: unknown): Promise<Result<SurveyDefinition, CreateProblem[]>> {
  if (creator.role === 'collaborator') return err([{ path: '', code: 'not-allowed' }]);
  const unit = await deps.units.get(creator.unitId);
  if (!unit) return err([{ path: '', code: 'no-unit' }]);
  const checked = validateSurvey(input, unit.timezone, deps.clock());
  if (!checked.ok) return checked;
  const outside = await deps.surveys.unitsOutside(creator.unitId, checked.value.audienceUnitIds);
  if (outside.length > 0) return err([{ path: 'audience.unitIds', code: 'outside-subtree', limit: outside[0]! }]);
  return checked;
}

/** Creates a survey for the creator's subtree; `draft` keeps it from opening until `openSurvey`. */
export async function createSurvey(deps: CreateSurveyDeps, creator: Creator, input: unknown, opts: { draft?: boolean } = {}): Promise<Result<number, CreateProblem[]>> {
  const checked = await checkSurvey(deps, creator, input);
  if (!checked.ok) return checked;
  const id = await deps.surveys.create(creator.unitId, creator.id > 0 ? creator.id : null, checked.value);
  if (!opts.draft) await deps.surveys.setStatus(id, 'scheduled', deps.clock());
  return ok(id);
}
