/**
 * The digests module's public surface for composition roots (src/parts.ts, the demo, the bot
 * wiring): build, send, catch up, the demo's end-of-week run, yearly activity and the chart.
 */
import type { Repositories } from '../../db/repositories/index.js';
import type { SqlExecutor } from '../../db/sql.js';
import type { DeliveryPort } from '../../delivery/port.js';
import type { Clock } from '../../domain/clock.js';
import type { Translate } from '../../domain/translate.js';
import type { Logger } from '../../logger.js';
import type { SendDigestDeps } from './send-digest.js';

export { buildDigest, buildDigestForWindow, type DigestDeps, type DigestTarget } from './build-digest.js';
export { sendDigest, sendUnitDigests, runScheduledDigest, digestKey, type SendDigestDeps, type SendDigestResult } from './send-digest.js';
export { catchUpDigests, produceDemoDigests, unitsWithLeaders, type RunSummary } from './run-all.js';
export { buildYearlyActivity } from './yearly.js';
export { renderDigestChart, digestChartSvg } from './chart.js';

/** The parts of a Runtime digests need (structural, so use cases do not import the runtime). */
export interface DigestRuntimeParts {
  db: { sql: SqlExecutor };
  repos: Repositories;
  clock: Clock;
  t: Translate;
  logger: Logger;
}

/** Deps for sendDigest / catchUpDigests / produceDemoDigests from a Runtime and a DeliveryPort. */
export function digestDepsFrom(rt: DigestRuntimeParts, delivery: DeliveryPort): SendDigestDeps {
  return { sql: rt.db.sql, repos: rt.repos, clock: rt.clock, t: rt.t, logger: rt.logger.child({ part: 'digests' }), delivery };
}
