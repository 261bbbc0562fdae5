// Comparing two summaries figure by figure (the SQL route's tests), and a summary with the hazard
// ratios set aside (a summary from aggregates leaves them out, saying so).

/** Paths where a and b differ: numbers beyond 1e-9 (relative, or absolute near zero), anything else unequal. */
export function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))) out.push(`${path}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, out));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (a !== b) out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return out;
}

export const SURVIVAL = ['rereferral', 'repeatPlans', 'careReentry'] as const;
// Warnings of the Cox fit (src/survival/cox-*.ts, design-matrix.ts, rereferral-cox.ts) and the one
// a summary from aggregates gives in its place.
const COX_WARNINGS = new Set([
  'aliased',
  'cox-covariate-missing',
  'cox-too-few-groups',
  'fractional-weights',
  'infinite-coefficient',
  'not-converged',
  'single-level-factor',
  'cox-needs-rows',
]);

/** The summary with the hazard ratios set aside: the Cox model, its reference group and warnings, the file name. */
export function withoutCox(summary: Record<string, unknown>): Record<string, unknown> {
  const s = structuredClone(summary) as Record<string, Record<string, unknown> | null>;
  for (const section of SURVIVAL) {
    const x = s[section] as {
      cox?: unknown;
      file?: unknown;
      options?: { reference?: unknown };
      warnings?: { code: string }[];
    } | null;
    if (!x) continue;
    delete x.cox;
    delete x.file;
    if (x.options) delete x.options.reference;
    x.warnings = x.warnings?.filter((w) => !COX_WARNINGS.has(w.code));
  }
  const methods = (s.metadata as { methods?: { rereferral?: { reference?: unknown } } } | undefined)?.methods;
  if (methods?.rereferral) delete methods.rereferral.reference;
  return s;
}
