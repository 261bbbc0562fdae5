// Bidirectional-text controls in a summary. The embedding and override controls (U+202A-U+202E: LRE,
// RLE, PDF, LRO, RLO) and the isolates (U+2066-U+2069: LRI, RLI, FSI, PDI) change the order in which
// a browser shows the characters after them: a label ending in U+202E (RLO) shows "21%" as "%12",
// and a hostile file or data set could so make the figures next to a label read wrongly. No label the
// kit makes contains one, so a summary that does was altered: the validator refuses it (the
// elements also strip them from every label they show, components/internal/format.ts).
// Contract: bidiProblems(json) walks every string (keys included) of parsed JSON and returns one
// problem per string holding a control, with its JSON path and the control's code point.

/** The controls (see the file comment). */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `s` without bidirectional-text controls. */
export function stripBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Every string of `json` holding a bidirectional-text control, as {path, message}.
 * @example bidiProblems({a: 'x\u202E1'}) // [{path: '$.a', message: 'contains U+202E, a bidirectional-text control ...'}]
 */
export function bidiProblems(json: unknown, path = '$'): { path: string; message: string }[] {
  const found = (s: string) => s.match(BIDI_CONTROLS);
  const problem = (p: string, s: string) => ({
    path: p,
    message: `contains ${[...new Set(found(s))].map(codePoint).join(', ')}, a bidirectional-text control that would reorder the figures shown after it: a summary never holds one, so the file was altered`,
  });
  if (typeof json === 'string') return found(json) ? [problem(path, json)] : [];
  if (Array.isArray(json)) return json.flatMap((v, i) => bidiProblems(v, `${path}[${i}]`));
  if (typeof json === 'object' && json !== null)
    return Object.entries(json).flatMap(([k, v]) => {
      const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
      return [...(found(k) ? [problem(p, k)] : []), ...bidiProblems(v, p)];
    });
  return [];
}
