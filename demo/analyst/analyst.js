// The analyst page (demo/analyst.html): your files in, every view on them, then a summary to publish
// and the code to publish it with. This page's own code is here, in demo/, not in the kit: a public
// page that loads the kit never loads it.
import '../../dist/csc-demand-widgets.js';
import { OUTCOMES, VIEWS, allowed, isPeriod, readSettings, writeSettings, SETTINGS } from './settings.js';
import { applySettings, availableViews, buildViews, headingOf } from './views.js';
import {
  makeSummary,
  publicViews,
  renderPreview,
  renderSuppressed,
  summaryRequest,
  suppressedList,
} from './publish.js';
import { accessibilityStatement, iframeCode, scriptCode } from './embed-code.js';

const $ = (id) => document.getElementById(id);
let settings = readSettings(location.search);
/** The files chosen: {assessments: File[], pupils: File | null, monthFirst}. */
const files = { assessments: [], pupils: null, monthFirst: false };
let elements = {};
let summaryUrl = null;
let publishing = null;

// ---- settings <-> controls <-> address ----

function fillOutcomes() {
  const select = $('outcome');
  select.replaceChildren(
    ...OUTCOMES[settings['key-stage']].map(([value, label]) => new Option(label, value)),
  );
  select.value = settings.outcome;
}

function showSettings() {
  $('classes').replaceChildren(
    new Option('Chosen by the data (BIC)', 'auto'),
    ...Array.from({ length: 13 }, (_, i) => new Option(String(i + 2), String(i + 2))),
  );
  for (const name of [
    'classes',
    'period',
    'rereferral-outcome',
    'group',
    'conf-type',
    'horizon',
    'highlight',
    'key-stage',
    'window',
    'split',
    'pathway-view',
  ]) {
    $(name).value = settings[name];
  }
  for (const name of ['threshold', 'area', 'site']) $(name).value = settings[name];
  $(`model-${settings.model}`).checked = true;
  $(`comparison-${settings.comparison}`).checked = true;
  $('classes').disabled = settings.model !== 'local';
  fillOutcomes();
}

/** Records a change: the address, then the one view it belongs to (or none). */
function change(name, value) {
  settings = { ...settings, [name]: value };
  if (name === 'key-stage' && !allowed('outcome', settings.outcome, settings)) {
    settings.outcome = OUTCOMES[settings['key-stage']][0][0];
    fillOutcomes();
  }
  if (name === 'model') $('classes').disabled = value !== 'local';
  history.replaceState(null, '', `${location.pathname}${writeSettings(settings)}${location.hash}`);
  const view = SETTINGS[name].view;
  if (view && elements[view]) applySettings(elements[view], view, settings);
  // The re-referral view's name follows what it follows, in the list of views to publish too.
  if (name === 'rereferral-outcome' && !$('publish').hidden) showPublishViews();
}

$('settings').addEventListener('submit', (e) => e.preventDefault());
$('settings').addEventListener('change', (e) => {
  const t = e.target;
  const name = t.name;
  if (!(name in SETTINGS)) return;
  if (name === 'period') {
    const v = t.value.trim();
    const ok = v === '' || isPeriod(v);
    $('period-error').hidden = ok;
    $('period-error').textContent = ok ? '' : 'Enter financial years such as 2018-2024 or 2021-22.';
    t.toggleAttribute('aria-invalid', !ok);
    if (!ok) return;
    change(name, v);
    return;
  }
  if (!allowed(name, t.value, settings)) return;
  change(name, t.value);
});

// ---- 1. your data ----

function showProblems() {
  const found = [$('assessments-summary'), $('pupils-summary')]
    .map((el) => el.result)
    .filter((r) => r && r.problemCount > 0);
  const box = $('problems');
  box.hidden = found.length === 0;
  if (!found.length) return;
  const total = found.reduce((a, r) => a + r.problemCount, 0);
  $('problems-intro').textContent =
    `${total.toLocaleString('en-GB')} ${total === 1 ? 'problem' : 'problems'} found: the rows with them are left out and counted. ` +
    'The first are listed here; every list is in the summaries below.';
  $('problems-list').replaceChildren(
    ...found.flatMap((r) =>
      r.problems.slice(0, 5).map((p) => {
        const li = document.createElement('li');
        li.textContent = p.message;
        return li;
      }),
    ),
  );
}

function load() {
  if (!files.assessments.length) return;
  const a = $('assessments-summary');
  a.hidden = false;
  a.monthFirst = files.monthFirst;
  a.file = files.assessments.length === 1 ? files.assessments[0] : files.assessments;
  const p = $('pupils-summary');
  p.hidden = !files.pupils;
  if (files.pupils) {
    p.monthFirst = files.monthFirst;
    p.file = files.pupils;
  }
  $('results-empty').hidden = true;
  $('results').hidden = false;
  $('pathways-settings').hidden = !customElements.get('pathway-chart');
  $('publish-empty').hidden = true;
  $('publish').hidden = false;
  const assessments = a.file;
  elements = buildViews(
    $('views'),
    { assessments, pupils: files.pupils, monthFirst: files.monthFirst },
    settings,
  );
  // The reader's own switch on the pathways element is the view shown first, as the select is.
  elements.pathways?.addEventListener('csc-view-change', (e) => {
    if (!allowed('pathway-view', e.detail.view, settings)) return;
    $('pathway-view').value = e.detail.view;
    change('pathway-view', e.detail.view);
  });
  showPublishViews();
  $('published').hidden = true;
}

for (const el of [$('assessments-summary'), $('pupils-summary')]) {
  el.addEventListener('csc-analysis-complete', showProblems);
}

$('data-form').addEventListener('submit', (e) => e.preventDefault());
$('assessments-file').addEventListener('change', (e) => {
  files.assessments = [...e.target.files];
  load();
});
$('pupils-file').addEventListener('change', (e) => {
  files.pupils = e.target.files[0] ?? null;
  load();
});
$('month-first').addEventListener('change', (e) => {
  files.monthFirst = e.target.checked;
  load();
});
const zone = $('assessments-drop');
for (const type of ['dragenter', 'dragover'])
  zone.addEventListener(type, (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
for (const type of ['dragleave', 'dragend', 'drop'])
  zone.addEventListener(type, () => zone.classList.remove('over'));
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  const dropped = [...(e.dataTransfer?.files ?? [])];
  if (!dropped.length) return;
  files.assessments = dropped;
  load();
});
// A file dropped elsewhere must not make the browser navigate away to it.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());

// ---- 3. publish ----

function showPublishViews() {
  const box = $('publish-views');
  const chosen = settings.views.split(',');
  box.replaceChildren(box.querySelector('legend') ?? document.createElement('legend'));
  for (const view of availableViews(Boolean(files.pupils))) {
    const div = document.createElement('div');
    div.className = 'checkbox';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = `publish-${view}`;
    input.name = 'publish-view';
    input.value = view;
    input.checked = chosen.includes(view);
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = headingOf(view, settings);
    div.append(input, label);
    box.append(div);
  }
}

$('publish-form').addEventListener('change', (e) => {
  const t = e.target;
  if (t.name === 'publish-view') {
    const chosen = [...document.querySelectorAll('input[name="publish-view"]:checked')].map((i) => i.value);
    change('views', VIEWS.filter((v) => chosen.includes(v)).join(','));
  } else if ((t.name === 'area' || t.name === 'site') && allowed(t.name, t.value, settings)) {
    change(t.name, t.value);
  }
});

$('publish-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const views = settings.views.split(',').filter((v) => availableViews(Boolean(files.pupils)).includes(v));
  const status = $('publish-status');
  if (!views.length) {
    status.textContent = 'Choose at least one view to publish.';
    return;
  }
  if (!allowed('site', $('site').value, settings)) {
    status.textContent = 'Enter the web address of a folder, such as https://www.example.gov.uk/jsna/.';
    $('site').focus();
    return;
  }
  publishing?.abort();
  const controller = (publishing = new AbortController());
  // The choices as they are now: the preview and the embed code describe this summary.
  const chosen = settings;
  const bar = $('publish-progress');
  bar.hidden = false;
  bar.removeAttribute('value');
  status.textContent = 'Making the summary…';
  try {
    const summary = await makeSummary(
      { assessments: files.assessments, pupils: files.pupils, monthFirst: files.monthFirst },
      summaryRequest(chosen, views),
      (f) => (f === null ? bar.removeAttribute('value') : (bar.value = f)),
      controller.signal,
    );
    if (controller.signal.aborted) return;
    showPublished(summary, chosen, views);
    status.textContent = 'The summary is ready: check the preview below.';
  } catch (err) {
    if (!controller.signal.aborted)
      status.textContent = `The summary could not be made: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    bar.hidden = true;
  }
});

function showPublished(summary, chosen, views) {
  const shown = publicViews(summary, chosen, views);
  renderPreview($('preview'), summary, shown);
  const list = suppressedList(summary);
  $('suppressed-rule').textContent = summary.metadata.disclosure.description ?? '';
  renderSuppressed(list, $('suppressed-list'));
  if (summaryUrl) URL.revokeObjectURL(summaryUrl);
  // Pretty JSON and a final newline, as `csc-demand analyse` writes it.
  summaryUrl = URL.createObjectURL(
    new Blob([JSON.stringify(summary, null, 2) + '\n'], { type: 'application/json' }),
  );
  $('download-summary').href = summaryUrl;
  $('script-code').value = scriptCode(chosen.site, shown);
  $('iframe-code').value = iframeCode(chosen.site, shown);
  $('statement').value = accessibilityStatement(summary);
  $('published').hidden = false;
}

async function copy(box, what) {
  const text = $(box).value;
  try {
    await navigator.clipboard.writeText(text);
    $('copy-status').textContent = `${what} copied.`;
  } catch {
    // No clipboard (an older browser, or permission refused): select it for the reader to copy.
    $(box).select();
    $('copy-status').textContent = `${what} selected: press Ctrl+C (or Cmd+C) to copy it.`;
  }
}
$('copy-script').addEventListener('click', () => copy('script-code', 'The embed code'));
$('copy-iframe').addEventListener('click', () => copy('iframe-code', 'The iframe code'));
$('copy-statement').addEventListener('click', () => copy('statement', 'The paragraph'));

showSettings();
