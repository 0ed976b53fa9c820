/**
 * An update that failed because a backend (PostgreSQL, Redis, the state backend) is down, not
 * because of the update: the error boundary rethrows it as this error, so that the update keeper
 * (src/bot/update-keeper.ts) holds the update and hands it to the bot again later, instead of
 * the boundary's apology ending it.
 */
export class BackendUnavailableError extends Error {
  readonly code = 'BACKEND_UNAVAILABLE';
  constructor(options?: { cause?: unknown }) {
    super('a backend of the bot does not answer', options);
    this.name = 'BackendUnavailableError';
  }
}

/** True when `e` is, or wraps (grammY's BotError `.error`, or `.cause`), a BackendUnavailableError. */
export function isBackendUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 8; depth++) {
    if (cur instanceof BackendUnavailableError) return true;
    const next = (cur as { error?: unknown }).error ?? (cur as { cause?: unknown }).cause;
    cur = next;
  }
  return false;
}

/** The probe the error boundary asks after a failure: true when every backend answers. */
export type BackendProbe = () => Promise<boolean>;
