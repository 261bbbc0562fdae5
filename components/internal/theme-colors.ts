// The design tokens a view's spec builder colours marks with, read from the element's computed style,
// so a page's theme, dark mode and forced colours reach the chart. Each view asks for the keys its
// spec builder knows, with its own light fallbacks for a token the page left empty.

/** Which design token (tokens.ts) each colour of a spec builder is. */
const TOKENS = {
  text: '--_text',
  muted: '--_text-2',
  background: '--_bg',
  accent: '--_c1',
  border: '--_border',
} as const;

/** The colours named in `fallback`, each from its token on `element`, else from `fallback`. */
export function themeColors<K extends keyof typeof TOKENS>(
  element: Element,
  fallback: Readonly<Record<K, string>>,
): Record<K, string> {
  const style = getComputedStyle(element);
  const out = {} as Record<K, string>;
  for (const k of Object.keys(fallback) as K[])
    out[k] = style.getPropertyValue(TOKENS[k]).trim() || fallback[k];
  return out;
}
