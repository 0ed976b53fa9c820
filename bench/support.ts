/**
 * Benchmark helpers: a throwaway migrated PostgreSQL schema, percentiles, and a one-line
 * figure printer. Benchmarks print numbers; they never assert them.
 */
import { performance } from 'node:perf_hooks';
import type { BackendKind } from '../test/support/backends.js';
import { createPostgresTestDatabase, type TestDatabase } from '../test/support/db.js';

export { performance };
export { openTestBackend as benchBackend } from '../test/support/backends.js';

/** The backend a benchmark runs on: BENCH_BACKEND=redis (default) or postgres. */
export const BENCH_BACKEND: BackendKind = process.env.BENCH_BACKEND === 'postgres' ? 'postgres' : 'redis';

/** A migrated schema in the local PostgreSQL (BENCH: TEST_DATABASE_URL or postgresql://…/test). */
export function benchDatabase(poolSize = 10): Promise<TestDatabase> {
  return createPostgresTestDatabase(poolSize);
}

export function percentile(sortedOrUnsorted: number[], p: number): number {
  const s = [...sortedOrUnsorted].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Times `fn` `runs` times (after `warmup` runs) and returns the durations in ms. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** Prints "name: p50 … ms, p99 … ms (n runs)". */
export function report(name: string, durations: number[], extra = ''): void {
  console.log(`${name.padEnd(48)} p50 ${fmt(percentile(durations, 50))} ms   p99 ${fmt(percentile(durations, 99))} ms   (${durations.length} runs)${extra ? `   ${extra}` : ''}`);
}
