// The demo page's own script: registers the kit's elements and hands a file the reader picks (or
// drops) to <csc-dataset-summary>, which reads it in the worker. No upload: the File object stays
// in this browser.
import '../dist/csc-demand-widgets.js';

/**
 * Holds the page's `load` event until the elements given a `src` have their figures (or an error),
 * for at most 15 seconds: a screenshot or test that waits for `load` (`chromium --screenshot`) then
 * shows the figures rather than progress bars. A hidden iframe whose document is open keeps the
 * parent's load event waiting until it is closed. Demo only: the kit never delays a page's load.
 */
function holdLoadUntilSettled() {
  // The kit's elements with a source start loading on their first update, just after this runs.
  const pending = [...document.querySelectorAll('[src], [results-src]')]
    .filter(
      (el) => el.localName.includes('-') && !['ready', 'error', 'empty'].includes(el.getAttribute('status')),
    )
    .map(
      (el) =>
        new Promise((resolve) => {
          el.addEventListener('csc-analysis-complete', resolve, { once: true });
          el.addEventListener('csc-analysis-error', resolve, { once: true });
        }),
    );
  if (!pending.length) return;
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.title = 'Page loading';
  document.body.append(frame);
  const doc = frame.contentDocument;
  doc.open();
  const timeout = new Promise((resolve) => setTimeout(resolve, 15000));
  Promise.race([Promise.all(pending), timeout]).then(() => {
    doc.close();
    frame.remove();
  });
}
holdLoadUntilSettled();

const form = document.getElementById('own-form');
const input = document.getElementById('own-file');
const zone = document.getElementById('drop-zone');
const monthFirst = document.getElementById('month-first');
const summary = document.getElementById('own-summary');

function show(file) {
  if (!file) return;
  summary.hidden = false;
  summary.monthFirst = monthFirst.checked;
  summary.file = file;
}

form.addEventListener('submit', (e) => e.preventDefault());
input.addEventListener('change', () => show(input.files?.[0]));
monthFirst.addEventListener('change', () => {
  summary.monthFirst = monthFirst.checked;
});

for (const type of ['dragenter', 'dragover']) {
  zone.addEventListener(type, (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
}
for (const type of ['dragleave', 'dragend', 'drop']) {
  zone.addEventListener(type, () => zone.classList.remove('over'));
}
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  show(e.dataTransfer?.files?.[0]);
});
// A file dropped anywhere else on the page must not make the browser navigate away to it.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (e) => e.preventDefault());
}
