/**
 * The digests module's public surface for composition roots (src/compose/parts.ts, the demo, the bot
 * wiring): build, send, catch up, the demo's end-of-week run, yearly activity and the chart.
 */
export { buildDigest, buildDigestForWindow, type DigestDeps, type DigestTarget } from './build-digest.js';
export { sendDigest, sendUnitDigests, runScheduledDigest, digestKey, type SendDigestDeps, type SendDigestResult } from './send-digest.js';
export { catchUpDigests, produceDemoDigests, type RunSummary } from './run-all.js';
export { buildYearlyActivity } from './yearly.js';
export type * from './ports.js';
