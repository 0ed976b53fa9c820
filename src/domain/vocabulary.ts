/**
 * The closed vocabularies of a report (PRODUCT.md "The report"). Kept as const tuples so
 * that zod schemas, Prisma enums and UI keyboards all derive from one list.
 */
export const MOODS = ['supportive', 'neutral', 'skeptical', 'worried', 'angry'] as const;
export type Mood = (typeof MOODS)[number];

export const SPREADS = ['few', 'unit', 'local', 'online'] as const;
export type Spread = (typeof SPREADS)[number];

export const SOURCES = ['conversation', 'meeting', 'social_media', 'press', 'other'] as const;
export type Source = (typeof SOURCES)[number];

export const ROLES = ['collaborator', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const URGENCY_LEVELS = ['normal', 'high', 'critical'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

export const REPORT_STATUSES = ['received', 'analysed', 'withdrawn'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const TAG_ORIGINS = ['collaborator', 'auto', 'leader'] as const;
export type TagOrigin = (typeof TAG_ORIGINS)[number];

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Default taxonomy slugs, in display order (PRODUCT.md "Topics"). */
export const TOPIC_SLUGS = [
  'governance',
  'party_building',
  'foreign_affairs',
  'economy',
  'security_defense',
  'anti_corruption',
  'east_sea',
  'world_affairs',
  'health',
  'education',
  'culture_society',
  'environment_disasters',
  'workplace',
  'other',
] as const;
export type TopicSlug = (typeof TOPIC_SLUGS)[number];

export function isMood(v: unknown): v is Mood {
  return typeof v === 'string' && (MOODS as readonly string[]).includes(v);
}
export function isSpread(v: unknown): v is Spread {
  return typeof v === 'string' && (SPREADS as readonly string[]).includes(v);
}
export function isTopicSlug(v: unknown): v is TopicSlug {
  return typeof v === 'string' && (TOPIC_SLUGS as readonly string[]).includes(v);
}
