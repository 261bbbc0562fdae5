// An element's place in the worker's queue (workers/schedule.ts): 0 while it is in the viewport,
// 1 below (or above) the fold. An IntersectionObserver keeps the answer and tells the client to look
// at its queue again when it changes, so work for a chart the reader scrolls to is promoted; before
// the observer's first report the element's box is measured once, so the first requests (sent as
// the page loads, before any observer callback) are already in the right order.
import type { AnalysisClient, Priority } from '../../workers/client.js';

export class InViewPriority {
  private inView: boolean | null = null;
  private observer: IntersectionObserver | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly onChange: () => void,
  ) {}

  connect(): void {
    if (this.observer || typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (!last || last.isIntersecting === this.inView) return;
      this.inView = last.isIntersecting;
      this.onChange();
    });
    this.observer.observe(this.host);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.inView = null;
    this.measured = null;
  }

  /** The box measured before the observer's first report, kept until that report. */
  private measured: number | null = null;

  readonly priority: Priority = () => {
    if (this.inView !== null) return this.inView ? 0 : 1;
    if (!this.host.isConnected || typeof window === 'undefined') return 0;
    // Measured once: the queue reads every waiting call's priority whenever it decides, and each
    // measure of a page still being built forced a layout (tens of ms in the page's first task).
    if (this.measured === null) {
      const r = this.host.getBoundingClientRect();
      const seen =
        r.bottom >= 0 && r.top <= window.innerHeight && r.right >= 0 && r.left <= window.innerWidth;
      this.measured = seen ? 0 : 1;
    }
    return this.measured;
  };
}

/**
 * The client as an element's compute() sees it: every load, analysis and request carries the
 * element's priority; everything else is the shared client's own.
 */
export function withPriority(client: AnalysisClient, priority: Priority): AnalysisClient {
  return new Proxy(client, {
    get(target, name) {
      if (name === 'analyse')
        return (method: never, source: never, options: never, call: object = {}) =>
          target.analyse(method, source, options, { priority, ...call });
      if (name === 'loadDataset')
        return (source: never, options: object = {}) => target.loadDataset(source, { priority, ...options });
      if (name === 'request')
        return (method: never, args: never, call: object = {}) =>
          target.request(method, args, { priority, ...call });
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
