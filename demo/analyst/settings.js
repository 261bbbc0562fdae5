// The analyst page's settings: each choice, its default, what it accepts and which view it changes.
// They live in the page's address (the query string), so a reload or a link sent to a colleague comes
// back to the same choices; the files never do (a page cannot put a File in a URL, and must not).
// A value from the address that is not allowed is dropped for the default, never passed on.

const PERIOD = /^\s*\d{4}\s*[-/–]\s*(\d{2}|\d{4})\s*$/;

/** Outcomes the attainment table offers at each key stage (the kit's AttainmentOutcome). */
export const OUTCOMES = {
  4: [
    ['attainment8', 'Attainment 8'],
    ['severe_absence', 'Severe absence'],
    ['persistent_absence', 'Persistent absence'],
    ['suspended', 'Suspended'],
    ['permanently_excluded', 'Permanently excluded'],
  ],
  2: [
    ['ks2_rwm_expected', 'Reading, writing and maths at the expected standard'],
    ['ks2_reading', 'Reading scaled score'],
    ['ks2_maths', 'Maths scaled score'],
    ['severe_absence', 'Severe absence'],
    ['persistent_absence', 'Persistent absence'],
    ['suspended', 'Suspended'],
    ['permanently_excluded', 'Permanently excluded'],
  ],
};

/** Views the page can show and publish (the re-referral view publishes its outcome's section). */
export const VIEWS = ['demand', 'rereferral', 'attainment', 'pathways'];

/**
 * What <rereferral-curve> follows (its `outcome`): the summary section it publishes to, and its
 * heading (the element's own default headings).
 */
export const RETURNS = {
  rereferral: { section: 'rereferral', heading: 'Re-referral after an episode closes' },
  'repeat-plan': { section: 'repeatPlans', heading: 'A repeat child protection plan after one ends' },
  'care-reentry': { section: 'careReentry', heading: 'Back into care after leaving' },
};

/** <pathway-chart>'s views and gradient splits (its `view` and `split`). */
export const PATHWAY_VIEWS = ['pathways', 'adjusted', 'gradient', 'plans'];
export const SPLITS = ['age', 'neglect', 'ethnicity', 'none'];

const oneOf =
  (...values) =>
  (v) =>
    values.includes(v);
const wholeNumber = (lo, hi) => (v) => /^\d+$/.test(v) && Number(v) >= lo && Number(v) <= hi;

/**
 * name -> {fallback, ok(value, all), view}: `view` is the element a change re-runs (null: only the
 * summary). `fallback` may depend on the other settings (the outcome on the key stage).
 */
export const SETTINGS = {
  model: { fallback: 'national', ok: oneOf('national', 'local'), view: 'demand' },
  classes: { fallback: 'auto', ok: (v) => v === 'auto' || wholeNumber(2, 14)(v), view: 'demand' },
  period: { fallback: '', ok: (v) => v === '' || PERIOD.test(v), view: 'demand' },
  'rereferral-outcome': {
    fallback: 'rereferral',
    ok: (v) => Object.hasOwn(RETURNS, v),
    view: 'rereferral',
  },
  group: {
    fallback: 'category',
    ok: oneOf('category', 'age', 'gender', 'ethnicity', 'source', 'need', 'none'),
    view: 'rereferral',
  },
  'conf-type': { fallback: 'log-log', ok: oneOf('log-log', 'log', 'plain'), view: 'rereferral' },
  horizon: { fallback: '72', ok: wholeNumber(1, 240), view: 'rereferral' },
  highlight: { fallback: '', ok: (v) => v.length <= 300, view: 'rereferral' },
  'key-stage': { fallback: '4', ok: oneOf('4', '2'), view: 'attainment' },
  outcome: {
    fallback: (s) => OUTCOMES[s['key-stage']][0][0],
    ok: (v, s) => OUTCOMES[s['key-stage']].some(([o]) => o === v),
    view: 'attainment',
  },
  comparison: { fallback: 'not-known', ok: oneOf('not-known', 'all'), view: 'attainment' },
  window: { fallback: '12', ok: wholeNumber(1, 60), view: 'pathways' },
  split: { fallback: 'age', ok: oneOf(...SPLITS), view: 'pathways' },
  // The view shown first (the reader can switch): changes no figure, so nothing runs again.
  'pathway-view': { fallback: 'pathways', ok: oneOf(...PATHWAY_VIEWS), view: 'pathways' },
  threshold: { fallback: '5', ok: wholeNumber(3, 100), view: 'attainment' },
  area: { fallback: '', ok: (v) => v.length <= 100, view: null },
  views: {
    fallback: VIEWS.join(','),
    ok: (v) => v === '' || v.split(',').every((x) => VIEWS.includes(x)),
    view: null,
  },
  site: { fallback: 'https://www.example.gov.uk/jsna/csc-demand/', ok: isWebFolder, view: null },
};

function isWebFolder(v) {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && !u.hash;
  } catch {
    return false;
  }
}

const fallbackOf = (name, s) => {
  const f = SETTINGS[name].fallback;
  return typeof f === 'function' ? f(s) : f;
};

/** Settings from a query string: every name set, each to an allowed value (the address's or the default). */
export function readSettings(search) {
  const params = new URLSearchParams(search);
  const s = {};
  // In declaration order: the outcome is checked against the key stage already read.
  for (const name of Object.keys(SETTINGS)) {
    const v = params.get(name);
    s[name] = v !== null && SETTINGS[name].ok(v, s) ? v : fallbackOf(name, s);
  }
  return s;
}

/** The query string for `s`: only the settings that differ from their defaults, so links stay short. */
export function writeSettings(s) {
  const params = new URLSearchParams();
  const seen = {};
  for (const name of Object.keys(SETTINGS)) {
    if (s[name] !== fallbackOf(name, seen)) params.set(name, s[name]);
    seen[name] = s[name];
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** Whether `value` is allowed for `name` given the other settings. */
export function allowed(name, value, s) {
  return SETTINGS[name].ok(value, s);
}

export const isPeriod = (v) => PERIOD.test(v);
