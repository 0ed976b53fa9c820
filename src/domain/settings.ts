/**
 * Settings that leaders' experience depends on: thresholds, delays, quiet hours, windows.
 * Values are inherited down the unit tree: a unit's value overrides its ancestors', which
 * override the global value, which overrides these defaults.
 */
export interface Settings {
  /** Urgency score at or above which a report is `high`. */
  urgencyHigh: number;
  /** Urgency score at or above which a report is `critical`. */
  urgencyCritical: number;
  /** Minutes before an unacknowledged critical alert climbs one level. */
  escalationCriticalMinutes: number;
  /** Minutes before an unacknowledged high alert climbs one level. */
  escalationHighMinutes: number;
  /** Quiet hours, local HH:MM; high alerts wait until the end, critical ones do not. */
  quietStart: string;
  quietEnd: string;
  /** Fast-spread trigger: at least N reports from at least M units within H hours. */
  fastSpreadReports: number;
  fastSpreadUnits: number;
  fastSpreadHours: number;
  /** Days without a report after which a collaborator gets a reminder. */
  reminderDays: number;
  /** Issue-grouping window in days. */
  groupWindowDays: number;
  /** Months after which reports are anonymised. */
  retentionMonths: number;
  /** Fewest responses a group must have for its survey results to be shown apart. */
  surveyMinGroupSize: number;
  /** Survey messages a second on the broadcast lane (leaves room for alerts within Telegram's ~30/s). */
  surveyPerSecond: number;
  /** 1 = surveys marked for it use Telegram's paid broadcasts (allow_paid_broadcast), 0 = never. */
  surveyPaidBroadcast: number;
  /** Survey messages a second with paid broadcasts (Telegram allows up to 1,000). */
  surveyPaidPerSecond: number;
}

export const DEFAULT_SETTINGS: Settings = {
  urgencyHigh: 60,
  urgencyCritical: 85,
  escalationCriticalMinutes: 30,
  escalationHighMinutes: 120,
  quietStart: '22:00',
  quietEnd: '06:30',
  fastSpreadReports: 5,
  fastSpreadUnits: 3,
  fastSpreadHours: 3,
  reminderDays: 7,
  groupWindowDays: 14,
  retentionMonths: 24,
  surveyMinGroupSize: 5,
  surveyPerSecond: 20,
  surveyPaidBroadcast: 0,
  surveyPaidPerSecond: 200,
};

export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

export function isSettingKey(k: string): k is SettingKey {
  return (SETTING_KEYS as string[]).includes(k);
}

/** Validates a typed value for a key; numbers must be non-negative, times HH:MM. */
export function parseSettingValue(key: SettingKey, raw: string): { ok: true; value: number | string } | { ok: false; error: string } {
  const def = DEFAULT_SETTINGS[key];
  if (typeof def === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) return { ok: false, error: `${key} must be a non-negative number` };
    if ((key === 'urgencyHigh' || key === 'urgencyCritical') && n > 100) return { ok: false, error: `${key} must be 0–100` };
    return { ok: true, value: n };
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) return { ok: false, error: `${key} must be HH:MM` };
  return { ok: true, value: raw };
}

/** Layers overrides (global first, then root … unit) over the defaults. */
export function resolveSettings(layers: Partial<Settings>[]): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) {
    for (const k of SETTING_KEYS) {
      const v = layer[k];
      if (v !== undefined && typeof v === typeof DEFAULT_SETTINGS[k]) (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
