// dist/embed.js, the script of dist/embed.html: one element of the kit, showing published figures,
// for an iframe on a page that takes no script (SharePoint Online's Embed web part, WordPress for
// non-administrators, Drupal's restricted text formats).
//
// - The query string is checked against the manifest (embed-query.ts); what is refused is said on
//   the page, and nothing is shown.
// - Figures come from the page's own origin, or from origins the page lists in
//   `<meta name="csc-embed-allowed-origins" content="https://a.example https://b.example">` (space
//   separated; the page's Content-Security-Policy must let connect-src reach them too).
// - The page's height goes to the parent window whenever it changes, so the parent's resize script
//   (embed-resize.ts) can fit the iframe to it. The message holds the height and the element's name
//   only, both public; it goes to the parent's origin where the browser tells it (ancestorOrigins,
//   or the referrer), else to any. A parent asking for it (`{type: 'csc-embed:measure'}`) gets the
//   answer at its own origin only.
// - The kit itself is loaded from beside this script (./csc-demand-widgets.js), after the check, so a
//   refused query loads nothing more.
import manifest from 'virtual:csc-embed-manifest';
import { checkEmbedQuery, EmbedQueryError, type EmbedRequest } from './embed-query.js';

export const HEIGHT_MESSAGE = 'csc-embed:height';
export const MEASURE_MESSAGE = 'csc-embed:measure';

/** The kit beside this script, as a URL, so no bundler resolves (and bundles) it. */
const KIT = new URL('./csc-demand-widgets.js', import.meta.url).href;

function allowedOrigins(): string[] {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="csc-embed-allowed-origins"]');
  return (meta?.content ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((o) => {
      try {
        return [new URL(o).origin];
      } catch {
        return [];
      }
    });
}

function parentOrigin(): string {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length) return ancestors[0]!;
  try {
    if (document.referrer) return new URL(document.referrer).origin;
  } catch {
    /* no usable referrer */
  }
  return '*';
}

/** The page's height: the body's box (embed.css gives html and body no margin), not the viewport's. */
const height = (): number => Math.ceil(document.body.getBoundingClientRect().height);

/** Tells the parent the page's height now and whenever it changes. */
function postHeights(tag: string | null): void {
  if (window.parent === window) return;
  const target = parentOrigin();
  let last = -1;
  const post = (to: string, force = false) => {
    const h = height();
    if (h === last && !force) return;
    last = h;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height: h, element: tag }, to);
  };
  new ResizeObserver(() => post(target)).observe(document.body);
  // And once a second, as a fallback: the observer reports only at the frame's rendering steps, which
  // the browser may hold back for a cross-origin frame (out of view, or a busy machine). In one CI run
  // an iframe stayed at the 128 px of its loading state for a minute while its page had grown to
  // 1812 px, scrolled into view. A measure that finds the height unchanged sends nothing.
  setInterval(() => post(target), 1000);
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || e.data?.type !== MEASURE_MESSAGE) return;
    post(e.origin, true);
    // The answer above is measured between frames, and can catch a height the page holds only for a
    // moment (an element between two renders): Firefox in CI answered 4836 px while the page drew,
    // which settled at 4768 px; the ResizeObserver, which compares only at frames, saw 4768 before
    // and after, so it never spoke again and the iframe stayed 68 px too tall. Measured again at the
    // next frame, where the observer looks, a passing height is corrected.
    requestAnimationFrame(() => post(e.origin));
  });
}

function refuse(root: HTMLElement, reason: string): void {
  const p = document.createElement('p');
  p.className = 'embed-error';
  p.setAttribute('role', 'alert');
  p.textContent = `These figures cannot be shown here. ${reason}`;
  root.replaceChildren(p);
  document.title = 'Figures not shown';
}

async function show(root: HTMLElement, request: EmbedRequest): Promise<void> {
  await import(/* @vite-ignore */ KIT);
  const el = document.createElement(request.tag);
  for (const [name, value] of Object.entries(request.attributes)) el.setAttribute(name, value);
  // Public whatever the query says: an embed shows published figures only.
  el.setAttribute('public', '');
  el.setAttribute('results-src', request.resultsSrc);
  root.replaceChildren(el);
  await customElements.whenDefined(request.tag);
  const heading =
    request.attributes.heading || (el as HTMLElement & { defaultHeading?: string }).defaultHeading;
  if (heading) document.title = heading;
}

const root = document.getElementById('embed') ?? document.body;
let request: EmbedRequest | null = null;
try {
  request = checkEmbedQuery(location.search, manifest, {
    pageUrl: location.href,
    allowedOrigins: allowedOrigins(),
  });
} catch (e) {
  if (!(e instanceof EmbedQueryError)) throw e;
  refuse(root, e.message);
}
postHeights(request?.tag ?? null);
if (request) show(root, request).catch((e) => refuse(root, e instanceof Error ? e.message : String(e)));
