/**
 * The demo's clock: simulated while collaborators "live" through the past week (their reports
 * get realistic dates), then live (real time) once the simulation is over, so that escalation
 * delays, digests and the dashboard run on the wall clock.
 */
export interface DemoClock {
  now(): Date;
  set(at: Date): void;
  /** From now on, follow the wall clock. */
  goLive(): void;
}

export function createDemoClock(start: Date, wall: () => Date = () => new Date()): DemoClock {
  let at: Date | null = start;
  return {
    now: () => at ?? wall(),
    set: (d) => {
      if (at !== null) at = d;
    },
    goLive: () => void (at = null),
  };
}
