// Writes dist/summary.schema.json, the published summary's JSON Schema (draft 2020-12), from the
// built core (src/publish/schema.ts, with the descriptions of schema-documented.ts), so the package
// ships the schema as a file for readers who do not use JavaScript
// (`csc-demand-widgets/summary.schema.json`). Run by `npm run build` after rollup.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const { documentedSummarySchema } = await import(new URL('dist/core.js', root).href);
const out = fileURLToPath(new URL('dist/summary.schema.json', root));
writeFileSync(out, JSON.stringify(documentedSummarySchema(), null, 2) + '\n');
console.log(`summary-schema: wrote ${out}`);
