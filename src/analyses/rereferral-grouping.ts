// Which group each followed-up episode belongs to, for the re-referral curves and the Cox model.
//
// Contract
// - Input: the assessments, the episodes, the follow-up (rereferral-follow-up.ts), what to group by,
//   and for 'category' the demand category of every assessment row.
// - An episode takes the value of its latest assessment row (episodes.ts): its demand category,
//   gender, ethnicity, referral source and primary need; its age band is of the age at closure.
// - Output: codes (one per followed-up episode, -1 where the value is missing), levels (stable ids,
//   in display order: the categories' order, age bands youngest first, the rest sorted), labels
//   (for people), a title, and how many episodes had no value.
// - Codes people meet in CIN census files are named: referral sources are grouped by their number
//   (1A-1D individuals, 2A-2B schools and education, 3A-3F health, 5A-5D local authority services,
//   ...), genders 0/1/2/9 are Not known/Male/Female/Not stated, primary need N1-N9 by the guide.
import { compareLevels } from '../math/level-order.js';
import type { Episodes } from '../data/episodes.js';
import type { AssessmentData, Categorical } from '../data/types.js';
import type { FollowUp } from './rereferral-follow-up.js';
import type { RereferralGroupBy, RowCategories } from './rereferral-types.js';

export interface Grouping {
  codes: Int32Array;
  levels: string[];
  labels: string[];
  title: string;
  missing: number;
}

export const GROUP_TITLES: Record<RereferralGroupBy, string> = {
  category: 'Demand category',
  age: 'Age at closure',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  source: 'Referral source',
  need: 'Primary need',
  none: 'All episodes',
};

const AGE_BANDS = [
  { id: 'under-1', label: 'Under 1', from: 0 },
  { id: '1-4', label: '1 to 4', from: 1 },
  { id: '5-9', label: '5 to 9', from: 5 },
  { id: '10-15', label: '10 to 15', from: 10 },
  { id: '16-17', label: '16 and 17', from: 16 },
];

const SOURCES: Record<string, string> = {
  '1': 'Individual',
  '2': 'Schools and education',
  '3': 'Health services',
  '4': 'Housing',
  '5': 'Local authority services',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
};

const NEEDS: Record<string, string> = {
  N1: 'Abuse or neglect',
  N2: "Child's disability or illness",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
};

const GENDERS: [RegExp, string][] = [
  [/^(1|m|male|boy)$/i, 'Male'],
  [/^(2|f|female|girl)$/i, 'Female'],
  [/^(0|u|unknown|not known)$/i, 'Not known'],
  [/^(9|not stated|not specified|indeterminate)$/i, 'Not stated'],
];

/** The referral source group of a CIN census code ('3A' -> '3'), or the code itself if unfamiliar. */
function sourceGroup(code: string): string {
  const m = /^\s*(10|[1-9])\s*[A-Z]?\s*$/i.exec(code);
  return m ? m[1]! : code.trim();
}

export function gender(value: string): string {
  const v = value.trim();
  for (const [re, label] of GENDERS) if (re.test(v)) return label;
  return v;
}

/** Codes for a text attribute of the episode's latest row, mapped through `name` and sorted. */
function byText(
  col: Categorical,
  rows: (k: number) => number,
  n: number,
  name: (v: string) => string,
  order?: readonly string[],
): Omit<Grouping, 'title' | 'missing'> {
  const mapped = col.levels.map((l) => (l.trim() === '' ? '' : name(l)));
  // The names present, in order of first appearance (the order a Set filled row by row has, which
  // the sort below keeps for names it ranks equal), from each level's first row: no string hashed
  // per episode.
  const firstRow = new Int32Array(col.levels.length).fill(-1);
  for (let k = 0; k < n; k++) {
    const c = col.codes[rows(k)]!;
    if (c >= 0 && firstRow[c] === -1) firstRow[c] = k;
  }
  const seen = [...firstRow.keys()].filter((c) => firstRow[c]! >= 0 && mapped[c]);
  seen.sort((a, b) => firstRow[a]! - firstRow[b]!);
  const present = new Set<string>(seen.map((c) => mapped[c]!));
  const levels = [...present].sort((a, b) => {
    const ia = order ? order.indexOf(a) : -1;
    const ib = order ? order.indexOf(b) : -1;
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
    return compareLevels(a, b);
  });
  const index = new Map(levels.map((l, i) => [l, i]));
  const codeOf = mapped.map((l) => (l ? index.get(l)! : -1));
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = col.codes[rows(k)]!;
    codes[k] = c < 0 ? -1 : codeOf[c]!;
  }
  return { codes, levels, labels: levels };
}

/**
 * The group of each followed-up episode (see the file comment).
 * @example rereferralGrouping(data, episodes, followUp, 'age').levels // ['under-1', '1-4', ...]
 */
export function rereferralGrouping(
  data: AssessmentData,
  ep: Episodes,
  fu: FollowUp,
  group: RereferralGroupBy,
  categories?: RowCategories,
): Grouping {
  const n = fu.n;
  const row = (k: number): number => ep.latestAssessment[fu.episode[k]!]!;
  let g: Omit<Grouping, 'title' | 'missing'>;
  switch (group) {
    case 'none':
      g = { codes: new Int32Array(n), levels: ['all'], labels: ['All episodes'] };
      break;
    case 'category': {
      if (!categories) {
        throw new Error(
          "rereferral: invalid categories; expected the demand category of every row when group is 'category', got none",
        );
      }
      if (categories.codes.length !== data.n) {
        throw new Error(
          `rereferral: invalid categories; expected ${data.n} codes (one per row), got ${categories.codes.length}`,
        );
      }
      const L = categories.levels.length;
      // Loops, not Int32Array.from({length}, map): V8's generic path is ten times slower.
      const codes = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const c = categories.codes[row(k)]!;
        codes[k] = c >= 0 && c < L ? c : -1;
      }
      g = { codes, levels: [...categories.levels], labels: [...(categories.labels ?? categories.levels)] };
      break;
    }
    case 'age': {
      const codes = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const a = fu.ageAtClosure[k]!;
        let b = -1;
        if (a >= 0) {
          b = 0;
          while (b + 1 < AGE_BANDS.length && a >= AGE_BANDS[b + 1]!.from) b++;
        }
        codes[k] = b;
      }
      g = { codes, levels: AGE_BANDS.map((b) => b.id), labels: AGE_BANDS.map((b) => b.label) };
      break;
    }
    case 'gender':
      g = byText(data.gender, row, n, gender, ['Female', 'Male', 'Not known', 'Not stated']);
      break;
    case 'ethnicity':
      g = byText(data.ethnicity, row, n, (v) => v.trim());
      break;
    case 'source': {
      const t = byText(data.referralSource, row, n, sourceGroup, Object.keys(SOURCES));
      g = { ...t, labels: t.levels.map((l) => SOURCES[l] ?? l) };
      break;
    }
    case 'need': {
      const t = byText(data.primaryNeed, row, n, (v) => v.trim().toUpperCase(), Object.keys(NEEDS));
      g = { ...t, labels: t.levels.map((l) => (NEEDS[l] ? `${l} ${NEEDS[l]}` : l)) };
      break;
    }
    default:
      throw new Error(
        `rereferral: invalid group; expected one of category, age, gender, ethnicity, source, need, none, got '${String(group)}'`,
      );
  }
  let missing = 0;
  for (let k = 0; k < n; k++) if (g.codes[k]! < 0) missing++;
  return { ...g, title: GROUP_TITLES[group], missing };
}
