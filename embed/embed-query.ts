// The embed page's query string, checked: `?element=rereferral-curve&results-src=summary.json&view=...`
// is one element of the manifest, its published figures, and attributes of that element with values
// it takes, and nothing else. A link to the embed page is a link anyone can write, and the page shows
// what it names under the council's address: so an unknown parameter, a second copy of one, a value
// outside an attribute's list or figures from another site make the page refuse, naming what it
// refused and what it accepts, rather than show something the council did not publish.

/** What one attribute accepts (scripts/embed-manifest.mjs): listed values, a number, a flag or text. */
export type Accepts = { values: string[] } | { type: 'number' | 'boolean' | 'string' };
/** tag -> attribute -> what it accepts. */
export type EmbedManifest = Record<string, Record<string, Accepts>>;

export interface EmbedRequest {
  tag: string;
  /** The figures' URL, absolute. */
  resultsSrc: string;
  /** Attributes to set, as given (checked). */
  attributes: Record<string, string>;
}

export interface EmbedContext {
  /** The embed page's own URL (results-src is relative to it). */
  pageUrl: string;
  /** Origins besides the page's own that figures may come from (the page's allow-list meta). */
  allowedOrigins: readonly string[];
}

/** Longest text value taken (a heading, a list of groups): more is not an attribute but a payload. */
const MAX_TEXT = 300;

export class EmbedQueryError extends Error {}

function checkValue(tag: string, name: string, value: string, accepts: Accepts): void {
  const bad = (expected: string) =>
    new EmbedQueryError(`The ${name} of ${tag} should be ${expected}; got "${value.slice(0, 60)}".`);
  if ('values' in accepts) {
    if (!accepts.values.includes(value)) throw bad(`one of ${accepts.values.join(', ')}`);
  } else if (accepts.type === 'number') {
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw bad('a number');
  } else if (accepts.type === 'boolean') {
    if (value !== '' && value !== 'true') throw bad('empty or "true" (the attribute is a flag)');
  } else if (value.length > MAX_TEXT || [...value].some((ch) => ch < ' ' || ch === '\u007f')) {
    throw bad(`text of at most ${MAX_TEXT} characters, without control characters`);
  }
}

/** The figures' URL if the page may read it: http(s), and the page's own origin or an allowed one. */
function checkResultsSrc(value: string | null, ctx: EmbedContext): string {
  if (!value) throw new EmbedQueryError('results-src is missing: give the address of a published summary.');
  let url: URL;
  try {
    url = new URL(value, ctx.pageUrl);
  } catch {
    throw new EmbedQueryError(`results-src is not a web address: "${value.slice(0, 60)}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new EmbedQueryError(`results-src should be an http or https address; got ${url.protocol}.`);
  const own = new URL(ctx.pageUrl).origin;
  if (url.origin !== own && !ctx.allowedOrigins.includes(url.origin))
    throw new EmbedQueryError(
      `results-src is on ${url.origin}, and this page reads figures only from ${[own, ...ctx.allowedOrigins].join(', ')}. ` +
        'Put the summary beside embed.html, or list its site in the page’s csc-embed-allowed-origins meta tag (and its Content-Security-Policy connect-src).',
    );
  return url.href;
}

/** Checks the query string against the manifest: the request, or an EmbedQueryError saying why not. */
export function checkEmbedQuery(search: string, manifest: EmbedManifest, ctx: EmbedContext): EmbedRequest {
  const params = new URLSearchParams(search);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) throw new EmbedQueryError(`The parameter ${key} is given twice.`);
    seen.add(key);
  }
  const tag = params.get('element');
  const tags = Object.keys(manifest);
  if (!tag) throw new EmbedQueryError(`element is missing: give one of ${tags.join(', ')}.`);
  const allowed = Object.hasOwn(manifest, tag) ? manifest[tag]! : null;
  if (!allowed)
    throw new EmbedQueryError(`element should be one of ${tags.join(', ')}; got "${tag.slice(0, 60)}".`);
  const resultsSrc = checkResultsSrc(params.get('results-src'), ctx);
  const attributes: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name === 'element' || name === 'results-src') continue;
    const accepts = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (!accepts)
      throw new EmbedQueryError(
        `${tag} has no attribute "${name.slice(0, 60)}" that an embed may set; it takes ${Object.keys(allowed).join(', ')}.`,
      );
    checkValue(tag, name, value, accepts);
    attributes[name] = value;
  }
  return { tag, resultsSrc, attributes };
}
