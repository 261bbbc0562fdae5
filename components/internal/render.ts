// Small templates every element uses around its chart and table: the caption, the one-sentence
// summary, the download buttons, a switch of views (radio buttons). Text only (Lit escapes it): nothing from data becomes markup.
import { html, nothing, type TemplateResult } from 'lit';

/** A caption under a heading: what the figures are, where they come from. */
export function renderCaption(text: string | null | undefined): TemplateResult | typeof nothing {
  return text ? html`<p class="caption" part="caption">${text}</p>` : nothing;
}

/** The one-sentence summary a reader (and a screen reader) gets before any chart. */
export function renderSummary(text: string | null | undefined): TemplateResult | typeof nothing {
  return text ? html`<p class="summary" part="summary">${text}</p>` : nothing;
}

export interface DownloadAction {
  /** Button text, e.g. 'Download the table (CSV)'. */
  label: string;
  run: () => void | Promise<void>;
}

/** A row of download buttons (hidden in print). */
export function renderDownloads(actions: readonly DownloadAction[]): TemplateResult | typeof nothing {
  if (!actions.length) return nothing;
  return html`<div class="downloads" part="controls">
    ${actions.map((a) => html`<button type="button" @click=${() => void a.run()}>${a.label}</button>`)}
  </div>`;
}

export interface RadioOption<T extends string> {
  value: T;
  label: string;
}

/**
 * A fieldset of radio buttons with a legend (a view switch): arrow keys move between them, as the
 * platform does; `onChange` gets the value chosen.
 */
export function renderRadios<T extends string>(
  { name, legend, part, className }: { name: string; legend: string; part: string; className: string },
  options: readonly RadioOption<T>[],
  checked: T,
  onChange: (value: T) => void,
): TemplateResult {
  return html`<fieldset class=${className} part=${part}>
    <legend>${legend}</legend>
    ${options.map(
      (o) =>
        html`<label
          ><input
            type="radio"
            name=${name}
            value=${o.value}
            .checked=${checked === o.value}
            @change=${() => onChange(o.value)}
          />${o.label}</label
        >`,
    )}
  </fieldset>`;
}
