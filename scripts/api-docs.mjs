// Writes the README's API tables from custom-elements.json (made by `npm run docs`, which runs the
// custom elements manifest analyzer first):
//
//   node scripts/api-docs.mjs            rewrite README.md
//   node scripts/api-docs.mjs --check    exit 1 if README.md differs from what it would write
//   node scripts/api-docs.mjs --manifest FILE --readme FILE   other files (the tests use them)
//
// Per element (a class with a tag name in the manifest): attributes, properties, methods, events,
// CSS parts, slots and the CSS custom properties the element documents itself, between
// `<!-- api:<tag> -->` and `<!-- /api -->` wherever that pair sits in the README (an element's own
// section may hold it); elements without such a pair get a subsection in the generated block between
// `<!-- api:reference -->` and `<!-- /api:reference -->`, which also holds the design tokens every
// element takes (`<!-- api:tokens -->`). The result is formatted with the project's Prettier
// settings, so `npm run format:check` agrees with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : fallback);
  const manifestFile = opt('--manifest', resolve(root, 'custom-elements.json'));
  const readmeFile = opt('--readme', resolve(root, 'README.md'));
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const readme = readFileSync(readmeFile, 'utf8');
    const next = await formatted(writeApi(readme, manifest), readmeFile);
    if (args.includes('--check')) {
      if (next !== readme) {
        console.error('api-docs: the README API tables are out of date; run `npm run docs`');
        process.exit(1);
      }
      console.log('api-docs: the README API tables match custom-elements.json');
    } else if (next !== readme) {
      writeFileSync(readmeFile, next);
      console.log(`api-docs: wrote the API tables of ${elementsOf(manifest).length} elements`);
    } else console.log('api-docs: README.md is up to date');
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
