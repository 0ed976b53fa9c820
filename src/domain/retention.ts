/**
 * Retention (PRODUCT.md, "Privacy"): a report is kept for `retentionMonths` (a setting,
 * inherited down the unit tree, default 24) counted in calendar months from its creation.
 */

/** The instant before which a unit's reports have expired: `now` minus `months` calendar months (UTC, clamped to the month's end). */
export function retentionCutoff(now: Date, months: number): Date {
  const whole = Math.max(0, Math.floor(months));
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - whole;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(now.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}
