// A consumer's TypeScript, checked by tsc against the installed package (consumer.test.ts): the
// kit's events and tags are typed without casts.
import 'csc-demand-widgets';
import type { AnalysisCompleteDetail, CscRereferralCurve } from 'csc-demand-widgets';

const curve = document.querySelector('rereferral-curve');
curve?.addEventListener('csc-analysis-complete', (e) => {
  const result: unknown = e.detail.result;
  const status: 'ready' | 'empty' = e.detail.status;
  console.log(result, status);
});
curve?.addEventListener('csc-analysis-error', (e) => console.log(e.detail.error.message));
document.addEventListener('csc-view-change', (e) => console.log(e.detail.view));
document.addEventListener('csc-chart-error', (e) => console.log(e.detail.message));

const detail: AnalysisCompleteDetail = { result: null, status: 'ready' };
const chart = document.createElement('csc-vega-chart');
chart.label = 'A chart';
const typed: CscRereferralCurve | null = curve;
console.log(detail, chart, typed);

// @ts-expect-error an error event's detail has no result: the map gives each event its own detail
curve?.addEventListener('csc-analysis-error', (e) => e.detail.result);
