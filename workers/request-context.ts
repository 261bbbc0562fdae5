// What a running request (or a shared dataset load) can ask of the worker while it works: whether
// it was cancelled, how to report progress, and a checkpoint that yields to the event loop so a
// `cancel` message sent by the page is seen. Used by worker-impl.ts and the analyses it runs.
import type { ProgressUpdate } from './api.js';

export type Phase = ProgressUpdate['phase'];

export interface RequestContext {
  readonly requestId: number;
  isCancelled(): boolean;
  /** Throws an AbortError when cancelled. */
  throwIfCancelled(): void;
  /** Reports progress (throttled to steps of 1% of the total and the end). */
  progress(phase: Phase, done: number, total: number | null): void;
  /**
   * Yields to the event loop (so a cancel message can arrive), then throws if cancelled. Call it
   * between chunks or iterations, every few tens of milliseconds of work.
   */
  checkpoint(): Promise<void>;
}

/**
 * A macrotask without setTimeout's 4 ms clamp: one message through a MessageChannel, one channel
 * for every yield (a new channel each time cost a tenth of a millisecond, at thousands of chunks).
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];
// Node's ports (tests, the CLI) keep the process alive while they listen: held only while a yield waits.
type NodePort = MessagePort & { ref?: () => void; unref?: () => void };

export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  if (!channel) {
    const c = (channel = new MessageChannel());
    c.port1.onmessage = () => {
      waiting.shift()?.();
      if (waiting.length === 0) (c.port1 as NodePort).unref?.();
    };
  }
  const { port1, port2 } = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    (port1 as NodePort).ref?.();
    port2.postMessage(null);
  });
}

/** Decides which progress updates are worth a message: a new phase, every 1%, the end. */
export class ProgressThrottle {
  private phase: Phase | null = null;
  private lastFraction = -1;
  private lastDone = -1;

  /** The update to send, or null to skip this one. */
  next(phase: Phase, done: number, total: number | null): Omit<ProgressUpdate, 'requestId'> | null {
    const known = total !== null && Number.isFinite(total) && total > 0;
    const fraction = known ? Math.min(1, Math.max(0, done / total)) : null;
    const newPhase = phase !== this.phase;
    let send = newPhase;
    if (!send && fraction !== null) send = fraction === 1 || fraction - this.lastFraction >= 0.01;
    // Without a total, report every doubling-ish step of work (a handful of messages per load).
    if (!send && fraction === null) send = done >= this.lastDone * 1.25 + 65536;
    if (!send) return null;
    this.phase = phase;
    this.lastFraction = fraction ?? -1;
    this.lastDone = done;
    return { phase, done, total: known ? total : null, fraction };
  }
}
