// One child as several returns describe it, merged: an episode open at the end of one census year is
// sent again in the next year's return (with its closure, its plans, its later assessments), so the
// same episode must count once. Rules:
// - episodes are the same when the child (LAchildID) and the referral date are; the later return
//   (by its header's ReferenceDate, then by the order the files were given) wins for the episode's
//   own values (closure date and reason, source, need, plan);
// - an episode's assessments are the union over the returns, one assessment being the same as
//   another when their start dates are (the authorisation date when a start date is absent); the
//   later return's copy wins, so an assessment still in progress at one year's end is completed by
//   the next year's;
// - the child's own values (birth date, sex, ethnicity, disability) come from the latest return;
// - episodes keep the order they were first seen in, oldest return first (date order in practice).
// Counts: episodes seen in more than one return, and assessments replaced by a later copy.
import {
  A_AUTH,
  A_START,
  ASSESSMENT_SLOTS,
  CHILD_SLOTS,
  CinChild,
  E_REFERRAL,
  EPISODE_SLOTS,
  PLAN_SLOTS,
} from './cin-child.js';

export interface MergeCounts {
  episodes: number;
  assessments: number;
}

function copyValue(
  from: CinChild,
  fa: Int32Array,
  fi: number,
  to: CinChild,
  ta: Int32Array,
  ti: number,
): void {
  const s = fa[fi]!;
  if (s < 0) return;
  ta[ti] = to.len;
  to.append(from.buf, s, fa[fi + 1]!);
  ta[ti + 1] = to.len;
  ta[ti + 2] = fa[fi + 2]!;
}

/** Merge `versions` of one child, oldest return first (see file comment); adds to `counts`. */
export function mergeChild(versions: readonly CinChild[], counts: MergeCounts): CinChild {
  if (versions.length === 1) return versions[0]!;
  const out = new CinChild();
  const latest = versions[versions.length - 1]!;
  out.reset(latest.line);
  out.source = latest.source;
  for (let k = 0; k < CHILD_SLOTS; k++) copyValue(latest, latest.child, k * 3, out, out.child, k * 3);
  // Episode key -> [version, episode index] of each copy, in order first seen.
  const episodes = new Map<string, [number, number][]>();
  versions.forEach((v, vi) => {
    for (let e = 0; e < v.episodes; e++) {
      const key = v.text(v.episode, (e * EPISODE_SLOTS + E_REFERRAL) * 3);
      const list = episodes.get(key);
      if (list) list.push([vi, e]);
      else episodes.set(key, [[vi, e]]);
    }
  });
  for (const copies of episodes.values()) {
    if (copies.length > 1) counts.episodes++;
    const [wv, we] = copies[copies.length - 1]!;
    const win = versions[wv]!;
    out.source = win.source;
    out.beginEpisode(win.episodeLine[we]!);
    const ep = out.episodes - 1;
    for (let k = 0; k < EPISODE_SLOTS; k++)
      copyValue(
        win,
        win.episode,
        (we * EPISODE_SLOTS + k) * 3,
        out,
        out.episode,
        (ep * EPISODE_SLOTS + k) * 3,
      );
    for (let k = 0; k < win.plans; k++) {
      if (win.planEpisode[k] !== we) continue;
      out.source = win.planSource[k]!;
      out.beginPlan(win.planLine[k]!);
      const at = (out.plans - 1) * PLAN_SLOTS * 3;
      for (let v = 0; v < PLAN_SLOTS; v++)
        copyValue(win, win.plan, (k * PLAN_SLOTS + v) * 3, out, out.plan, at + v * 3);
    }
    // Assessments of every copy, keyed by start date; a later copy replaces an earlier one in place.
    const byKey = new Map<string, [number, number]>();
    for (const [vi, e] of copies) {
      const v = versions[vi]!;
      for (let a = 0; a < v.assessments; a++) {
        if (v.assessmentEpisode[a] !== e) continue;
        const base = a * ASSESSMENT_SLOTS * 3;
        const key =
          v.text(v.assessment, base + A_START * 3) || 'auth:' + v.text(v.assessment, base + A_AUTH * 3);
        if (byKey.has(key)) counts.assessments++;
        byKey.set(key, [vi, a]);
      }
    }
    for (const [vi, a] of byKey.values()) {
      const v = versions[vi]!;
      out.source = v.source;
      out.beginAssessment(v.assessmentLine[a]!);
      const k = out.assessments - 1;
      for (let s = 0; s < ASSESSMENT_SLOTS; s++)
        copyValue(
          v,
          v.assessment,
          (a * ASSESSMENT_SLOTS + s) * 3,
          out,
          out.assessment,
          (k * ASSESSMENT_SLOTS + s) * 3,
        );
    }
  }
  out.source = latest.source;
  return out;
}
