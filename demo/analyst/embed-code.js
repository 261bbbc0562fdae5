// The code an analyst hands to the web editor: the elements with `results-src` behind one script
// tag, or one iframe per view of the kit's embed.html (for a CMS that takes no script from an
// editor), and a paragraph for the accessibility statement. Text only: the page shows it in a
// read-only text box, never as HTML.

/** `"` and `&` and `<` escaped for an attribute value in double quotes. */
const attr = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Heights an iframe keeps where the resize script is stripped: room for each view at phone width. */
const FALLBACK_HEIGHT = {
  'demand-category-chart': 1100,
  'rereferral-curve': 1200,
  'attainment-gap-table': 900,
  'pathway-chart': 1100,
};

/** The script-tag code: the kit once, then each element reading summary.json. */
export function scriptCode(site, views) {
  const lines = [
    `<script type="module" src="${attr(new URL('csc-demand-widgets.js', site).href)}"></script>`,
  ];
  const summary = new URL('summary.json', site).href;
  for (const { tag, attributes } of views) {
    const attrs = Object.entries({ 'results-src': summary, ...attributes })
      .map(([k, v]) => `\n  ${k}="${attr(v)}"`)
      .join('');
    lines.push(`<${tag}${attrs}\n></${tag}>`);
  }
  return lines.join('\n') + '\n';
}

/** The embed.html address for one view: the element and its attributes as query parameters. */
export function embedUrl(site, { tag, attributes }) {
  const url = new URL('embed.html', site);
  url.searchParams.set('element', tag);
  // Relative to embed.html: the summary sits beside it, on the same origin, as embed.html requires.
  url.searchParams.set('results-src', 'summary.json');
  for (const [k, v] of Object.entries(attributes)) url.searchParams.set(k, v);
  return url.href;
}

/** The iframe code: an iframe per view with a title and a fixed height, then the optional resizer. */
export function iframeCode(site, views) {
  const lines = views.map(
    (v) =>
      `<iframe src="${attr(embedUrl(site, v))}" title="${attr(v.attributes.heading)}" width="100%" ` +
      `height="${FALLBACK_HEIGHT[v.tag] ?? 1000}" loading="lazy" data-csc-embed></iframe>`,
  );
  lines.push(`<script src="${attr(new URL('embed-resize.js', site).href)}" async></script>`);
  return lines.join('\n') + '\n';
}

/** A paragraph for the page's accessibility statement, with the disclosure rule in force. */
export function accessibilityStatement(summary) {
  const t = summary.metadata.disclosure.threshold;
  return (
    'The charts and tables of children’s social care figures on this page are made with csc-demand-widgets. ' +
    'Each chart has a table of the same figures beneath it and a one-sentence summary above it, can be used ' +
    'with a keyboard alone, and follows the reader’s colour and contrast settings; the page was checked ' +
    'against the Web Content Accessibility Guidelines 2.2 at level AA with the axe-core checker. Each chart ' +
    'and table can be downloaded as a CSV file. To protect children’s privacy, counts from 1 to ' +
    `${t} are shown as c, and so are counts that would let such a number be worked out from the others. ` +
    'If you need the figures in another format, contact us.\n'
  );
}
