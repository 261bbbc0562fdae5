// The chart's two download buttons (SVG and PNG) of a view: they read the <csc-vega-chart> in the
// element's shadow root when pressed (drawing it first if it has not come into view yet).
import type { DownloadAction } from './render.js';
import type { CscVegaChart } from './vega-chart.js';
import { downloadBlob } from './download.js';

/** "Download the chart (SVG)" and "(PNG)", saved as `fileName('svg')` and `fileName('png')`. */
export function chartDownloads(element: Element, fileName: (ext: 'svg' | 'png') => string): DownloadAction[] {
  const chart = () => element.shadowRoot?.querySelector<CscVegaChart>('csc-vega-chart') ?? null;
  const missing = () => new Error('The chart is not on the page.');
  return [
    {
      label: 'Download the chart (SVG)',
      run: async () => {
        const c = chart();
        if (!c) throw missing();
        downloadBlob(new Blob([await c.toSVG()], { type: 'image/svg+xml' }), fileName('svg'));
      },
    },
    {
      label: 'Download the chart (PNG)',
      run: async () => {
        const c = chart();
        if (!c) throw missing();
        downloadBlob(await c.toPNG(), fileName('png'));
      },
    },
  ];
}
