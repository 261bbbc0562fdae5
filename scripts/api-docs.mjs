// Writes the README's API tables and the demo's documentation pages (demo/docs/<tag>.html, with a
// live example, and demo/docs/index.html) from custom-elements.json (made by `npm run docs`, which
// runs the custom elements manifest analyzer first):
//
//   node scripts/api-docs.mjs            rewrite README.md and demo/docs/
//   node scripts/api-docs.mjs --check    exit 1 if any of them differs from what it would write
//   node scripts/api-docs.mjs --manifest FILE --readme FILE --docs DIR   other places (for tests)
//
// Per element (a class with a tag name in the manifest): attributes, properties, methods, events,
// CSS parts, slots and the CSS custom properties the element documents itself, between
// `<!-- api:<tag> -->` and `<!-- /api -->` wherever that pair sits in the README (an element's own
// section may hold it); elements without such a pair get a subsection in the generated block between
// `<!-- api:reference -->` and `<!-- /api:reference -->`, which also holds the design tokens every
// element takes (`<!-- api:tokens -->`). The result is formatted with the project's Prettier
// settings, so `npm run format:check` agrees with it.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { designTokens } from '../custom-elements-manifest.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Elements in the order a reader meets them; any other comes after, by tag name. */
const ORDER = ['csc-dataset-summary', 'demand-category-chart', 'rereferral-curve', 'attainment-gap-table'];
const LIFECYCLE = new Set([
  'render',
  'update',
  'updated',
  'willUpdate',
  'firstUpdated',
  'shouldUpdate',
  'requestUpdate',
  'performUpdate',
  'scheduleUpdate',
  'getUpdateComplete',
  'createRenderRoot',
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'adoptedCallback',
]);

const cell = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (s) => (s === undefined || s === null || s === '' ? '' : `\`${cell(s).replace(/`/g, "'")}\``);

function table(title, head, rows) {
  if (!rows.length) return '';
  const line = (r) => `| ${r.join(' | ')} |`;
  return [`**${title}**`, '', line(head), line(head.map(() => '---')), ...rows.map(line), ''].join('\n');
}

/** The custom elements of the manifest, in reading order. */
export function elementsOf(manifest) {
  const found = [];
  for (const mod of manifest.modules ?? [])
    for (const d of mod.declarations ?? []) if (d.customElement && d.tagName) found.push(d);
  const rank = (t) => (ORDER.includes(t) ? ORDER.indexOf(t) : ORDER.length);
  return found.sort((a, b) => rank(a.tagName) - rank(b.tagName) || a.tagName.localeCompare(b.tagName));
}

/** The markdown tables of one element. */
export function elementTables(el) {
  const tokens = new Map(designTokens().map((t) => [t.name, t.description]));
  const members = (el.members ?? []).filter((m) => !m.static && (m.privacy ?? 'public') === 'public');
  const fields = new Map(members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  const attrs = (el.attributes ?? []).map((a) => {
    const f = a.fieldName ? fields.get(a.fieldName) : undefined;
    return [
      code(a.name),
      code(a.fieldName),
      code(a.type?.text ?? f?.type?.text),
      code(a.default ?? f?.default),
      cell(a.description || f?.description),
    ];
  });
  const withAttr = new Set((el.attributes ?? []).map((a) => a.fieldName));
  const props = [...fields.values()]
    .filter((f) => !withAttr.has(f.name))
    .map((f) => [code(f.name), code(f.type?.text), code(f.default), cell(f.description)]);
  const methods = members
    .filter((m) => m.kind === 'method' && !LIFECYCLE.has(m.name) && !m.name.startsWith('_'))
    .map((m) => {
      const params = (m.parameters ?? []).map((p) => p.name).join(', ');
      return [code(`${m.name}(${params})`), cell(m.description)];
    });
  const events = (el.events ?? []).map((e) => [code(e.name), cell(e.description)]);
  const parts = (el.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]);
  const slots = (el.slots ?? []).map((s) => [code(s.name || '(default)'), cell(s.description)]);
  // The element's own entries; the design tokens the manifest adds to every element are one table.
  const cssProps = (el.cssProperties ?? [])
    .filter((p) => tokens.get(p.name) !== p.description)
    .map((p) => [code(p.name), code(p.default), cell(p.description)]);
  return [
    table('Attributes', ['Attribute', 'Property', 'Type', 'Default', 'Description'], attrs),
    table('Properties', ['Property', 'Type', 'Default', 'Description'], props),
    table('Methods', ['Method', 'Description'], methods),
    table('Events', ['Event', 'Description'], events),
    table('CSS parts', ['Part', 'Description'], parts),
    table('Slots', ['Slot', 'Description'], slots),
    table('CSS custom properties', ['Property', 'Default', 'Description'], cssProps),
    'Every element also takes the [design tokens](#design-tokens).\n',
  ]
    .filter(Boolean)
    .join('\n');
}

export function tokensTable() {
  return table(
    'Design tokens',
    ['Property', 'Default', 'Description'],
    designTokens().map((t) => [code(t.name), code(t.default), cell(t.description)]),
  );
}

const block = (name, body) => `<!-- api:${name} -->\n\n${body.trim()}\n\n<!-- /api -->`;

/** The README with every API block written from `manifest` (not yet formatted). */
export function writeApi(readme, manifest) {
  let text = readme;
  const start = '<!-- api:reference -->';
  const end = '<!-- /api:reference -->';
  if (!text.includes(start) || !text.includes(end))
    throw new Error(`api-docs: README.md needs a ${start} ... ${end} block (the generated API reference)`);
  const elements = elementsOf(manifest);
  const outside = text.slice(0, text.indexOf(start)) + text.slice(text.indexOf(end));
  const reference = [
    'Generated from `custom-elements.json` by `npm run docs`: edit the class comments, not these tables.',
    '',
  ];
  for (const el of elements) {
    if (outside.includes(`<!-- api:${el.tagName} -->`)) continue;
    reference.push(`### \`<${el.tagName}>\``, '', block(el.tagName, elementTables(el)), '');
  }
  reference.push('### Design tokens', '', block('tokens', tokensTable()), '');
  text =
    text.slice(0, text.indexOf(start) + start.length) +
    '\n\n' +
    reference.join('\n') +
    '\n' +
    text.slice(text.indexOf(end));
  for (const el of elements) {
    const re = new RegExp(`<!-- api:${el.tagName} -->[\\s\\S]*?<!-- /api -->`);
    text = text.replace(re, block(el.tagName, elementTables(el)));
  }
  return text;
}

export async function formatted(markdown, file) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...options, filepath: file });
}

/** HTML text: escapes what markup would read. */
const esc = (s) =>
  String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
/** Markdown-ish inline code (`x`) in a description as <code>. */
const inline = (s) =>
  esc(
    String(s ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
  ).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The live example of each element on its docs page (the demo's synthetic council). */
const EXAMPLES = {
  'csc-dataset-summary':
    '<csc-dataset-summary src="../data/assessments.csv" heading-level="3"></csc-dataset-summary>',
  'demand-category-chart':
    '<demand-category-chart src="../data/assessments.csv" heading-level="3"></demand-category-chart>',
  'rereferral-curve':
    '<rereferral-curve src="../data/assessments.csv" group="category" heading-level="3"></rereferral-curve>',
  'attainment-gap-table':
    '<attainment-gap-table src="../data/assessments.csv" pupils-src="../data/pupils.csv" key-stage="4" outcome="attainment8" heading-level="3"></attainment-gap-table>',
};

function htmlTable(caption, head, rows) {
  if (!rows.length) return '';
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-scroll"><table class="api-table"><caption>${esc(caption)}</caption>
<thead><tr>${th}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}

const codeCell = (s) =>
  s === undefined || s === null || s === '' ? '' : `<code>${esc(String(s).replace(/\s+/g, ' '))}</code>`;

function page({ title, description, body, crumbs }) {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${esc(title)} – csc-demand-widgets</title>
<meta name="description" content="${esc(description)}" />
<link rel="icon" href="../favicon.svg" type="image/svg+xml" />
<link rel="stylesheet" href="../demo.css" />
<link rel="stylesheet" href="../pages.css" />
<script type="module" src="docs.js"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="width"><a class="site-name" href="../">csc-demand-widgets</a>
<span class="service-name">Documentation</span></div></header>
<div class="width">
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${crumbs}</ol></nav>
<main id="main" tabindex="-1">
${body}
</main>
</div>
<footer class="site-footer"><div class="width"><p>Generated from <code>custom-elements.json</code> by
<code>npm run docs</code> (scripts/api-docs.mjs). Open source under the MIT licence.</p></div></footer>
</body>
</html>
`;
}

/** The docs page of one element. */
export function elementPage(el) {
  const tokens = new Map(designTokens().map((t) => [t.name, t.description]));
  const members = (el.members ?? []).filter((m) => !m.static && (m.privacy ?? 'public') === 'public');
  const fields = new Map(members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  const withAttr = new Set((el.attributes ?? []).map((a) => a.fieldName));
  const example = EXAMPLES[el.tagName] ?? `<${el.tagName} src="../data/assessments.csv"></${el.tagName}>`;
  const sections = [
    `<h1><code>&lt;${esc(el.tagName)}&gt;</code></h1>`,
    `<p class="lead">${inline(el.description)}</p>`,
    '<h2>Example</h2>',
    `<pre class="code"><code>${esc(example)}</code></pre>`,
    '<p>On the synthetic council of the demo (no real child&#39;s data):</p>',
    `<div class="example">${example}</div>`,
    '<h2>API</h2>',
    htmlTable(
      'Attributes',
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      (el.attributes ?? []).map((a) => {
        const f = a.fieldName ? fields.get(a.fieldName) : undefined;
        return [
          codeCell(a.name),
          codeCell(a.fieldName),
          codeCell(a.type?.text ?? f?.type?.text),
          codeCell(a.default ?? f?.default),
          inline(a.description || f?.description),
        ];
      }),
    ),
    htmlTable(
      'Properties',
      ['Property', 'Type', 'Default', 'Description'],
      [...fields.values()]
        .filter((f) => !withAttr.has(f.name))
        .map((f) => [codeCell(f.name), codeCell(f.type?.text), codeCell(f.default), inline(f.description)]),
    ),
    htmlTable(
      'Methods',
      ['Method', 'Description'],
      members
        .filter((m) => m.kind === 'method' && !LIFECYCLE.has(m.name) && !m.name.startsWith('_'))
        .map((m) => [
          codeCell(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
          inline(m.description),
        ]),
    ),
    htmlTable(
      'Events',
      ['Event', 'Description'],
      (el.events ?? []).map((e) => [codeCell(e.name), inline(e.description)]),
    ),
    htmlTable(
      'CSS parts',
      ['Part', 'Description'],
      (el.cssParts ?? []).map((p) => [codeCell(p.name), inline(p.description)]),
    ),
    htmlTable(
      'Slots',
      ['Slot', 'Description'],
      (el.slots ?? []).map((x) => [codeCell(x.name || '(default)'), inline(x.description)]),
    ),
    htmlTable(
      'CSS custom properties',
      ['Property', 'Default', 'Description'],
      // The element's own properties; the design tokens every element takes are listed once, on the
      // index page, as in the README (one table, not the same rows on every page).
      (el.cssProperties ?? [])
        .filter((p) => tokens.get(p.name) !== p.description)
        .map((p) => [codeCell(p.name), codeCell(p.default), inline(p.description)]),
    ),
    '<p>Every element also takes the <a href="./#design-tokens">design tokens</a>.</p>',
  ];
  return page({
    title: `<${el.tagName}>`,
    description: el.description ?? el.tagName,
    body: sections.filter(Boolean).join('\n'),
    crumbs: '<li><a href="../">Demo</a></li><li><a href="./">Documentation</a></li>',
  });
}

/** The docs index: the elements, the framework examples, the strict-CSP page, the statement. */
export function indexPage(elements) {
  const items = elements
    .map(
      (el) =>
        `<li><a href="${esc(el.tagName)}.html"><code>&lt;${esc(el.tagName)}&gt;</code></a>: ${inline(el.description)}</li>`,
    )
    .join('\n');
  const body = `<h1>Documentation</h1>
<p class="lead">The elements of csc-demand-widgets, each with a live example and its attributes, properties, events, CSS parts and custom properties.</p>
<h2>Elements</h2>
<ul class="contents">
${items}
</ul>
<h2>Guides</h2>
<ul class="contents">
<li><a href="../frameworks/react.html">Use with React</a></li>
<li><a href="../frameworks/vue.html">Use with Vue</a></li>
<li><a href="../csp.html">The widgets under a strict Content-Security-Policy</a></li>
<li><a href="../../docs/accessibility-statement.md">Accessibility statement template</a> (Markdown)</li>
</ul>
<h2 id="design-tokens">Design tokens</h2>
<p>Every element takes these CSS custom properties; set them once on a page or a container to match the site.</p>
${htmlTable(
  'Design tokens',
  ['Property', 'Default', 'Description'],
  designTokens().map((t) => [codeCell(t.name), codeCell(t.default), inline(t.description)]),
)}`;
  return page({
    title: 'Documentation',
    description: 'The elements of csc-demand-widgets: live examples and API.',
    body,
    crumbs: '<li><a href="../">Demo</a></li>',
  });
}

/** Every docs page: file name -> HTML (not yet formatted). */
export function docsPages(manifest) {
  const elements = elementsOf(manifest);
  const pages = { 'index.html': indexPage(elements) };
  for (const el of elements) pages[`${el.tagName}.html`] = elementPage(el);
  return pages;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : fallback);
  const manifestFile = opt('--manifest', resolve(root, 'custom-elements.json'));
  const readmeFile = opt('--readme', resolve(root, 'README.md'));
  const docsDir = opt('--docs', resolve(root, 'demo', 'docs'));
  const check = args.includes('--check');
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const wanted = new Map([
      [readmeFile, await formatted(writeApi(readFileSync(readmeFile, 'utf8'), manifest), readmeFile)],
    ]);
    for (const [name, html] of Object.entries(docsPages(manifest))) {
      const file = join(docsDir, name);
      wanted.set(file, await formatted(html, file));
    }
    const stale = [...wanted].filter(
      ([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text,
    );
    // A page of an element that is gone is stale too.
    const extra = existsSync(docsDir)
      ? readdirSync(docsDir).filter((f) => f.endsWith('.html') && !wanted.has(join(docsDir, f)))
      : [];
    if (check) {
      if (stale.length || extra.length) {
        const names = [...stale.map(([f]) => f), ...extra.map((f) => join(docsDir, f))];
        console.error(`api-docs: out of date: ${names.join(', ')}; run \`npm run docs\``);
        process.exit(1);
      }
      console.log('api-docs: the README API tables and demo/docs match custom-elements.json');
    } else {
      mkdirSync(docsDir, { recursive: true });
      for (const [file, text] of stale) writeFileSync(file, text);
      for (const f of extra)
        console.warn(`api-docs: ${join(docsDir, f)} documents no element now; delete it`);
      console.log(`api-docs: ${elementsOf(manifest).length} elements; ${stale.length} files written`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
