/** The taxonomy (editable by admins; seeded from the defaults). */
import type { Topic } from '../../domain/types.js';
import type { PrismaClient } from '../generated/client.js';
import { toTopic } from './mappers.js';

export type TopicsRepository = ReturnType<typeof createTopicsRepository>;

export function createTopicsRepository(prisma: PrismaClient) {
  return {
    async list(activeOnly = true): Promise<Topic[]> {
      const rows = await prisma.topic.findMany({ where: activeOnly ? { active: true } : {}, orderBy: { sortOrder: 'asc' } });
      return rows.map(toTopic);
    },
    async upsert(t: Omit<Topic, 'active'> & { active?: boolean }): Promise<void> {
      const data = { nameVi: t.nameVi, nameEn: t.nameEn, keywords: t.keywords, sensitive: t.sensitive, sortOrder: t.sortOrder };
      await prisma.topic.upsert({ where: { slug: t.slug }, create: { slug: t.slug, ...data, active: t.active ?? true }, update: data });
    },
  };
}
