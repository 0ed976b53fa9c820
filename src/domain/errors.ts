/**
 * Small error classes for broken invariants. Each sets `name`, carries a stable `code` and
 * its context, and accepts `{ cause }` when wrapping. Expected outcomes use Result instead.
 */
export class PulseError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown>;
  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PulseError';
    this.code = code;
    this.context = context;
  }
}

export class NotFoundError extends PulseError {
  constructor(what: string, context: Record<string, unknown> = {}) {
    super('not_found', `${what} not found`, context);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends PulseError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('forbidden', message, context);
    this.name = 'ForbiddenError';
  }
}
