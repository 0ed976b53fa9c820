/** Inheritable settings: global rows, then each ancestor's, then the unit's own. */
import { resolveSettings, type SettingKey, type Settings } from '../../domain/settings.js';
import type { PrismaClient } from '../generated/client.js';

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;

export function createSettingsRepository(prisma: PrismaClient) {
  return {
    /** Effective settings for a unit (defaults when the unit is unknown). */
    async effective(unitId: number | null): Promise<Settings> {
      const path = unitId
        ? ((await prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } }))?.path ?? [])
        : [];
      const scopes = ['global', ...path.map(String)];
      const rows = await prisma.setting.findMany({ where: { scope: { in: scopes } } });
      const layers = scopes.map((s) =>
        Object.fromEntries(rows.filter((r) => r.scope === s).map((r) => [r.key, r.value])) as Partial<Settings>,
      );
      return resolveSettings(layers);
    },

    /** Sets one value globally (unitId null) or for a unit and its subtree. */
    async set(unitId: number | null, key: SettingKey, value: number | string): Promise<void> {
      const scope = unitId === null ? 'global' : String(unitId);
      await prisma.setting.upsert({
        where: { scope_key: { scope, key } },
        create: { scope, unitId, key, value },
        update: { value },
      });
    },

    async unset(unitId: number | null, key: SettingKey): Promise<void> {
      await prisma.setting.deleteMany({ where: { scope: unitId === null ? 'global' : String(unitId), key } });
    },

    /** Overrides stored for one scope (for display). */
    async overrides(unitId: number | null): Promise<Record<string, unknown>> {
      const rows = await prisma.setting.findMany({ where: { scope: unitId === null ? 'global' : String(unitId) } });
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },
  };
}
