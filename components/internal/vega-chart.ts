// <csc-vega-chart>: draws a Vega-Lite or Vega spec through vega-embed, loading the charting code only
// when the chart comes near the viewport or the page is printed. The elements draw their charts with
// it, and a page may use it for a chart of its own beside theirs (README, "A chart of your own").
//
// - Lazy: stock vega, vega-lite and vega-embed come as one chunk (vega-draw.ts), never in a page's
//   first load. It is imported when the page is first idle after a chart joins it, or sooner when a
//   chart is within 300 px of the viewport (IntersectionObserver) or a download needs it; a chart
//   draws only when it nears the viewport, or when the page is about to print (`beforeprint`, and a
//   `print` media query for printing that fires no event): then every chart on the page draws.
// - Printing: a print listener cannot wait for a download (the browser lays the page out for print
//   as soon as the listeners return), so the chunk must be loaded before the reader prints: hence
//   the idle import. Once it is loaded a draw started while printing takes no task of its own (only
//   microtasks; otherwise a draw is sliced into tasks, vega-slice.ts, and printing finishes those at
//   once), so charts drawn from a `beforeprint` listener are in the printout, those below the fold
//   too. (A reader who asked to save data, `navigator.connection.saveData`, gets no idle import: a
//   chart then loads it as it nears the viewport, and a page printed before any chart did may lack
//   the charts.)
// - Strict CSP: vega-embed with `ast: true` and vega-interpreter (no `eval`), no injected <style>, no
//   action menu, and a tooltip drawn inside this shadow root (text only) instead of vega-tooltip's,
//   which puts its element and styles in the document (vega-draw.ts).
// - Errors: a spec Vega or Vega-Lite rejects, or whose dataflow fails, fires `csc-chart-error` with
//   Vega's message and shows it in place of the chart; `csc-chart-render` only follows a chart drawn.
// - Accessible: the SVG gets role="img" and `label` as its aria-label (the element's one-sentence
//   summary); the theme turns Vega's ARIA on marks and guides off (`aria: false`), since the table
//   carries the figures.
// - Theme: the design tokens (tokens.ts) become a Vega-Lite config (vega-theme.ts): font, text, grid,
//   palette; a spec's own `config` wins over it.
// - Size: a spec with `width: 'container'` follows its container (ResizeObserver), drawn again at the
//   new width.
// - Memory: the view is finalized and the observers disconnected when the element leaves the page;
//   `CscVegaChart.live` counts the views and observers alive on the page (the memory tests use it).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Spec as VegaSpec } from 'vega';
import type { VisualizationSpec as EmbedSpec } from 'vega-embed';
import type { DrawnChart } from './vega-draw.js';
import { tokens } from './tokens.js';
import { VERSION } from '../../workers/client.js';

export type { DrawnChart } from './vega-draw.js';

/** A Vega-Lite or Vega spec; `width: 'container'` follows the element (in Vega specs too). */
export type VisualizationSpec =
  EmbedSpec | (Omit<VegaSpec, 'width'> & { width?: VegaSpec['width'] | 'container' });

/**
 * What `spec` accepts: a spec, or a function making one (maybe after importing the spec builder), so
 * an element can keep its spec builder out of the first load: it runs only when the chart is drawn.
 */
export type SpecSource = VisualizationSpec | (() => VisualizationSpec | Promise<VisualizationSpec>);

type Draw = typeof import('./vega-draw.js');
let drawModule: Promise<Draw> | null = null;
/** The chunk once loaded: a chart then draws with no dynamic import (no task) in between. */
let drawLoaded: Draw | null = null;

function retrying<T>(load: () => Promise<T>, reset: () => void): Promise<T> {
  return load().catch((e: unknown) => {
    reset(); // a failed chunk load (offline) is tried again by the next chart
    throw e;
  });
}

/** Imports vega, vega-lite, vega-embed and the drawing code once per page (one lazy chunk). */
export function loadVega(): Promise<Draw> {
  drawModule ??= retrying(
    // vega-embed's chunk (stock vega, vega-lite, vega-embed: rollup.config.mjs) asked for at once, beside
    // the drawing code that imports it, rather than after it.
    () => Promise.all([import('./vega-draw.js'), import('vega-embed')]).then(([m]) => (drawLoaded = m)),
    () => (drawModule = null),
  );
  return drawModule;
}

/** Whether the idle import of the chunk has been asked for (once per page). */
let prefetchAsked = false;

/**
 * Imports the chunk when the page is next idle (after the first paint and the analyses' work), so a
 * page printed before any chart neared the viewport can still draw them all while printing.
 */
function prefetchWhenIdle(): void {
  if (prefetchAsked || drawModule) return;
  prefetchAsked = true;
  if ((globalThis.navigator as { connection?: { saveData?: boolean } } | undefined)?.connection?.saveData)
    return;
  const load = () => void loadVega().catch(() => (prefetchAsked = false));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 1000); // Safari: no idle callback
}

/** The charts on the page (connected), for printing. */
const onPage = new Set<CscVegaChart>();
/** The print media query while a chart is on the page (null when none is: nothing is left listening). */
let printQuery: MediaQueryList | null = null;

/**
 * Draws every chart on the page that has not drawn yet: the page is about to print. A drawing in
 * progress (drawn in slices of the main thread) finishes now too, within this listener's microtasks.
 */
function drawAllForPrint(): void {
  drawLoaded?.finishNow();
  for (const chart of onPage) chart.drawForPrint();
}

/** Printing is over: drawings go back to slices. */
function afterPrint(): void {
  drawLoaded?.resumeSlicing();
}

const onPrintMedia = (e: MediaQueryListEvent): void => {
  if (e.matches) drawAllForPrint();
  else afterPrint();
};

/**
 * `beforeprint` (a reader prints, or saves as PDF) and a `print` media query (some print paths, such
 * as a headless browser's PDF, switch media without the event): both draw every chart. Installed when
 * the first chart joins the page and removed when the last one leaves, so a page whose charts come
 * and go keeps no listener of ours.
 */
function listenForPrint(): void {
  if (printQuery || !globalThis.matchMedia) return;
  globalThis.addEventListener('beforeprint', drawAllForPrint);
  globalThis.addEventListener('afterprint', afterPrint);
  printQuery = globalThis.matchMedia('print');
  printQuery.addEventListener('change', onPrintMedia);
}

function stopListeningForPrint(): void {
  if (!printQuery || onPage.size > 0) return;
  globalThis.removeEventListener('beforeprint', drawAllForPrint);
  globalThis.removeEventListener('afterprint', afterPrint);
  printQuery.removeEventListener('change', onPrintMedia);
  printQuery = null;
}

function tooltipLines(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [String(value)];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`);
}

/**
 * A Vega-Lite or Vega chart in the kit's theme, drawn lazily under a strict CSP: the chart inside
 * every element, and the way to put a chart of one's own beside them.
 * @example
 * <csc-vega-chart label="Assessments rose from 1,200 to 1,450."></csc-vega-chart>
 * <script type="module">
 *   import 'csc-demand-widgets/chart';
 *   document.querySelector('csc-vega-chart').spec = {
 *     $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
 *     data: { values: [{ year: 2022, n: 1200 }, { year: 2023, n: 1450 }] },
 *     mark: 'bar',
 *     encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'n', type: 'quantitative' } },
 *   };
 * </script>
 * @element csc-vega-chart
 * @attr label - the chart's accessible name (the SVG's aria-label): a sentence saying what it shows
 * @attr theme - light, dark or unset (follow the reader's setting); the element passes its own on
 * @csspart chart - the box the SVG is drawn in
 * @csspart tooltip - the tooltip
 * @fires csc-chart-render - the chart was drawn (bubbles, composed)
 * @fires csc-chart-error - the charting code could not be loaded or the spec failed (Vega's message shown in place of the chart); detail `{message}`
 */
export class CscVegaChart extends LitElement {
  static version = VERSION;
  /** Vega views and observers alive on the page, for leak tests (read-only). */
  static readonly live = { views: 0, observers: 0 };
  static override properties = {
    spec: { attribute: false },
    label: { type: String },
    theme: { type: String, reflect: true },
    failed: { state: true },
  };
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        position: relative;
        color: var(--_text);
      }
      .chart {
        width: 100%;
      }
      .chart.pending {
        min-height: var(--csc-chart-min-height, 12rem);
      }
      .chart svg {
        display: block;
        max-width: 100%;
        height: auto;
      }
      .tooltip {
        position: absolute;
        z-index: 10;
        pointer-events: none;
        max-width: 20rem;
        padding: 0.35rem 0.5rem;
        font: 0.875rem/1.35 var(--_font);
        color: var(--_bg);
        background: var(--_text);
        border-radius: 2px;
      }
      .tooltip[hidden] {
        display: none;
      }
      .failed {
        color: var(--_text-2);
      }
      @media (forced-colors: active) {
        .tooltip {
          border: 1px solid CanvasText;
        }
      }
      @media print {
        .tooltip {
          display: none;
        }
        /* A chart drawn in dark mode prints on white: dark text and axes over a white background. */
        .chart svg {
          background-color: #ffffff !important;
        }
        .chart svg text {
          fill: #0b0c0c;
        }
        .chart svg .role-axis-domain line,
        .chart svg .role-axis-tick line {
          stroke: #484949;
        }
      }
    `,
  ];

  /**
   * A Vega-Lite or Vega spec, or a function returning one (or a promise of one) that runs when the
   * chart is drawn; `width: 'container'` to follow the element's width.
   */
  spec: SpecSource | null = null;
  /** The accessible name of the chart: the one-sentence summary. */
  label = '';
  /** 'light', 'dark' or unset (follow the reader's setting): the element passes its own on. */
  theme: string | null = null;
  private failed: string | null = null;
  private embedded: DrawnChart | null = null;
  private drawing: Promise<DrawnChart | null> | null = null;
  /** The spec being drawn, once `spec` was resolved. */
  private drawn: VisualizationSpec | null = null;
  private near = false;
  private generation = 0;
  private width = 0;
  private intersection: IntersectionObserver | null = null;
  private resize: ResizeObserver | null = null;
  private resizeFrame = 0;
  /** Dark mode and forced colours: the chart is drawn again in the new colours when either changes. */
  private schemes: MediaQueryList[] = [];
  private readonly onSchemeChange = () => this.redraw();

  override connectedCallback(): void {
    super.connectedCallback();
    onPage.add(this);
    listenForPrint();
    prefetchWhenIdle();
    void this.updateComplete.then(() => this.observe());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    onPage.delete(this);
    stopListeningForPrint();
    for (const o of [this.intersection, this.resize]) {
      if (!o) continue;
      o.disconnect();
      CscVegaChart.live.observers--;
    }
    for (const q of this.schemes) q.removeEventListener('change', this.onSchemeChange);
    this.schemes = [];
    if (this.resizeFrame) cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = 0;
    this.intersection = this.resize = null;
    this.generation++;
    this.drawing = null;
    this.embedded?.finalize();
    this.embedded = null;
  }

  protected override updated(changed: PropertyValues): void {
    // A new theme changes the tokens the Vega config is read from: draw again (once drawn).
    if (changed.has('spec') || (changed.has('theme') && changed.get('theme') !== undefined)) this.redraw();
    else if (changed.has('label')) this.labelSvg();
  }

  override render() {
    return html`<div class="chart ${this.embedded ? '' : 'pending'}" part="chart"></div>
      <div class="tooltip" part="tooltip" role="tooltip" hidden></div>
      ${
        this.failed
          ? html`<p class="failed" role="alert">The chart could not be drawn: ${this.failed}</p>`
          : nothing
      }`;
  }

  /** The chart as standalone SVG markup (draws it first if needed). */
  async toSVG(): Promise<string> {
    const r = await this.ensureDrawn();
    const svg = await r.view.toSVG();
    const title = this.label ? `<title>${escapeXml(this.label)}</title>` : '';
    return svg.replace(/<svg\b[^>]*>/, (open) => `${open}${title}`);
  }

  /** The chart as a PNG at `scale` times its size (default 2, sharp on print and high-DPI screens). */
  async toPNG(scale = 2): Promise<Blob> {
    const r = await this.ensureDrawn();
    const canvas = await r.view.toCanvas(scale);
    return new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'),
    );
  }

  /** Resolves once the chart is drawn (loading Vega now if it was not near the viewport yet). */
  async ensureDrawn(): Promise<DrawnChart> {
    this.near = true;
    // A drawing superseded while we wait (a new spec: the element was resized) is not the answer:
    // wait for the newer one, as long as new ones keep coming (bounded, so never forever).
    for (let round = 0; round < 20; round++) {
      await this.updateComplete;
      const pending = this.drawing ?? this.redraw();
      const gen = this.generation;
      const r = await pending;
      if (gen !== this.generation) continue;
      if (r) return r;
      break;
    }
    throw new Error(this.failed ?? 'The chart has no spec to draw.');
  }

  /** Draws now if not drawn yet (the page is about to print). */
  drawForPrint(): void {
    if (this.near) return;
    this.near = true;
    if (this.intersection) {
      this.intersection.disconnect();
      this.intersection = null;
      CscVegaChart.live.observers--;
    }
    void this.redraw();
  }

  private observe(): void {
    if (!this.isConnected || this.resize) return;
    const box = this.chartBox();
    if (!box) return;
    // The new width is applied in the next frame, not inside the observer's callback: redrawing there
    // changes the box's height within the same frame, which browsers report as a ResizeObserver loop.
    this.resize = new ResizeObserver(() => {
      if (this.resizeFrame) return;
      this.resizeFrame = requestAnimationFrame(() => {
        this.resizeFrame = 0;
        this.onResize();
      });
    });
    this.resize.observe(box);
    CscVegaChart.live.observers++;
    this.schemes = globalThis.matchMedia
      ? ['(prefers-color-scheme: dark)', '(forced-colors: active)'].map((q) => globalThis.matchMedia(q))
      : [];
    for (const q of this.schemes) q.addEventListener('change', this.onSchemeChange);
    if (this.near) {
      this.redraw(); // back on the page after being removed: its view was finalized
      return;
    }
    if (typeof IntersectionObserver === 'undefined') {
      this.near = true;
      this.redraw();
      return;
    }
    this.intersection = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting) || this.near) return;
        this.near = true;
        if (this.intersection) CscVegaChart.live.observers--;
        this.intersection?.disconnect();
        this.intersection = null;
        this.redraw();
      },
      { rootMargin: '300px' },
    );
    this.intersection.observe(this);
    CscVegaChart.live.observers++;
  }

  private chartBox(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.chart');
  }

  private redraw(): Promise<DrawnChart | null> {
    const gen = ++this.generation;
    if (!this.near || !this.spec || !this.isConnected) {
      this.drawing = null;
      return Promise.resolve(null);
    }
    this.drawing = this.draw(gen, this.spec);
    return this.drawing;
  }

  private async draw(gen: number, source: SpecSource): Promise<DrawnChart | null> {
    try {
      const spec = typeof source === 'function' ? await source() : source;
      // Loaded already: no dynamic import, so a draw started by `beforeprint` finishes before printing.
      const vega = drawLoaded ?? (await loadVega());
      await this.updateComplete;
      const box = this.chartBox();
      if (gen !== this.generation || !box) return null;
      this.width = Math.floor(box.clientWidth);
      const sized = (spec as { width?: unknown }).width === 'container';
      const input = (sized ? { ...spec, width: Math.max(this.width, 100) } : spec) as EmbedSpec;
      const style = getComputedStyle(this);
      const result = await vega.drawChart(box, input, {
        config: vega.themeConfig((name) => style.getPropertyValue(name)),
        onTooltip: (event, value) => this.tooltip(event, value),
        count: (d) => (CscVegaChart.live.views += d),
      });
      if (gen !== this.generation) {
        result.finalize();
        return null;
      }
      this.embedded?.finalize();
      this.embedded = result;
      this.drawn = spec;
      this.failed = null;
      this.requestUpdate();
      this.labelSvg();
      this.dispatchEvent(new CustomEvent('csc-chart-render', { bubbles: true, composed: true }));
      return result;
    } catch (e) {
      if (gen !== this.generation) return null;
      this.embedded?.finalize();
      this.embedded = null;
      this.chartBox()?.replaceChildren();
      this.failed = e instanceof Error ? e.message : String(e);
      this.dispatchEvent(
        new CustomEvent('csc-chart-error', {
          detail: { message: this.failed },
          bubbles: true,
          composed: true,
        }),
      );
      return null;
    }
  }

  private onResize(): void {
    const box = this.chartBox();
    if (!box || !this.embedded || (this.drawn as { width?: unknown } | null)?.width !== 'container') return;
    const w = Math.floor(box.clientWidth);
    if (w === this.width || w <= 0) return;
    this.width = w;
    // Drawn again at the new width: a Vega-Lite spec compiles its width into the layout.
    void this.redraw();
  }

  private labelSvg(): void {
    const svg = this.chartBox()?.querySelector('svg');
    if (!svg) return;
    svg.setAttribute('role', 'img');
    svg.removeAttribute('aria-roledescription');
    if (this.label) svg.setAttribute('aria-label', this.label);
    else svg.removeAttribute('aria-label');
  }

  private tooltip(event: MouseEvent, value: unknown): void {
    const tip = this.renderRoot.querySelector<HTMLElement>('.tooltip');
    if (!tip) return;
    const lines = tooltipLines(value);
    if (!lines.length || !event) {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren(
      ...lines.map((l) => {
        const div = document.createElement('div');
        div.textContent = l;
        return div;
      }),
    );
    const host = this.getBoundingClientRect();
    const x = event.clientX - host.left + 12;
    tip.style.left = `${Math.min(x, Math.max(0, host.width - 200))}px`;
    tip.style.top = `${event.clientY - host.top + 12}px`;
    tip.hidden = false;
  }
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
