// A fresh task of the page's main thread for an element's next piece of work: its first render, and
// its render of a result, each in a task of its own rather than in the one that loaded the kit (every
// element's first render with the module's evaluation) or the one that received the worker's answer
// (the message's deserialisation). Each is tens of milliseconds; together they made tasks of 70 to
// 160 ms that held the reader's scrolling and typing.
// A MessageChannel message, not setTimeout (clamped to 4 ms when nested). When the page is about to
// print, every waiting piece goes on at once: the printout is laid out as soon as `beforeprint`
// listeners return. The listener is there only while a piece waits (a page keeps none of ours).
const waiting = new Set<() => void>();

/** Calls `go` in a fresh task of the main thread (vega-slice.ts breaks a chart's drawing with it too). */
export function inFreshTask(go: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    go();
  };
  channel.port2.postMessage(null);
}

function flush(): void {
  for (const go of [...waiting]) go();
}

/** Resolves in a fresh task (at once where there is no MessageChannel, or when printing starts). */
export function nextElementTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return Promise.resolve();
  const canListen = typeof globalThis.addEventListener === 'function';
  return new Promise<void>((resolve) => {
    const go = () => {
      if (!waiting.delete(go)) return;
      if (!waiting.size && canListen) globalThis.removeEventListener('beforeprint', flush);
      resolve();
    };
    if (!waiting.size && canListen) globalThis.addEventListener('beforeprint', flush);
    waiting.add(go);
    inFreshTask(go);
  });
}
