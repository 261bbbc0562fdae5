// @custom-elements-manifest/analyzer: `npm run docs` builds custom-elements.json from the elements'
// class comments (@element, @attr, @prop, @fires, @csspart, @cssprop, @slot) and their Lit properties;
// scripts/api-docs.mjs then writes the README's API tables from it.
//
// Two corrections to what the analyzer reads from Lit code, one addition, and a fixed order (modules
// sorted by path):
// - Lit's internal reactive state (`{state: true}` in `static properties`) is not an attribute or a
//   property of the element's API: removed;
// - an event is the API when a class comment documents it with @fires; the base class's generic
//   `dispatchEvent(new CustomEvent(type, ...))` otherwise shows up as an event named "type": removed;
// - every element takes the kit's design tokens (components/internal/tokens.ts: each public token
//   with its light default and the comment after it, its `-dark` twin, and the chart's minimum
//   height): added as CSS custom properties, after those the element documents itself.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const TOKENS_FILE = new URL('./components/internal/tokens.ts', import.meta.url);

/** The design tokens as manifest CSS properties: `{name, default, description}`. */
export function designTokens() {
  const source = readFileSync(TOKENS_FILE, 'utf8');
  const tokens = [];
  const light = /^\s*'(--csc-[a-z0-9-]+)':\s*'([^']*)',\s*\/\/\s*(.+)$/gm;
  for (const [, name, value, description] of source.matchAll(light))
    tokens.push({ name, default: value, description: description.trim() });
  const dark = /var\((--csc-[a-z0-9-]+)-dark,\s*([^)]+)\)/g;
  const seen = new Set();
  for (const [, base, value] of source.matchAll(dark)) {
    if (seen.has(base)) continue;
    seen.add(base);
    const of = tokens.find((t) => t.name === base);
    tokens.push({
      name: `${base}-dark`,
      default: value.trim(),
      description: `${of ? of.description : base} in dark mode (the reader's setting or theme="dark")`,
    });
  }
  tokens.push({
    name: '--csc-chart-min-height',
    default: '12rem',
    description: 'space a chart keeps before Vega has drawn it (so the page does not jump)',
  });
  return tokens;
}

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * The kit's type aliases that are unions of literals (`DemandView`, `Dimension`, `SortColumn` ...),
 * by name, as the union they stand for (`'share' | 'trend' | ...`), found by TypeScript's checker
 * so an alias built from another (`DemandCharacteristic['dimension']`) is followed to its values.
 */
export function literalUnions(files = tsFiles('components')) {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const unions = new Map();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('node_modules')) continue;
    for (const st of file.statements) {
      if (!ts.isTypeAliasDeclaration(st) || st.typeParameters) continue;
      // Written out as literals: their order as written; otherwise the checker's expansion.
      const written = ts.isUnionTypeNode(st.type) ? st.type.types : [st.type];
      if (written.every((t) => ts.isLiteralTypeNode(t) && !ts.isPrefixUnaryExpression(t.literal))) {
        unions.set(st.name.text, written.map((t) => t.literal.getText(file).replace(/"/g, "'")).join(' | '));
        continue;
      }
      const type = checker.getTypeAtLocation(st.name);
      const parts = type.isUnion() ? type.types : [type];
      if (!parts.every((t) => t.isStringLiteral() || t.isNumberLiteral())) continue;
      unions.set(
        st.name.text,
        parts.map((t) => (t.isStringLiteral() ? `'${t.value}'` : String(t.value))).join(' | '),
      );
    }
  }
  return unions;
}

/** `DemandView | null` as `'share' | 'trend' | ... | null`: each alias part of a type text expanded. */
function expandType(text, unions) {
  return text
    .split(' | ')
    .map((part) => unions.get(part.trim()) ?? part)
    .join(' | ');
}

function cleanLitApi() {
  /** class name -> names of its `{state: true}` properties */
  const stateProps = new Map();
  return {
    name: 'csc-clean-lit-api',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || !ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties')
          continue;
        const init = member.initializer;
        if (!init || !ts.isObjectLiteralExpression(init)) continue;
        const names = [];
        for (const p of init.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) continue;
          const state = p.initializer.properties.some(
            (q) =>
              ts.isPropertyAssignment(q) &&
              q.name.getText() === 'state' &&
              q.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (state) names.push(p.name.getText().replace(/^['"]|['"]$/g, ''));
        }
        stateProps.set(node.name.getText(), new Set(names));
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists files in the order it finds them, which varies between runs: sort them, so
      // the manifest is the same whenever the sources are.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      const tokens = designTokens();
      // Attribute and property types as the values they allow, not alias names an editor cannot
      // offer ("DemandView"): what a page author types into markup.
      const unions = literalUnions();
      const expand = (item) => {
        if (item.type?.text) item.type.text = expandType(item.type.text, unions);
      };
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          const isState = (item) =>
            stateProps.get(item.inheritedFrom?.name ?? decl.name)?.has(item.fieldName ?? item.name);
          if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !isState(a));
          if (decl.members) decl.members = decl.members.filter((m) => m.kind !== 'field' || !isState(m));
          if (decl.events) decl.events = decl.events.filter((e) => e.description || e.name !== 'type');
          // <csc-vega-chart> is registered by a function (internal/define-chart.ts), which the
          // analyzer does not follow: its tag is stated here.
          if (decl.name === 'CscVegaChart') {
            decl.customElement = true;
            decl.tagName = 'csc-vega-chart';
          }
          for (const item of [...(decl.attributes ?? []), ...(decl.members ?? [])]) expand(item);
          if (decl.customElement && decl.tagName) {
            const own = decl.cssProperties ?? [];
            const named = new Set(own.map((p) => p.name));
            decl.cssProperties = [...own, ...tokens.filter((t) => !named.has(t.name))];
          }
        }
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.d.ts', 'components/**/*.spec.ts', 'components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [cleanLitApi()],
};
