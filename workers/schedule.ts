// The order in which the client sends work to the worker: what the reader sees first goes first.
// Every call may carry a priority, a function read whenever the order is decided (0 for an element
// in the viewport, 1 below the fold; calls without one count as 0, so code that does not use
// priorities keeps the order it had). A call waits while any other call with a better (lower)
// priority is running or waiting; calls of the same priority run together as before. A running
// call is not stopped here: the client tells the worker each request's priority, and the worker
// parks a started request at its checkpoints while a better one works (preempt.ts), so a call below
// the fold admitted before the call in view existed no longer slows it. Priorities are read again
// whenever a call ends or `reschedule()` is called (an element scrolled into view), so work
// promoted by the reader's scrolling starts as soon as nothing better is waiting, and running
// requests are re-prioritised in the worker at once.
// A call spanning several requests (analyse: load, then run) holds its place for the whole call
// (`hold`), so nothing lower slips in between its steps.

/** Lower runs sooner: 0 in view, 1 below the fold. */
export type Priority = () => number;

interface Entry {
  priority: Priority;
  start: (() => void) | null;
}

export class Scheduler {
  private readonly active = new Set<Entry>();
  private readonly waiting = new Set<Entry>();

  /**
   * Resolves when a call of `priority` may start; the returned release must be called when it ends.
   * An aborted signal takes the call out of the queue and rejects with the signal's reason.
   */
  async turn(priority: Priority = () => 0, signal?: AbortSignal): Promise<() => void> {
    const entry: Entry = { priority, start: null };
    if (!this.blocked(entry)) return this.admit(entry);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(entry);
        this.reschedule();
        reject(signal?.reason ?? new DOMException('The request was cancelled.', 'AbortError'));
      };
      entry.start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.release(entry);
  }

  /** Holds a place for a call of several steps; the steps' own turns are then not held back by it. */
  hold(priority: Priority = () => 0): () => void {
    return this.admit({ priority, start: null });
  }

  /** Starts whatever may start now (call it when a priority may have changed). */
  reschedule(): void {
    for (const entry of [...this.waiting]) {
      if (this.blocked(entry)) continue;
      this.waiting.delete(entry);
      this.active.add(entry);
      entry.start?.();
    }
  }

  /** How many calls wait (for tests and the bench). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  private blocked(entry: Entry): boolean {
    const mine = entry.priority();
    for (const other of this.active) if (other !== entry && other.priority() < mine) return true;
    for (const other of this.waiting) if (other !== entry && other.priority() < mine) return true;
    return false;
  }

  private admit(entry: Entry): () => void {
    this.active.add(entry);
    return this.release(entry);
  }

  private release(entry: Entry): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active.delete(entry);
      this.reschedule();
    };
  }
}
