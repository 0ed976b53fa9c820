/**
 * What a member may see (PRODUCT.md "People and permissions"): an admin everything, anyone else
 * the subtree of their own unit. Every read that serves a member takes a `Scope` value and the
 * repositories apply it, so that no query has to remember a filter of its own: a read model is
 * only reachable through a scope (see `src/db/scoped-reads.ts`).
 */
import type { Role } from './vocabulary.js';

export type Scope = { readonly kind: 'all' } | { readonly kind: 'subtree'; readonly unitId: number };

/** Everything (admins, the CLI, system jobs). */
export const EVERYTHING: Scope = { kind: 'all' };

/** The subtree of one unit: the unit and every unit below it. */
export function subtreeOf(unitId: number): Scope {
  return { kind: 'subtree', unitId };
}

/** The scope of a member: admins see everything; leaders and collaborators their unit's subtree. */
export function scopeOf(member: { readonly role: Role; readonly unitId: number }): Scope {
  return member.role === 'admin' ? EVERYTHING : subtreeOf(member.unitId);
}

/**
 * True when a unit lies in the scope, given that unit's ancestry (its own id first, then its
 * parent's, … up to the root): a subtree scope contains a unit when its root is on that ladder.
 */
export function scopeContains(scope: Scope, ancestryIds: readonly number[]): boolean {
  return scope.kind === 'all' || ancestryIds.includes(scope.unitId);
}

/** A stable text form, for logs and cache keys (`all`, `subtree-12`). */
export function scopeKey(scope: Scope): string {
  return scope.kind === 'all' ? 'all' : `subtree-${scope.unitId}`;
}
