// What dist/embed.html accepts, read from the kit's custom-elements.json (the manifest its elements'
// doc comments generate): for each element that shows published figures (it has `results-src`),
// its attributes with the values each takes. The build bakes the result into dist/embed.js, so the
// embed page checks a query string against the manifest without fetching it.
//
// Left out, on purpose: attributes that read record-level data or fetch another file (`src`,
// `pupils-src`, `scheme-src`, `extract-date` and `month-first` only matter for records), `public`
// (an embed is always public) and read-only `status`. `results-src` is checked apart (its origin).
// <csc-dataset-summary> is left out too: its `results-src` is a description of a file, not a
// published summary, and a public page has no file to describe.

export const RECORD_LEVEL = [
  'src',
  'pupils-src',
  'scheme-src',
  'extract-date',
  'month-first',
  'public',
  'status',
];
const NOT_EMBEDDED = ['csc-dataset-summary'];

/** An attribute's type text (`'a' | 'b' | null`, `number | null`, `string`) as what it accepts. */
export function accepts(typeText) {
  const parts = String(typeText ?? 'string')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'null' && p !== 'undefined');
  if (parts.length && parts.every((p) => /^'[^']*'$/.test(p)))
    return { values: parts.map((p) => p.slice(1, -1)) };
  if (parts.length === 1 && parts[0] === 'number') return { type: 'number' };
  if (parts.length === 1 && parts[0] === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}

/** tag -> attribute -> what it accepts, for the elements an embed may show. */
export function embedManifest(manifest) {
  const out = {};
  for (const mod of manifest.modules ?? [])
    for (const d of mod.declarations ?? []) {
      if (!d.tagName || NOT_EMBEDDED.includes(d.tagName)) continue;
      const attrs = d.attributes ?? [];
      if (!attrs.some((a) => a.name === 'results-src')) continue;
      const allowed = {};
      for (const a of attrs)
        if (!RECORD_LEVEL.includes(a.name) && a.name !== 'results-src')
          allowed[a.name] = accepts(a.type?.text);
      out[d.tagName] = allowed;
    }
  return out;
}
