/**
 * The logger a use case writes to: pino's shape (an object of fields, then a constant
 * message), declared here so that use cases do not import the logging library. The composition
 * roots pass a pino child carrying `queue`, `jobId`, `updateId` or `memberId`.
 */
export interface LogFn {
  (fields: Record<string, unknown>, message: string): void;
  (message: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
