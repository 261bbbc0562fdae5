// The strict-CSP demo page's script: the kit, and the page's load held until the figures are in.
import '../dist/csc-demand-widgets.js';
import '../dist/chart.js';
import { holdLoadUntilSettled } from './settle.js';

holdLoadUntilSettled();

// A researcher's own Vega-Lite chart beside the kit's: a temporal axis with a time unit, a named
// colour scheme and an interval selection, all of which the strict policy must allow.
const months = [310, 290, 335, 320, 300, 280, 260, 275, 360, 390, 370, 330];
document.getElementById('own-chart').spec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  height: 180,
  data: {
    values: months.map((n, i) => ({ date: `2023-${String(i + 1).padStart(2, '0')}-01`, referrals: n })),
  },
  params: [{ name: 'span', select: { type: 'interval', encodings: ['x'] } }],
  mark: 'bar',
  encoding: {
    x: { field: 'date', type: 'temporal', timeUnit: 'yearmonth', title: 'Month' },
    y: { field: 'referrals', type: 'quantitative', title: 'Referrals' },
    color: { field: 'referrals', type: 'quantitative', scale: { scheme: 'blues' }, legend: null },
    tooltip: [
      { field: 'date', type: 'temporal', timeUnit: 'yearmonth', title: 'Month' },
      { field: 'referrals', type: 'quantitative', title: 'Referrals' },
    ],
  },
};
