/**
 * The title of an issue group as one member may see it. A stored title (derived from every
 * report of the group, or edited by a person) summarises reports the member may not see, so it
 * is shown only when the member's scope covers every live report of the group; otherwise the
 * title is derived from the reports inside the scope only (the same derivation, fewer texts).
 */
import { groupLabel } from './decide.js';

export interface ScopedTitleInput {
  /** The stored title (derived or edited). */
  title: string;
  /** Live reports of the group outside the member's scope. */
  outside: number;
}

/** The title to show; `textsInScope` is read only when the stored title cannot be shown. */
export async function scopedTitle(group: ScopedTitleInput, textsInScope: () => Promise<string[]>): Promise<string> {
  if (group.outside === 0) return group.title;
  const texts = await textsInScope();
  return texts.length > 0 ? groupLabel(texts).title : '—';
}
