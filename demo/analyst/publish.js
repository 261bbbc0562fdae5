// Publishing from the analyst page: the summary of the chosen views, made in the worker from the
// files already read (the elements' parse is shared: same File, same dataset), with the request
// `csc-demand analyse` makes from the same choices; then the preview (the public page's elements fed
// the summary object, as results-src feeds them on the public page), and the list of what the
// disclosure control suppressed.
import { getAnalysisClient } from '../../dist/csc-demand-widgets.js';
import { VIEW_DEFS, headingOf, sectionOf } from './views.js';
import { SETTINGS } from './settings.js';

const isDefault = (s, name) => s[name] === SETTINGS[name].fallback;

/**
 * The summary request for the settings: only what differs from the defaults is passed, so a summary
 * made with default choices is the one `csc-demand analyse` makes with no options. The choices
 * map to the CLI as: model -> --model, classes -> --classes, period -> --period, threshold ->
 * --suppress, area -> --area, and the views chosen -> --sections (the re-referral view publishes the
 * section of what it follows: rereferral, repeatPlans or careReentry).
 */
export function summaryRequest(s, views) {
  const sections = views.map((v) => sectionOf(v, s));
  const demand = {};
  if (s.classes !== 'auto') demand.classes = Number(s.classes);
  if (s.period) demand.period = s.period;
  const rereferral = {};
  if (!isDefault(s, 'group')) rereferral.group = s.group;
  if (!isDefault(s, 'conf-type')) rereferral.confType = s['conf-type'];
  if (!isDefault(s, 'horizon')) rereferral.horizonMonths = Number(s.horizon);
  const request = { model: s.model, threshold: Number(s.threshold), sections };
  if (s.area) request.areaName = s.area;
  if (Object.keys(demand).length) request.demand = demand;
  if (Object.keys(rereferral).length) request.rereferral = rereferral;
  const pathways = {};
  if (!isDefault(s, 'window')) pathways.windowMonths = Number(s.window);
  if (!isDefault(s, 'split')) pathways.split = s.split;
  if (Object.keys(pathways).length) request.pathways = pathways;
  // The attainment tables the CLI publishes by default (each key stage's main outcome and the school
  // outcomes the pupils file has) unless the analyst chose another table: then it and the other key
  // stage's default, as the table's own "Download summary" does.
  const chosenDefault = s.outcome === (s['key-stage'] === '4' ? 'attainment8' : 'ks2_rwm_expected');
  if (!chosenDefault || s.comparison !== 'not-known') {
    const keyStage = Number(s['key-stage']);
    request.attainment = [
      { keyStage, outcome: s.outcome, comparison: s.comparison },
      { keyStage: keyStage === 4 ? 2 : 4 },
    ];
  }
  return request;
}

/** The datasets as the elements read them (a File, or several CIN census returns as one). */
function source(files) {
  return files.length === 1 ? { file: files[0] } : { files };
}

/** Makes the summary in the worker; `onProgress(fraction | null)`. */
export async function makeSummary({ assessments, pupils, monthFirst }, request, onProgress, signal) {
  const client = getAnalysisClient();
  const call = { monthFirst, signal, onProgress: (u) => onProgress(u.fraction) };
  const [a, p] = await Promise.all([
    client.loadDataset(source(assessments), { ...call, kind: 'assessments' }),
    pupils ? client.loadDataset({ file: pupils }, { ...call, kind: 'pupils' }) : null,
  ]);
  return client.request(
    'publishSummary',
    [{ assessmentsKey: a.key, pupilsKey: p?.key ?? null }, request],
    call,
  );
}

/**
 * The public attributes of each published view, as the preview, the script-tag code and the iframe
 * code all use them: the summary's own model, grouping and attainment table, so the element shows
 * what the summary holds. Returns [{view, tag, attributes}].
 */
export function publicViews(summary, s, views) {
  const out = [];
  for (const view of views) {
    const d = VIEW_DEFS[view];
    const attributes = { heading: headingOf(view, s), 'heading-level': '3' };
    if (view === 'demand') {
      if (!summary.demand) continue;
      attributes.model = summary.demand.model;
    } else if (view === 'rereferral') {
      const section = summary[sectionOf(view, s)];
      if (!section) continue;
      if (!isDefault(s, 'rereferral-outcome')) attributes.outcome = s['rereferral-outcome'];
      attributes.group = section.options.group;
      if (s.highlight) attributes.highlight = s.highlight;
    } else if (view === 'attainment') {
      const table = summary.attainment.find(
        (t) => String(t.options.keyStage) === s['key-stage'] && t.options.outcome === s.outcome,
      );
      if (!table) continue;
      attributes['key-stage'] = String(table.options.keyStage);
      attributes.outcome = table.options.outcome;
      attributes.comparison = table.options.comparison;
    } else if (view === 'pathways') {
      if (!summary.pathways) continue;
      // The window and split are the summary's own; the view is the one the reader sees first.
      if (!isDefault(s, 'pathway-view')) attributes.view = s['pathway-view'];
    } else if (!summary[view]) continue;
    out.push({ view, tag: d.tag, attributes });
  }
  return out;
}

/** Fills `preview` with the public elements reading `summary` (an object: no fetch, no worker). */
export function renderPreview(preview, summary, views) {
  preview.replaceChildren();
  const elements = [];
  for (const { tag, attributes } of views) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    // Under the preview's own heading (h3) here; the embed code keeps the public page's level.
    el.setAttribute('heading-level', '4');
    el.setAttribute('public', '');
    el.results = summary;
    preview.append(el);
    elements.push(el);
  }
  return elements;
}

const SECTION_WORDS = {
  demand: 'Categories of demand',
  rereferral: 'Re-referral',
  attainment: 'Attainment',
  pathways: 'Pathways',
  repeatPlans: 'Repeat child protection plans',
  careReentry: 'Re-entry to care',
};

/** A row's name for a reader: its label, or a model term without its variable (`category=Neglect`). */
const nameOf = (o) => {
  const n = o.label ?? o.name ?? o.category ?? o.group ?? o.term ?? o.level ?? null;
  return typeof n === 'string' ? n.replace(/^[\w ]+=/, '') : n;
};

/** Every `c` and every withheld row under `value`: [{name, reason}] and the number of c cells. */
function walk(value, found, counter) {
  if (value === 'c') counter.c++;
  else if (Array.isArray(value)) for (const v of value) walk(v, found, counter);
  else if (value && typeof value === 'object') {
    if (value.suppressed === true) {
      const reason =
        value.suppressedReason === 'suppressed-group'
          ? 'its group is suppressed'
          : value.suppressedReason
            ? String(value.suppressedReason).replace(/-/g, ' ')
            : 'its count is from 1 to the threshold, or would let such a count be worked out';
      found.push({ name: nameOf(value) ?? 'a row', reason });
    }
    for (const v of Object.values(value)) walk(v, found, counter);
  }
}

/** What the summary suppressed, section by section, for the list under the preview. */
export function suppressedList(summary) {
  const out = [];
  for (const [section, words] of Object.entries(SECTION_WORDS)) {
    const value = summary[section];
    if (!value || (Array.isArray(value) && !value.length)) continue;
    const found = [];
    const counter = { c: 0 };
    walk(value, found, counter);
    out.push({ section: words, c: counter.c, rows: found });
  }
  return out;
}

/** Renders the list (text only: names come from the data and are never parsed as HTML). */
export function renderSuppressed(list, ul) {
  ul.replaceChildren();
  for (const { section, c, rows } of list) {
    const li = document.createElement('li');
    // A group withheld in a table and in its model is said once.
    const said = [...new Set(rows.map((r) => `${r.name} (${r.reason})`))];
    const withheld = said.length ? ` Withheld: ${said.join('; ')}.` : ' No row withheld.';
    li.textContent = `${section}: ${c === 0 ? 'no figure' : c === 1 ? '1 figure' : `${c} figures`} shown as c.${withheld}`;
    ul.append(li);
  }
}
