// The analyst's results: one element per view, fed the files the analyst picked (the `file`
// property: read in the worker, never uploaded), with the settings as the elements' attributes.
// Each view takes only its own settings, so changing one re-runs only the element it belongs to (an
// element re-runs when one of its own analysis attributes changes, and no other).
import { RETURNS } from './settings.js';

/** A view's element, heading and the settings it takes (setting name -> attribute name). */
export const VIEW_DEFS = {
  demand: {
    tag: 'demand-category-chart',
    heading: 'Categories of demand',
    attributes: { model: 'model', classes: 'classes', period: 'period' },
  },
  rereferral: {
    tag: 'rereferral-curve',
    heading: 'Re-referral after an episode closes',
    attributes: {
      'rereferral-outcome': 'outcome',
      group: 'group',
      'conf-type': 'conf-type',
      horizon: 'horizon',
      highlight: 'highlight',
    },
  },
  attainment: {
    tag: 'attainment-gap-table',
    heading: 'Attainment gaps of children in need',
    attributes: {
      'key-stage': 'key-stage',
      outcome: 'outcome',
      comparison: 'comparison',
      threshold: 'threshold',
    },
    needsPupils: true,
  },
  // Shown where the kit registers the element (the page asks customElements), so an older kit
  // without it shows the other views unchanged.
  pathways: {
    tag: 'pathway-chart',
    heading: 'What happened after the assessment',
    attributes: { window: 'window', split: 'split', 'pathway-view': 'view' },
  },
};

/** A view's heading for the settings: the re-referral view's follows what it follows. */
export function headingOf(view, settings) {
  if (view === 'rereferral') return (RETURNS[settings['rereferral-outcome']] ?? RETURNS.rereferral).heading;
  return VIEW_DEFS[view].heading;
}

/** The summary section a view publishes for the settings (the re-referral view: its outcome's). */
export function sectionOf(view, settings) {
  if (view === 'rereferral') return (RETURNS[settings['rereferral-outcome']] ?? RETURNS.rereferral).section;
  return view;
}

/** The views this kit and these files can show. */
export function availableViews(hasPupils) {
  return Object.keys(VIEW_DEFS).filter((v) => {
    const d = VIEW_DEFS[v];
    return customElements.get(d.tag) && (!d.needsPupils || hasPupils);
  });
}

/** Sets an element's attributes (and heading) from the settings; an empty setting removes the attribute. */
export function applySettings(el, view, settings) {
  const heading = headingOf(view, settings);
  if (el.getAttribute('heading') !== heading) el.setAttribute('heading', heading);
  for (const [name, attr] of Object.entries(VIEW_DEFS[view].attributes)) {
    const v = settings[name];
    if (v === '' || v === undefined) el.removeAttribute(attr);
    else if (el.getAttribute(attr) !== v) el.setAttribute(attr, v);
  }
}

/**
 * Builds the views in `container` for the files: returns view -> element. The elements are made
 * from script (createElement, setAttribute), so nothing from a file or the address is parsed as HTML.
 */
export function buildViews(container, { assessments, pupils, monthFirst }, settings) {
  container.replaceChildren();
  const elements = {};
  for (const view of availableViews(Boolean(pupils))) {
    const d = VIEW_DEFS[view];
    const section = document.createElement('section');
    section.className = 'view';
    const el = document.createElement(d.tag);
    el.id = `view-${view}`;
    el.setAttribute('heading-level', '3');
    applySettings(el, view, settings);
    el.monthFirst = monthFirst;
    if (d.needsPupils) el.pupilsFile = pupils;
    el.file = assessments;
    section.append(el);
    container.append(section);
    elements[view] = el;
  }
  return elements;
}
