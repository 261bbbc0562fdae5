// One <Child> of a CIN census return as the reader holds it while reading: the text of every value
// kept (one byte buffer, no strings) with the line each came from, the child's episodes and their
// assessments. Contract:
// - a value is a byte range [s, e) of `buf` and a line; s = -1 when the element was absent;
//   repeated elements of a list (<Disability>, <AssessmentFactors>) are joined with ';';
// - child values: CHILD_SLOTS; per episode: EPISODE_SLOTS; per assessment: ASSESSMENT_SLOTS and the
//   episode it belongs to; per child protection plan (every one of every episode): PLAN_SLOTS and the
//   episode it belongs to;
// - a row is an assessment and carries one plan: `placePlans` gives each plan of an episode to the
//   assessment that led to it (the latest authorised on or before the plan's start; failing that the
//   episode's first), or to the nearest assessment of the episode still without one (later first),
//   so every plan is on a row when the episode has as many assessments as plans; the rest are
//   counted (`unplaced`) for a warning;
// - `reset` empties it for the next child without freeing anything (the reader reuses one);
//   `clone` copies it to exactly its size (the merge of several returns keeps children).

/** Child-level slots. */
// prettier-ignore
export const C_ID = 0, C_DOB = 1, C_GENDER = 2, C_ETHNICITY = 3, C_DISABILITY = 4, CHILD_SLOTS = 5;
/** Episode-level slots. */
// prettier-ignore
export const E_REFERRAL = 0, E_SOURCE = 1, E_NEED = 2, E_CLOSURE = 3, E_REASON = 4, EPISODE_SLOTS = 5;
/** Plan-level slots (<ChildProtectionPlans>). */
// prettier-ignore
export const P_START = 0, P_END = 1, P_CATEGORY = 2, PLAN_SLOTS = 3;
/** Assessment-level slots. */
// prettier-ignore
export const A_START = 0, A_AUTH = 1, A_FACTORS = 2, ASSESSMENT_SLOTS = 3;

const grow = (a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> => {
  if (a.length >= need) return a;
  const b = new Int32Array(Math.max(need, a.length * 2)).fill(-1);
  b.set(a);
  return b;
};

const NONE: readonly number[] = Object.freeze([]);

/** Values are [start, end, line] triples. */
export class CinChild {
  buf: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  len = 0;
  /** Line of <Child>. */
  line = 0;
  child = new Int32Array(CHILD_SLOTS * 3).fill(-1);
  episodes = 0;
  episode = new Int32Array(4 * EPISODE_SLOTS * 3).fill(-1);
  /** Line of each <CINdetails>. */
  episodeLine = new Int32Array(4);
  /** The return each episode's values came from (CinChild.source; differs after a merge). */
  episodeSource = new Int32Array(4);
  assessments = 0;
  assessment = new Int32Array(4 * ASSESSMENT_SLOTS * 3).fill(-1);
  assessmentLine = new Int32Array(4);
  assessmentEpisode = new Int32Array(4);
  assessmentSource = new Int32Array(4);
  plans = 0;
  plan = new Int32Array(4 * PLAN_SLOTS * 3).fill(-1);
  planLine = new Int32Array(4);
  planEpisode = new Int32Array(4);
  planSource = new Int32Array(4);
  /** The plan each assessment's row carries (-1 none), set by placePlans. */
  assessmentPlan = new Int32Array(4);
  /** Which return the child-level values came from (an index into the loader's file list). */
  source = 0;

  reset(line: number): void {
    this.len = 0;
    this.line = line;
    // Loops, not fill(): a few dozen slots a child, where a call costs more than the stores.
    const { child, episode, assessment, plan } = this;
    for (let i = 0; i < CHILD_SLOTS * 3; i++) child[i] = -1;
    for (let i = 0, n = this.episodes * EPISODE_SLOTS * 3; i < n; i++) episode[i] = -1;
    for (let i = 0, n = this.assessments * ASSESSMENT_SLOTS * 3; i < n; i++) assessment[i] = -1;
    for (let i = 0, n = this.plans * PLAN_SLOTS * 3; i < n; i++) plan[i] = -1;
    this.episodes = 0;
    this.assessments = 0;
    this.plans = 0;
  }

  beginEpisode(line: number): void {
    const k = this.episodes++;
    this.episode = grow(this.episode, this.episodes * EPISODE_SLOTS * 3);
    this.episodeLine = grow(this.episodeLine, this.episodes);
    this.episodeSource = grow(this.episodeSource, this.episodes);
    this.episodeSource[k] = this.source;
    this.episodeLine[k] = line;
  }

  /** A plan of the latest episode. */
  beginPlan(line: number): void {
    const k = this.plans++;
    this.plan = grow(this.plan, this.plans * PLAN_SLOTS * 3);
    this.planLine = grow(this.planLine, this.plans);
    this.planEpisode = grow(this.planEpisode, this.plans);
    this.planSource = grow(this.planSource, this.plans);
    this.planSource[k] = this.source;
    this.planLine[k] = line;
    this.planEpisode[k] = this.episodes - 1;
  }

  /** The values of the latest record at `level`: 0 the child, 1 episode, 2 plan, 3 assessment. */
  latest(level: number): Int32Array {
    return level === 0 ? this.child : level === 1 ? this.episode : level === 2 ? this.plan : this.assessment;
  }

  /** Where slot `slot` of the latest record at `level` starts in `latest(level)`. */
  latestAt(level: number, slot: number): number {
    const k =
      level === 0
        ? slot
        : level === 1
          ? (this.episodes - 1) * EPISODE_SLOTS + slot
          : level === 2
            ? (this.plans - 1) * PLAN_SLOTS + slot
            : (this.assessments - 1) * ASSESSMENT_SLOTS + slot;
    return k * 3;
  }

  /**
   * Give each plan to an assessment's row (see file comment): sets assessmentPlan and returns the
   * plans left on no row, as indexes.
   */
  placePlans(): readonly number[] {
    this.assessmentPlan = grow(this.assessmentPlan, this.assessments);
    const placed = this.assessmentPlan;
    placed.fill(-1, 0, this.assessments);
    if (this.plans === 0) return NONE;
    let unplaced: number[] | null = null;
    // The plans by episode, then start date, then as written: an insertion sort into a reused array
    // (a child has a plan or two; Array.from and sort with a comparator cost more than the placing).
    const order = (this.order = grow(this.order, this.plans));
    for (let k = 0; k < this.plans; k++) {
      let at = k;
      while (at > 0 && this.planBefore(k, order[at - 1]!)) {
        order[at] = order[at - 1]!;
        at--;
      }
      order[at] = k;
    }
    for (let x = 0; x < this.plans; x++) {
      const k = order[x]!;
      const ep = this.planEpisode[k]!;
      let target = -1;
      let first = -1;
      for (let a = 0; a < this.assessments; a++) {
        if (this.assessmentEpisode[a] !== ep) continue;
        if (first < 0) first = a;
        const at = (a * ASSESSMENT_SLOTS + A_AUTH) * 3;
        if (
          this.compare(this.assessment, at, this.plan, k * PLAN_SLOTS * 3) <= 0 &&
          (target < 0 ||
            this.compare(this.assessment, at, this.assessment, (target * ASSESSMENT_SLOTS + A_AUTH) * 3) >= 0)
        )
          target = a;
      }
      if (target < 0) target = first;
      if (target >= 0 && placed[target]! >= 0) {
        let best = -1;
        for (let a = 0; a < this.assessments; a++) {
          if (this.assessmentEpisode[a] !== ep || placed[a]! >= 0) continue;
          // The nearest free one, a later one before an earlier one at the same distance.
          if (
            best < 0 ||
            Math.abs(a - target) < Math.abs(best - target) ||
            (Math.abs(a - target) === Math.abs(best - target) && a > best)
          )
            best = a;
        }
        target = best;
      }
      if (target < 0) (unplaced ??= []).push(k);
      else placed[target] = k;
    }
    return unplaced ?? NONE;
  }

  private order = new Int32Array(4);

  /** Whether plan a comes before plan b (written after it): an earlier episode, or an earlier start. */
  private planBefore(a: number, b: number): boolean {
    const d = this.planEpisode[a]! - this.planEpisode[b]!;
    return (
      d < 0 || (d === 0 && this.compare(this.plan, a * PLAN_SLOTS * 3, this.plan, b * PLAN_SLOTS * 3) < 0)
    );
  }

  /** Order of two values as bytes (ISO dates sort so); an absent value sorts last. */
  private compare(a: Int32Array, i: number, b: Int32Array, j: number): number {
    const s = a[i]!;
    const t = b[j]!;
    if (s < 0 || t < 0) return s < 0 ? (t < 0 ? 0 : 1) : -1;
    const e = a[i + 1]!;
    const f = b[j + 1]!;
    const buf = this.buf;
    for (let x = s, y = t; x < e && y < f; x++, y++) if (buf[x] !== buf[y]) return buf[x]! - buf[y]!;
    return e - s - (f - t);
  }

  beginAssessment(line: number): void {
    const k = this.assessments++;
    this.assessment = grow(this.assessment, this.assessments * ASSESSMENT_SLOTS * 3);
    this.assessmentLine = grow(this.assessmentLine, this.assessments);
    this.assessmentEpisode = grow(this.assessmentEpisode, this.assessments);
    this.assessmentSource = grow(this.assessmentSource, this.assessments);
    this.assessmentSource[k] = this.source;
    this.assessmentLine[k] = line;
    this.assessmentEpisode[k] = this.episodes - 1;
  }

  /**
   * Start a value in `arr` at triple `at`: a list value (join) appends `;` to what is there, moving
   * the earlier items to the end of the buffer first if something else was written after them.
   */
  begin(arr: Int32Array, at: number, line: number, join: boolean): void {
    const s = arr[at]!;
    if (join && s >= 0) {
      const e = arr[at + 1]!;
      if (e !== this.len) {
        const n = e - s;
        this.reserve(n + 1);
        this.buf.copyWithin(this.len, s, e);
        arr[at] = this.len;
        this.len += n;
      }
      if (this.len > arr[at]!) this.buf[this.len++] = 59;
      return;
    }
    arr[at] = this.len;
    arr[at + 2] = line;
  }

  append(b: Uint8Array, s: number, e: number): void {
    if (this.len + e - s > this.buf.length) this.reserve(e - s);
    // Values are short: a loop beats making a subarray view for set().
    const buf = this.buf;
    let n = this.len;
    for (let i = s; i < e; i++) buf[n++] = b[i]!;
    this.len = n;
  }

  /**
   * A whole value at once, as begin, append and end would leave it: b[s, e) trimmed of XML white
   * space and kept at triple `at` (a list value joined with `;`).
   */
  value(arr: Int32Array, at: number, line: number, join: boolean, b: Uint8Array, s: number, e: number): void {
    while (s < e && b[s]! <= 32) s++;
    while (e > s && b[e - 1]! <= 32) e--;
    if (!join) {
      // One value (most): where it starts, its bytes, where it ends.
      let n = this.len;
      arr[at] = n;
      arr[at + 2] = line;
      if (n + e - s > this.buf.length) this.reserve(e - s);
      const buf = this.buf;
      for (let i = s; i < e; i++) buf[n++] = b[i]!;
      this.len = n;
      arr[at + 1] = n;
      return;
    }
    this.begin(arr, at, line, join);
    if (e > s) this.append(b, s, e);
    else if (this.len > arr[at]! && this.buf[this.len - 1] === 59) this.len--; // an empty item
    arr[at + 1] = this.len;
  }

  /** Close the value begun at `at`: trim XML white space (a list item's own, after its `;`). */
  end(arr: Int32Array, at: number, itemStart: number): void {
    const buf = this.buf;
    let s = itemStart;
    let e = this.len;
    while (s < e && buf[s]! <= 32) s++;
    while (e > s && buf[e - 1]! <= 32) e--;
    if (s > itemStart) buf.copyWithin(itemStart, s, e);
    this.len = itemStart + (e - s);
    if (this.len > arr[at]! && itemStart === this.len && buf[this.len - 1] === 59) this.len--; // empty item
    arr[at + 1] = this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.len + n, this.buf.length * 2));
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  clone(): CinChild {
    const c = new CinChild();
    c.buf = this.buf.slice(0, this.len);
    c.len = this.len;
    c.line = this.line;
    c.child = this.child.slice();
    c.episodes = this.episodes;
    c.episode = this.episode.slice(0, this.episodes * EPISODE_SLOTS * 3);
    c.episodeLine = this.episodeLine.slice(0, this.episodes);
    c.episodeSource = this.episodeSource.slice(0, this.episodes);
    c.assessments = this.assessments;
    c.assessment = this.assessment.slice(0, this.assessments * ASSESSMENT_SLOTS * 3);
    c.assessmentLine = this.assessmentLine.slice(0, this.assessments);
    c.assessmentEpisode = this.assessmentEpisode.slice(0, this.assessments);
    c.assessmentSource = this.assessmentSource.slice(0, this.assessments);
    c.plans = this.plans;
    c.plan = this.plan.slice(0, this.plans * PLAN_SLOTS * 3);
    c.planLine = this.planLine.slice(0, this.plans);
    c.planEpisode = this.planEpisode.slice(0, this.plans);
    c.planSource = this.planSource.slice(0, this.plans);
    c.source = this.source;
    return c;
  }

  /** The text of a value (ASCII/UTF-8), '' when absent: for keys and messages, not the hot path. */
  text(arr: Int32Array, at: number): string {
    const s = arr[at]!;
    return s < 0 ? '' : new TextDecoder().decode(this.buf.subarray(s, arr[at + 1]!));
  }
}
