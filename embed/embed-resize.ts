// dist/embed-resize.js: the optional one line a parent page adds after its iframes of embed.html,
//   <script src="https://…/embed-resize.js" async></script>
// so each iframe takes the height of its content on every screen. Without it an iframe keeps the
// fixed height it was given (the embed code's fallback), and scrolls inside it.
//
// A message changes an iframe's height only when it comes from that iframe's window and from the
// origin of that iframe's address: another frame, or a page the iframe was navigated to elsewhere,
// cannot resize anything. The script asks each iframe marked data-csc-embed for its height as soon as
// it runs and whenever the iframe loads, in case the iframe told it before the script arrived. A classic script of no imports (a CMS may not take modules).
const HEIGHT = 'csc-embed:height';
const MEASURE = 'csc-embed:measure';
/** A height beyond this is not a page of figures: ignored. */
const MAX_HEIGHT = 20000;

function originOf(frame: HTMLIFrameElement): string | null {
  try {
    return new URL(frame.src, location.href).origin;
  } catch {
    return null;
  }
}

window.addEventListener('message', (e) => {
  const data = e.data as { type?: unknown; height?: unknown } | null;
  if (!data || data.type !== HEIGHT || typeof data.height !== 'number') return;
  if (!(data.height > 0 && data.height <= MAX_HEIGHT)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow !== e.source) continue;
    if (originOf(frame) === e.origin) frame.height = String(Math.ceil(data.height));
    return;
  }
});

/** Asks one iframe for its height, at its own origin (an iframe not yet navigated is skipped). */
function ask(frame: HTMLIFrameElement): void {
  const origin = originOf(frame);
  if (origin && origin !== 'null') frame.contentWindow?.postMessage({ type: MEASURE }, origin);
}

// Each iframe is asked now, and again whenever it loads (or navigates). Now, whatever the page's state:
// an async script can run after an iframe has loaded and drawn (its heights posted to no one) while
// the page itself is still loading, and such an iframe, its height settled, would never speak again
// (Firefox on a busy machine ran it in that order). An iframe still on its blank placeholder is asked
// at the embed's origin, which the placeholder is not, so the browser drops that question unread.
// Loads are heard on the document (the capture phase: load does not bubble), so an iframe a CMS
// inserts after this script ran is asked too.
const EMBED = 'iframe[data-csc-embed]';
document.addEventListener(
  'load',
  (e) => {
    if (e.target instanceof HTMLIFrameElement && e.target.matches(EMBED)) ask(e.target);
  },
  true,
);
for (const frame of document.querySelectorAll<HTMLIFrameElement>(EMBED)) ask(frame);
