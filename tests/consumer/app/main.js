// A consumer's app: the kit imported by package name, as its README says, and nothing else. The test
// (consumer.test.ts) reads window.cscConsumer once the element has analysed the file.
import { getAnalysisClient } from 'csc-demand-widgets';

const TAGS = ['csc-dataset-summary', 'rereferral-curve', 'attainment-gap-table', 'demand-category-chart'];

window.cscConsumer = (async () => {
  const summary = document.querySelector('csc-dataset-summary');
  const outcome = new Promise((resolve) => {
    summary.addEventListener('csc-analysis-complete', (e) => resolve({ status: e.detail.status }));
    summary.addEventListener('csc-analysis-error', (e) => resolve({ error: e.detail.error.message }));
  });
  const result = await outcome;
  return {
    ...result,
    defined: TAGS.filter((t) => customElements.get(t) !== undefined),
    mode: getAnalysisClient().mode,
    text: summary.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '',
  };
})();
