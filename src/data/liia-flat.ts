// The LIIA flat CIN table: the one-row-per-event CSV that regional data pipelines (London Innovation
// and Improvement Alliance, liia-tools) make from councils' CIN census returns, recognised from its
// header (LAchildID, Date, Type and the CIN census element names; often LA and Year too). Contract:
// - each row is one event of a child's episode, named by `Type` (CINreferralDate, CINclosureDate,
//   AssessmentActualStartDate, AssessmentAuthorisationDate, CPPstartDate, CPPendDate, ...) and
//   carrying the child's, the episode's and (for assessment and plan events) the assessment's or
//   the plan's values; rows of other types are read for the child and episode values only;
// - the rows are gathered into children as a return's <Child> elements would be (cin-child.ts):
//   episodes by referral date, assessments by start date (else authorisation date), plans by start
//   date (every plan of the episode); a table of several years (a `Year` column) is several returns: each year's copy of a
//   child is merged as yearly returns are (cin-merge.ts, the later year winning), so an episode
//   carried over counts once;
// - one row per assessment then comes out through the same column builder as every input
//   (cin-rows.ts), problems named by the table's line and column;
// - the table is held in memory as compact children (the gathering needs every row of a child).
import {
  A_AUTH,
  A_FACTORS,
  A_START,
  ASSESSMENT_SLOTS,
  C_DISABILITY,
  C_DOB,
  C_ETHNICITY,
  C_GENDER,
  C_ID,
  CinChild,
  E_CLOSURE,
  E_NEED,
  E_REASON,
  E_REFERRAL,
  E_SOURCE,
  EPISODE_SLOTS,
  P_CATEGORY,
  P_END,
  P_START,
  PLAN_SLOTS,
} from './cin-child.js';
import { columnKey } from './columns.js';
import { unescapeField } from './csv-decode.js';

/** [column, level (0 child, 1 episode, 2 assessment, 3 plan), slot] */
const COLUMNS: [string, number, number][] = [
  ['LAchildID', 0, C_ID],
  ['PersonBirthDate', 0, C_DOB],
  ['GenderCurrent', 0, C_GENDER],
  ['Sex', 0, C_GENDER],
  ['Ethnicity', 0, C_ETHNICITY],
  ['Disabilities', 0, C_DISABILITY],
  ['CINreferralDate', 1, E_REFERRAL],
  ['ReferralSource', 1, E_SOURCE],
  ['PrimaryNeedCode', 1, E_NEED],
  ['CINclosureDate', 1, E_CLOSURE],
  ['ReasonForClosure', 1, E_REASON],
  ['AssessmentActualStartDate', 2, A_START],
  ['AssessmentAuthorisationDate', 2, A_AUTH],
  ['Factors', 2, A_FACTORS],
  ['CPPstartDate', 3, P_START],
  ['CPPendDate', 3, P_END],
  ['InitialCategoryOfAbuse', 3, P_CATEGORY],
];

const text = (b: Uint8Array, s: number, e: number): string =>
  String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);

/** Gathers the table's rows into children by year (see file comment). */
export class LiiaCollector {
  /** Children by year, then LAchildID; years in order of first appearance. */
  readonly years = new Map<string, Map<string, CinChild>>();
  rows = 0;
  private readonly index: Int32Array;
  private readonly idCol: number;
  private readonly typeCol: number;
  private readonly yearCol: number;
  private readonly refCol: number;
  private scratch = new Uint8Array(256);

  constructor(readonly headers: readonly string[]) {
    const keys = headers.map(columnKey);
    this.index = Int32Array.from(COLUMNS, ([name]) => keys.indexOf(columnKey(name)));
    this.idCol = keys.indexOf('lachildid');
    this.typeCol = keys.indexOf('type');
    this.yearCol = keys.indexOf('year');
    this.refCol = keys.indexOf('cinreferraldate');
  }

  /** One record of the CSV tokenizer (csv.ts RowSink). */
  row(
    b: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    flags: Uint8Array,
    nf: number,
    line: number,
  ): void {
    let blank = true;
    for (let j = 0; j < nf; j++) if (ends[j]! > starts[j]!) blank = false;
    if (blank) return;
    this.rows++;
    const field = (j: number): [Uint8Array, number, number] => {
      if (j < 0 || j >= nf) return [b, 0, 0];
      let s = starts[j]!;
      let e = ends[j]!;
      if (flags[j] === 2) {
        if (this.scratch.length < e - s) this.scratch = new Uint8Array(2 * (e - s));
        const out = this.scratch.slice(0, e - s);
        e = unescapeField(b, s, e, out);
        return [out, 0, e];
      }
      while (s < e && (b[s] === 32 || b[s] === 9)) s++;
      while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
      return [b, s, e];
    };
    const [yb, ys, ye] = field(this.yearCol);
    const year = text(yb, ys, ye);
    let children = this.years.get(year);
    if (!children) this.years.set(year, (children = new Map()));
    const [ib, is, ie] = field(this.idCol);
    const id = new TextDecoder().decode(ib.subarray(is, ie));
    let child = children.get(id);
    if (!child) {
      child = new CinChild();
      child.reset(line);
      children.set(id, child);
    }
    const [tb, ts, te] = field(this.typeCol);
    const type = text(tb, ts, te);
    const [rb, rs, re] = field(this.refCol);
    const referral = text(rb, rs, re);
    let ep = -1;
    for (let k = 0; k < child.episodes; k++)
      if (child.text(child.episode, (k * EPISODE_SLOTS + E_REFERRAL) * 3) === referral) ep = k;
    if (ep < 0) {
      child.beginEpisode(line);
      ep = child.episodes - 1;
    }
    let as = -1;
    if (type === 'AssessmentActualStartDate' || type === 'AssessmentAuthorisationDate') {
      const [sb, ss, se] = field(this.index[11]!);
      const [ab, aa, ae] = field(this.index[12]!);
      const key = se > ss ? text(sb, ss, se) : 'auth:' + text(ab, aa, ae);
      for (let k = 0; k < child.assessments; k++) {
        if (child.assessmentEpisode[k] !== ep) continue;
        const base = k * ASSESSMENT_SLOTS * 3;
        const start = child.text(child.assessment, base + A_START * 3);
        if ((start || 'auth:' + child.text(child.assessment, base + A_AUTH * 3)) === key) as = k;
      }
      if (as < 0) {
        child.beginAssessment(line);
        as = child.assessments - 1;
        child.assessmentEpisode[as] = ep;
      }
    }
    const plan = type === 'CPPstartDate' || type === 'CPPendDate';
    let pl = -1;
    if (plan) {
      const [pb, ps, pe] = field(this.index[14]!);
      const start = text(pb, ps, pe);
      for (let k = 0; k < child.plans; k++)
        if (child.planEpisode[k] === ep && child.text(child.plan, k * PLAN_SLOTS * 3) === start) pl = k;
      if (pl < 0) {
        child.beginPlan(line);
        pl = child.plans - 1;
        child.planEpisode[pl] = ep;
      }
    }
    for (let c = 0; c < COLUMNS.length; c++) {
      const j = this.index[c]!;
      if (j < 0) continue;
      const [, level, slot] = COLUMNS[c]!;
      if (level === 2 && as < 0) continue;
      if (level === 3 && !plan) continue;
      const [vb, vs, ve] = field(j);
      if (ve === vs) continue;
      const arr =
        level === 0 ? child.child : level === 1 ? child.episode : level === 2 ? child.assessment : child.plan;
      const at =
        (level === 0
          ? slot
          : level === 1
            ? ep * EPISODE_SLOTS + slot
            : level === 2
              ? as * ASSESSMENT_SLOTS + slot
              : pl * PLAN_SLOTS + slot) * 3;
      if (arr[at]! >= 0) continue; // the first row that has a value gives it
      child.begin(arr, at, line, false);
      const from = child.len;
      child.append(vb, vs, ve);
      child.end(arr, at, from);
    }
  }
}
