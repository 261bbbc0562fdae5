// Preemption inside the worker: what the reader sees first is not slowed by what is below the fold,
// even when the work below the fold started first (its call reached the worker before the call of
// the chart in view existed). The client's queue (schedule.ts) orders calls before they start; this
// parks a started one.
//
// Every request, and every shared dataset load, is a runner with a priority read live (0 in view, 1
// below the fold; a load runs at the best priority of the requests waiting for it). At each
// checkpoint a runner waits while a runner of better (lower) priority is *working*: it passed a
// checkpoint, or started, within the last `idleMs`. A better runner that is only waiting (for the
// network, for a load it subscribed to, or parked itself) stops counting after `idleMs`, so the
// worse one fills the time the better one leaves idle instead of the worker sitting still.
//
// Deadlock-free: a runner parks only behind a strictly better one that is working, and the best
// working runner never parks, so some runner always works; a parked runner looks again whenever a
// runner leaves, a priority changes or a request is cancelled, and at least every `idleMs`.
// Cancellation: `gate` returns as soon as `cancelled()` is true; the caller then throws.

/** How long a better runner may go without passing a checkpoint before it stops holding others back. */
export const IDLE_MS = 25;

export interface Runner {
  /** Lower goes first; read whenever a runner decides whether to wait. */
  readonly priority: () => number;
  /** When the runner last did work (entered, or passed a checkpoint), on `now()`'s clock. */
  lastWork: number;
}

export class Preemption {
  private readonly runners = new Set<Runner>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Registers a runner that starts working now; `leave` it when it ends. */
  enter(priority: () => number): Runner {
    const runner: Runner = { priority, lastWork: this.now() };
    this.runners.add(runner);
    return runner;
  }

  leave(runner: Runner): void {
    if (this.runners.delete(runner)) this.wake();
  }

  /** Parked runners look again now (a priority changed, a request was cancelled). */
  wake(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const w of wakers) w();
  }

  /** The runner did work just now (call before yielding, so worse runners see it working). */
  worked(runner: Runner): void {
    runner.lastWork = this.now();
  }

  /** True while a better runner is working. */
  outranked(runner: Runner): boolean {
    const mine = runner.priority();
    const t = this.now();
    for (const other of this.runners)
      if (other !== runner && t - other.lastWork < this.idleMs && other.priority() < mine) return true;
    return false;
  }

  /**
   * A runner's checkpoint: resolves at once unless a better runner is working, else when none is (or
   * when `cancelled()` turns true). The runner counts as working from then on.
   */
  async gate(runner: Runner, cancelled: () => boolean = () => false): Promise<void> {
    while (!cancelled() && this.outranked(runner)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, this.idleMs);
        this.wakers.add(done);
      });
    }
    runner.lastWork = this.now();
  }

  /** Runners registered now (for tests). */
  get size(): number {
    return this.runners.size;
  }
}
