// The base of every element: data inputs, one request at a time, and the four states a reader sees.
//
// Inputs, first one set wins: the `results` property, `results-src` (published figures: no worker),
// the `data` property (rows), the `file` property (a File or Blob, streamed by the worker), `src`.
// Changing any input (or an attribute a subclass lists in `analysisProperties`) starts a new request
// and cancels the one in flight; an answer to a superseded request is dropped, never shown.
//
// States (reflected as the `status` attribute): idle (no input), loading (a <progress> with a label),
// ready, empty (the analysis found nothing to show), error (the message in the page, role=alert,
// with the file's problems and their line numbers). Events, all bubbling and composed so they leave
// the shadow root: `csc-analysis-start`, `csc-analysis-progress`, `csc-analysis-complete`,
// `csc-analysis-error`.
//
// A subclass supplies `compute` (record-level: through the worker client), `fromResults` (published
// JSON: check and convert), `renderResult`, and optionally `isEmpty` and `defaultHeading`.
//
// Published figures: a summary (`csc-demand analyse`, or "Download summary") given as `results` or
// `results-src` is checked first (validateSummary, imported lazily: it is not in the first load, and
// the worker never starts), and a summary that fails the check is an error naming the figure's JSON
// path; `fromResults` then picks the element's section. Record-level data under the `public`
// attribute (or the page-wide setting, publishing.ts) go to the worker's publishSummary for the
// element's section only, and the element renders that: what a public page would show. Elements
// that can be published name their section (`summarySection`) and options (`summaryOptions`), and
// offer "Download summary" (`summaryDownload()`), the whole summary as the CLI writes it.
import {
  LitElement,
  adoptStyles,
  html,
  nothing,
  supportsAdoptingStyleSheets,
  type CSSResultOrNative,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  AnalysisError,
  VERSION,
  getAnalysisClient,
  isAbort,
  type AnalysisClient,
  type DataSource,
  type ProgressUpdate,
} from '../../workers/client.js';
import type { SummaryRequestOptions } from '../../workers/api.js';
import type { CheckedSummary } from '../../workers/summary-check.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { SummarySection } from '../../src/publish/summary.js';
import { InViewPriority, withPriority } from './in-view.js';
import { nextElementTask } from './next-task.js';
import { sharedStyles } from './shared-styles.js';
import { formatCount, withoutBidiControls } from './format.js';
import { MIN_PUBLIC_THRESHOLD, publishingSettings } from './publishing.js';
import type { DownloadAction } from './render.js';

export type Status = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** What `compute` gets besides the source. */
export interface ComputeContext {
  client: AnalysisClient;
  /** Aborted when the request is superseded or the element leaves the page: pass it on. */
  signal: AbortSignal;
  onProgress: (u: ProgressUpdate) => void;
  /** The read options from the element's attributes (`month-first`). */
  monthFirst: boolean;
}

/** An error as the element shows it. */
export interface DisplayError {
  message: string;
  code: string;
  problems: { line: number; message: string }[];
  problemCount: number;
  retry: boolean;
}

export interface AnalysisStartDetail {
  source: 'results' | 'results-src' | 'data' | 'file' | 'src';
}
export type AnalysisProgressDetail = ProgressUpdate;
export interface AnalysisCompleteDetail<R = unknown> {
  result: R;
  status: 'ready' | 'empty';
}
export interface AnalysisErrorDetail {
  error: DisplayError;
}

type Input =
  | { from: 'results'; value: unknown }
  | { from: 'results-src'; url: string }
  | { from: 'data' | 'file' | 'src'; source: DataSource };

const INPUTS = ['src', 'file', 'data', 'resultsSrc', 'results', 'monthFirst', 'public'];
const PHASES: Record<ProgressUpdate['phase'], string> = {
  download: 'Downloading the data',
  read: 'Reading the data',
  analyse: 'Analysing',
};

/** Media queries whose change alters the design tokens (tokens.ts): the element renders again. */
const COLOUR_MODES = ['(prefers-color-scheme: dark)', '(forced-colors: active)'];

/** Fetches of published figures under way, by absolute URL: elements reading one file share it. */
const fetching = new Map<string, Promise<unknown>>();
/** Checks of summaries already made (a shared fetch gives every element the same parsed object). */
const checked = new WeakMap<object, CheckedSummary | AnalysisError>();

/** `promise`, or an AbortError as soon as `signal` aborts (the shared work goes on for the others). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('The request was cancelled.', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The request was cancelled.', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The parsed JSON at `url`; concurrent requests for one URL share one fetch (a page of elements reading one summary). */
function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const href = new URL(url, document.baseURI).href;
  let shared = fetching.get(href);
  if (!shared) {
    shared = fetchJsonOnce(url, href);
    fetching.set(href, shared);
    const done = () => fetching.delete(href);
    shared.then(done, done);
  }
  return abortable(shared, signal);
}

async function fetchJsonOnce(url: string, href: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(href, { credentials: 'same-origin' });
  } catch {
    throw new AnalysisError(`Could not fetch the published figures from ${url}.`, 'fetch-failed');
  }
  if (!response.ok)
    throw new AnalysisError(
      `Could not fetch ${url}: the server answered ${response.status}.`,
      'fetch-failed',
      {
        transient: response.status === 408 || response.status === 429 || response.status >= 500,
      },
    );
  try {
    return await response.json();
  } catch {
    throw new AnalysisError(`${url} is not valid JSON.`, 'invalid-results');
  }
}

/** Whether published JSON is (meant to be) a summary rather than one analysis's result. */
function looksLikeSummary(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return ['format', 'schemaVersion', 'metadata', 'symbols'].some((k) => k in json);
}

function toDisplayError(e: unknown): DisplayError {
  const err =
    e instanceof AnalysisError
      ? e
      : new AnalysisError(e instanceof Error ? e.message : String(e), 'internal');
  return {
    message: err.message,
    code: String(err.code),
    problems: err.problems.map((p) => ({ line: p.line, message: p.message })),
    problemCount: err.problemCount,
    // Only where trying again can help (a network failure, a stall, a crashed worker): a bad file or
    // a bug gives the same error every time.
    retry: err.transient,
  };
}

function heading(level: number, text: string, cls: string): TemplateResult {
  switch (level) {
    case 3:
      return html`<h3 class=${cls} part=${cls}>${text}</h3>`;
    case 4:
      return html`<h4 class=${cls} part=${cls}>${text}</h4>`;
    case 5:
      return html`<h5 class=${cls} part=${cls}>${text}</h5>`;
    case 6:
      return html`<h6 class=${cls} part=${cls}>${text}</h6>`;
    default:
      return html`<h2 class=${cls} part=${cls}>${text}</h2>`;
  }
}

/**
 * Base class of the kit's elements (not registered itself).
 * @fires csc-analysis-start - a request started; detail `{source}`
 * @fires csc-analysis-progress - detail `{phase, done, total, fraction}`
 * @fires csc-analysis-complete - detail `{result, status}`
 * @fires csc-analysis-error - detail `{error: {message, code, problems, problemCount}}`
 * @csspart container - the element's section
 * @csspart heading - the heading
 * @csspart caption - the caption
 * @csspart summary - the one-sentence summary
 * @csspart table - each table of figures
 * @csspart controls - the download buttons
 * @csspart error - the error box
 * @csspart loading - the progress area
 */
export abstract class CscElement<R> extends LitElement {
  static version = VERSION;
  static override styles = sharedStyles;
  /** Attributes (property names) that change the analysis; subclasses extend. */
  static analysisProperties: readonly string[] = [];

  static override properties: PropertyDeclarations = {
    src: { type: String, reflect: true },
    file: { attribute: false },
    data: { attribute: false },
    resultsSrc: { type: String, attribute: 'results-src', reflect: true },
    results: { attribute: false },
    heading: { type: String },
    headingLevel: { type: Number, attribute: 'heading-level' },
    monthFirst: { type: Boolean, attribute: 'month-first' },
    public: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    status: { type: String, reflect: true },
    result: { attribute: false },
    progress: { state: true },
    error: { state: true },
    summaryNote: { state: true },
  };

  /** The summary section this element shows (null: the element cannot be published). */
  static summarySection: SummarySection | null = null;

  /** This element's section: the class's, unless an attribute chooses another (an outcome, say). */
  protected get section(): SummarySection | null {
    return (this.constructor as typeof CscElement).summarySection;
  }

  /** URL of a CSV or JSON file of records (assessments or pupils). */
  src: string | null = null;
  /**
   * A File or Blob the reader picked: streamed by the worker, never uploaded. An array of Files is
   * several CIN census returns (yearly returns), read as one dataset with carried-over episodes merged.
   */
  file: Blob | readonly Blob[] | null = null;
  /** Rows already in memory (objects keyed by column name). */
  data: readonly Record<string, unknown>[] | null = null;
  /** URL of published figures (a summary JSON): shown without the worker. */
  resultsSrc: string | null = null;
  /** Published figures as an object. */
  results: unknown = null;
  /** The heading; '' for none. Defaults to the element's own. */
  heading: string | null = null;
  /** 2 (default) to 6. */
  headingLevel = 2;
  /** Read `01/04/2023` as 4 January. */
  monthFirst = false;
  /**
   * Record-level data are shown only as a published summary would show them (disclosure control
   * applied in the worker). Also on when the page says so (`<meta name="csc-demand-public">`).
   */
  public = false;
  /** 'light', 'dark' or unset (follow the reader's setting). */
  theme: string | null = null;
  private colourModes: MediaQueryList[] = [];
  private readonly onColourMode = () => this.requestUpdate();
  /** Where the element is: idle, loading, ready, empty or error (read-only). */
  status: Status = 'idle';
  /** The last result shown (read-only). */
  result: R | null = null;
  protected progress: ProgressUpdate | null = null;
  protected error: DisplayError | null = null;
  /** A line about the published figures or the summary being made (notes from the summary's check). */
  protected summaryNote = '';

  private controller: AbortController | null = null;
  private runId = 0;
  private stale = false;

  /** The heading when the `heading` attribute is not set. */
  protected get defaultHeading(): string {
    return '';
  }

  /** Record-level data: runs the analysis through `ctx.client` (pass `ctx.signal` and `ctx.onProgress`). */
  protected abstract compute(source: DataSource, ctx: ComputeContext): Promise<R>;
  /** Published figures: checks `json` and returns the result to render; throws an AnalysisError if unusable. */
  protected abstract fromResults(json: unknown): R;
  /** The ready state. */
  protected abstract renderResult(result: R): TemplateResult;
  /** Whether a result has nothing to show (the empty state). */
  protected isEmpty(_result: R): boolean {
    return false;
  }
  /** The empty state's sentence. */
  protected emptyMessage(): string {
    return 'There is nothing to show for this data.';
  }

  /**
   * Loads the code the ready state needs, when it can come after the page: an element keeps its
   * tables, summary sentences and spec builders in a module it imports here (`import('./x.view.js')`)
   * rather than statically, so what a page loads first stays small (the size budget). It runs while
   * the analysis runs, and the result is shown once both are done; a failure is the element's error.
   * Default: nothing to load.
   */
  protected loadView(): Promise<void> {
    return Promise.resolve();
  }

  /** The ready state's styles adopted so far, in order (after the element's own). */
  private readonly viewStyles = new Set<CSSResultOrNative>();

  /**
   * Adds the ready state's styles to the element's own: the view module exports them
   * (`viewStyles`), and an element's loadView calls this after importing it; the styles every ready
   * state shares (ready-styles.ts: tables, downloads, view switches) are adopted by the base beside
   * loadView. Like the view's code, they stay out of the first load.
   */
  protected adoptViewStyles(styles: readonly CSSResultOrNative[]): void {
    const root = this.renderRoot;
    const added = styles.filter((s) => !this.viewStyles.has(s));
    if (!added.length || !(root instanceof ShadowRoot)) return;
    for (const s of added) this.viewStyles.add(s);
    // Adopted sheets are replaced as a whole; without them (old browsers) Lit appends <style>s.
    const own = (this.constructor as typeof LitElement).elementStyles;
    adoptStyles(root, supportsAdoptingStyleSheets ? [...own, ...this.viewStyles] : added);
  }

  /** The view's code and the styles every ready state shares, loaded together. */
  private async loadReady(): Promise<void> {
    const [{ readyStyles }] = await Promise.all([import('./ready-styles.js'), this.loadView()]);
    this.adoptViewStyles([readyStyles]);
  }

  /** Runs the request again (after a crash, or when the file at `src` changed). */
  reload(): void {
    void this.run();
  }

  /** Whether record-level data are shown as a published summary (the attribute or the page's setting). */
  get isPublic(): boolean {
    return this.public || publishingSettings().public;
  }

  /**
   * Fetches what the element's options need before record-level data are analysed or summarised (a
   * scheme at a URL, say), so `compute` and `summaryOptions` can stay as they are; runs before each.
   * A failure is the element's error. Default: nothing to fetch.
   */
  protected prepare(_signal: AbortSignal): Promise<void> {
    return Promise.resolve();
  }

  /** The element's own options as summary options (its section's analysis options); override. */
  protected summaryOptions(): SummaryRequestOptions {
    return {};
  }

  /**
   * The suppression threshold of a summary: the page's setting, else 5 (subclasses may have their
   * own). Below MIN_PUBLIC_THRESHOLD (3) makeSummary refuses it with an error the element shows.
   */
  protected summaryThreshold(): number {
    return publishingSettings().threshold ?? 5;
  }

  /** The datasets a summary is made from; the element's source is the assessments (override for more). */
  protected summarySources(source: DataSource): { assessments: DataSource; pupils: DataSource | null } {
    return { assessments: source, pupils: null };
  }

  /** The record-level source the element is showing, or null (published figures, or none). */
  private recordSource(): DataSource | null {
    const input = this.input();
    return input && input.from !== 'results' && input.from !== 'results-src' ? input.source : null;
  }

  /**
   * The publishable summary of the element's record-level data, made in the worker as `csc-demand
   * analyse` makes it: all three sections (those the data allow), the element's own options for its
   * section, the page's threshold and area. What "Download summary" saves.
   * @param options.sections only these sections (public mode asks for the element's own)
   */
  async makeSummary(
    options: {
      sections?: SummarySection[];
      signal?: AbortSignal;
      onProgress?: (u: ProgressUpdate) => void;
    } = {},
  ): Promise<Summary> {
    const source = this.recordSource();
    if (!source)
      throw new AnalysisError(
        'A summary is made from record-level data (src, file or data): this element has none.',
        'no-data',
      );
    const { sections, signal, onProgress } = options;
    await this.prepare(signal ?? new AbortController().signal);
    const settings = publishingSettings();
    const threshold = this.summaryThreshold();
    // The core refuses it too (publishResults); said here first, naming the page's setting.
    if (!(Number.isInteger(threshold) && threshold >= MIN_PUBLIC_THRESHOLD))
      throw new AnalysisError(
        `A published view needs a disclosure threshold of at least ${MIN_PUBLIC_THRESHOLD}, and this page asks for ${threshold} ` +
          '(meta csc-demand-threshold, configurePublishing or the element\u2019s threshold): counts of 1 or 2 would be shown. ' +
          'Figures without suppression are for record-level use, not for a public page.',
        'invalid-threshold',
      );
    const request: SummaryRequestOptions = {
      ...this.summaryOptions(),
      threshold,
      ...(settings.areaName ? { areaName: settings.areaName } : {}),
      ...(sections ? { sections } : {}),
    };
    const sources = this.summarySources(source);
    const actions = await import('./summary-actions.js');
    return actions.makeSummary({ sources, request, monthFirst: this.monthFirst, signal, onProgress });
  }

  /**
   * Saves the summary of the element's record-level data as a JSON file (pretty-printed, as the CLI
   * writes it), and returns it.
   */
  async downloadSummary(): Promise<Summary> {
    this.summaryNote = 'Preparing the summary\u2026';
    try {
      const summary = await this.makeSummary();
      (await import('./summary-actions.js')).saveSummary(summary);
      this.summaryNote = 'The summary was saved.';
      return summary;
    } catch (e) {
      this.summaryNote = `The summary could not be made: ${e instanceof Error ? e.message : String(e)}`;
      throw e;
    }
  }

  /**
   * The "Download summary" button's action, for the element's download row: offered while the element
   * shows record-level data and is not public (a public view has nothing more to publish).
   */
  protected summaryDownload(): DownloadAction | null {
    if (!this.section || !this.recordSource() || this.isPublic) return null;
    return {
      label: 'Download summary (JSON)',
      run: async () => {
        await this.downloadSummary().catch(() => {});
      },
    };
  }

  /** Published JSON: a summary is checked first (lazily loaded validator), then handed to fromResults. */
  private async readPublished(json: unknown, where: string): Promise<R> {
    if (!looksLikeSummary(json)) return this.fromResults(json);
    const object = json as object;
    let check = checked.get(object);
    if (!check) {
      const { checkSummary } = await import('../../workers/summary-check.js');
      try {
        check = checkSummary(json, where);
      } catch (e) {
        check = e as AnalysisError;
      }
      checked.set(object, check);
    }
    if (check instanceof Error) throw check;
    const result = this.fromResults(check.summary);
    this.summaryNote = check.notes.join(' ');
    return result;
  }

  /** The element's place in the worker's queue: what is in view is analysed first. */
  private readonly place = new InViewPriority(this, () => getAnalysisClient().reschedule());

  /**
   * The first render in a task of its own (next-task.ts): elements on the page when the kit loads
   * would otherwise all render, and start their requests, in the task that evaluated the kit.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated) await nextElementTask();
    return super.scheduleUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.place.connect();
    // The reader's colour settings change the tokens a view reads its chart colours from (the spec
    // builders write colours into specs): render again when dark mode or forced colours come or go.
    this.colourModes = globalThis.matchMedia ? COLOUR_MODES.map((q) => globalThis.matchMedia(q)) : [];
    for (const q of this.colourModes) q.addEventListener('change', this.onColourMode);
    if (this.stale) {
      this.stale = false;
      void this.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.place.disconnect();
    for (const q of this.colourModes) q.removeEventListener('change', this.onColourMode);
    this.colourModes = [];
    // Leaving the page cancels the work; coming back starts it again.
    if (this.status === 'loading') {
      this.controller?.abort();
      this.stale = true;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    const props = [...INPUTS, ...(this.constructor as typeof CscElement).analysisProperties];
    if (!props.some((p) => changed.has(p))) return;
    if (this.isConnected) void this.run();
    else this.stale = true;
  }

  private input(): Input | null {
    if (this.results !== null && this.results !== undefined) return { from: 'results', value: this.results };
    if (this.resultsSrc) return { from: 'results-src', url: this.resultsSrc };
    if (this.data) return { from: 'data', source: { rows: this.data } };
    if (this.file) {
      const f = this.file;
      if (!Array.isArray(f)) return { from: 'file', source: { file: f as Blob } };
      if (f.length > 0) return { from: 'file', source: f.length === 1 ? { file: f[0]! } : { files: f } };
    }
    if (this.src) return { from: 'src', source: { url: this.src } };
    return null;
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private async run(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const id = ++this.runId;
    const input = this.input();
    this.error = null;
    this.progress = null;
    this.summaryNote = '';
    if (!input) {
      this.status = 'idle';
      this.result = null;
      return;
    }
    this.status = 'loading';
    this.emit<AnalysisStartDetail>('csc-analysis-start', { source: input.from });
    // The view's code loads while the analysis runs (see loadView); awaited below, before the result.
    const view = this.loadReady();
    view.catch(() => {}); // observed here so an early failure of the analysis leaves no unhandled rejection
    try {
      let result: R;
      const onProgress = (u: ProgressUpdate) => {
        if (id !== this.runId) return;
        this.progress = u;
        this.emit<AnalysisProgressDetail>('csc-analysis-progress', { ...u });
      };
      const section = this.section;
      if (input.from === 'results') result = await this.readPublished(input.value, 'the results property');
      else if (input.from === 'results-src')
        result = await this.readPublished(await fetchJson(input.url, controller.signal), input.url);
      else if (section && this.isPublic)
        // Public: only what a summary of this element's section would show.
        result = this.fromResults(
          await this.makeSummary({ sections: [section], signal: controller.signal, onProgress }),
        );
      else {
        await this.prepare(controller.signal);
        result = await this.compute(input.source, {
          client: withPriority(getAnalysisClient(), this.place.priority),
          signal: controller.signal,
          monthFirst: this.monthFirst,
          onProgress,
        });
      }
      // Labels come from files (a summary, a data file's groups): a bidirectional-text control in
      // one would reorder the figures shown after it, so none reaches a view (format.ts).
      result = withoutBidiControls(result);
      await view;
      // Rendered in a task after the one that received the result (next-task.ts).
      await nextElementTask();
      if (id !== this.runId) return; // superseded: a newer request owns the element
      const status = this.isEmpty(result) ? 'empty' : 'ready';
      this.result = result;
      this.status = status;
      this.emit<AnalysisCompleteDetail<R>>('csc-analysis-complete', { result, status });
    } catch (e) {
      if (id !== this.runId || (isAbort(e) && controller.signal.aborted)) return;
      this.error = toDisplayError(e);
      this.result = null;
      this.status = 'error';
      this.emit<AnalysisErrorDetail>('csc-analysis-error', { error: this.error });
    }
  }

  override render(): TemplateResult {
    return html`<section part="container" aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
      ${this.renderHeading()}
      <div class="visually-hidden" role="status">${this.statusMessage()} ${this.summaryNote}</div>
      ${this.renderState()}
      ${this.summaryNote ? html`<p class="secondary summary-note" part="summary-note">${this.summaryNote}</p>` : nothing}
    </section>`;
  }

  private statusMessage(): string {
    if (this.status === 'loading') return 'Loading';
    if (this.status === 'ready') return 'Loaded';
    return '';
  }

  private renderState(): TemplateResult | typeof nothing {
    switch (this.status) {
      case 'loading':
        return this.renderLoading();
      case 'error':
        return this.renderError(this.error!);
      case 'empty':
        return html`<p class="empty" part="empty">${this.emptyMessage()}</p>`;
      case 'ready':
        return this.renderResult(this.result as R);
      default:
        return nothing;
    }
  }

  private level(): number {
    return Math.min(6, Math.max(2, Math.round(this.headingLevel || 2)));
  }

  protected renderHeading(): TemplateResult | typeof nothing {
    const text = this.heading ?? this.defaultHeading;
    return text ? heading(this.level(), text, 'heading') : nothing;
  }

  /** A heading one level below the element's (for sections inside it). */
  protected renderSubheading(text: string): TemplateResult {
    return heading(Math.min(6, this.level() + 1), text, 'subheading');
  }

  protected renderLoading(): TemplateResult {
    const p = this.progress;
    const pct = p?.fraction === null || p?.fraction === undefined ? undefined : Math.round(p.fraction * 100);
    const what = p ? PHASES[p.phase] : 'Loading the data';
    const label = pct === undefined ? `${what}…` : `${what}: ${pct}%`;
    return html`<div class="loading" part="loading">
      <label for="progress">${label}</label>
      <progress id="progress" max="100" value=${ifDefined(pct)}></progress>
    </div>`;
  }

  protected renderError(error: DisplayError): TemplateResult {
    const more = error.problemCount - error.problems.slice(0, 10).length;
    return html`<div class="error" part="error" role="alert">
      <p class="error-title">There is a problem</p>
      <p>${error.message}</p>
      ${
        error.problems.length
          ? html`<ul>
                ${error.problems.slice(0, 10).map((p) => html`<li>${p.message}</li>`)}
              </ul>
              ${more > 0 ? html`<p>And ${formatCount(more)} more problems.</p>` : nothing}`
          : nothing
      }
      ${error.retry ? html`<button type="button" @click=${() => this.reload()}>Try again</button>` : nothing}
    </div>`;
  }
}
