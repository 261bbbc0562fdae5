// The demo page's own script: registers the kit's elements and hands a file the reader picks (or
// drops) to <csc-dataset-summary>, which reads it in the worker. No upload: the File object stays
// in this browser.
import '../dist/csc-demand-widgets.js';
import { holdLoadUntilSettled } from './settle.js';

holdLoadUntilSettled();

const form = document.getElementById('own-form');
const input = document.getElementById('own-file');
const zone = document.getElementById('drop-zone');
const monthFirst = document.getElementById('month-first');
const summary = document.getElementById('own-summary');

// One file, or several CIN census returns (yearly returns) read together as one dataset.
function show(files) {
  const list = [...(files ?? [])];
  if (list.length === 0) return;
  summary.hidden = false;
  summary.monthFirst = monthFirst.checked;
  summary.file = list.length === 1 ? list[0] : list;
}

form.addEventListener('submit', (e) => e.preventDefault());
input.addEventListener('change', () => show(input.files));
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
  show(e.dataTransfer?.files);
});
// A file dropped anywhere else on the page must not make the browser navigate away to it.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (e) => e.preventDefault());
}
