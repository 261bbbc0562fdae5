// <csc-vega-chart>: draws a Vega spec, loading Vega only when the chart comes near the viewport.
//
// - Lazy: the kit's slim Vega (vega-runtime.ts) is imported, as a chunk of its own, the first time a
//   chart is within 300 px of the viewport (IntersectionObserver), or when a download needs it; the
//   element around it already shows its summary and table.
// - Vega, not Vega-Lite: the elements' spec builders write Vega specs, so Vega-Lite's compiler (80 KB
//   gzip, a third of the size budget) never loads. A Vega-Lite spec is refused with a message saying
//   to compile it first (vega-lite's `compile(spec).spec`).
// - Strict CSP: no vega-embed; the spec is parsed with `{ast: true}` and run by vega-interpreter (no
//   `eval`), no <style> is injected anywhere, and the tooltip is drawn inside this shadow root (text
//   only) instead of vega-tooltip's, which puts its element and styles in the document.
// - Accessible: the SVG gets role="img" and `label` as its aria-label (the element's one-sentence
//   summary); Vega's own ARIA on marks is off (the spec builders set `aria: false` on every mark, axis
//   and legend) since the table carries the figures.
// - Theme: the design tokens (tokens.ts) become the Vega config: font, text, grid, palette.
// - Size: a spec with `width: 'container'` follows its container (ResizeObserver).
// - Memory: the view is finalized and the observers disconnected when the element leaves the page;
//   `CscVegaChart.live` counts the views and observers alive on the page (the memory tests use it).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Spec as VegaSpec } from 'vega';
import type { DrawnChart } from './vega-draw.js';
import { tokens } from './tokens.js';
import { VERSION } from '../../workers/client.js';

export type { DrawnChart } from './vega-draw.js';

/** A Vega spec (what the elements' spec builders return); `width: 'container'` follows the element. */
export type VisualizationSpec = Omit<VegaSpec, 'width'> & { width?: VegaSpec['width'] | 'container' };

/**
 * What `spec` accepts: a spec, or a function making one (maybe after importing the spec builder), so
 * an element can keep its spec builder out of the first load: it runs only when the chart is drawn.
 */
export type SpecSource = VisualizationSpec | (() => VisualizationSpec | Promise<VisualizationSpec>);

type Draw = typeof import('./vega-draw.js');
let drawModule: Promise<Draw> | null = null;

function retrying<T>(load: () => Promise<T>, reset: () => void): Promise<T> {
  return load().catch((e: unknown) => {
    reset(); // a failed chunk load (offline) is tried again by the next chart
    throw e;
  });
}

/** Imports the kit's Vega and the drawing code once per page (a separate chunk). */
export function loadVega(): Promise<Draw> {
  drawModule ??= retrying(
    () => import('./vega-draw.js'),
    () => (drawModule = null),
  );
  return drawModule;
}

/** A Vega-Lite spec names Vega-Lite's schema; the kit draws Vega specs only. */
function isVegaLite(spec: VisualizationSpec): boolean {
  const schema = (spec as { $schema?: unknown }).$schema;
  return typeof schema === 'string' && /\/vega-lite\/v\d/.test(schema);
}

function tooltipLines(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [String(value)];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`);
}

/**
 * A Vega chart, lazily rendered; used inside the kit's elements.
 * @attr theme - light, dark or unset (follow the reader's setting); the element passes its own on
 * @csspart chart - the box the SVG is drawn in
 * @csspart tooltip - the tooltip
 * @fires csc-chart-render - the chart was drawn (bubbles, composed)
 * @fires csc-chart-error - Vega could not be loaded or the spec failed; detail `{message}`
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
   * A Vega spec, or a function returning one (or a promise of one) that runs when the
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
    void this.updateComplete.then(() => this.observe());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
          ? html`<p class="failed">
              The chart could not be drawn (${this.failed}). The table has the same figures.
            </p>`
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
      if (isVegaLite(spec))
        throw new Error(
          'This chart is a Vega-Lite spec; <csc-vega-chart> draws Vega specs: compile it first (vega-lite: compile(spec).spec).',
        );
      const vega = await loadVega();
      await this.updateComplete;
      const box = this.chartBox();
      if (gen !== this.generation || !box) return null;
      this.width = Math.floor(box.clientWidth);
      const sized = (spec as { width?: unknown }).width === 'container';
      const input = (sized ? { ...spec, width: Math.max(this.width, 100) } : spec) as VegaSpec;
      const result = await vega.drawChart(box, input, {
        config: vega.themeConfig(getComputedStyle(this)),
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
    const r = this.embedded;
    if (!box || !r || (this.drawn as { width?: unknown } | null)?.width !== 'container') return;
    const w = Math.floor(box.clientWidth);
    if (w === this.width || w <= 0) return;
    this.width = w;
    void r.view
      .width(Math.max(w, 100))
      .runAsync()
      .then(() => this.labelSvg());
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
