// Demo pages only: holds the page's `load` event until the kit's elements with a source have their
// figures (or an error), for at most 15 seconds, so a screenshot or test that waits for `load`
// (`chromium --screenshot`) shows figures rather than progress bars. A hidden iframe whose document
// is open keeps the parent's load event waiting until it is closed. The kit never delays a page's load.
export function holdLoadUntilSettled(root = document) {
  const pending = [...root.querySelectorAll('[src], [results-src]')]
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
