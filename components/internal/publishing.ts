// Page-wide publishing settings. A public page (a JSNA chapter on the open web) declares itself once,
// and every element on it given record-level data then shows only what a published summary would:
//
//   <meta name="csc-demand-public" content="true">      every element is public (as its `public` attribute)
//   <meta name="csc-demand-threshold" content="10">     counts from 1 to 10 suppressed (default 5; at least 3)
//   <meta name="csc-demand-area" content="Anytown">     the area named in a summary's metadata
//
// or from script, before the elements load data: `configurePublishing({public: true, threshold: 10})`.
// Public is a latch: the page, the script or the element's attribute can each turn it on, and none
// of them can turn off what another turned on.

/**
 * The smallest threshold a public view accepts, as the core's MIN_THRESHOLD (src/publish/disclosure.ts;
 * the page does not load core code for one number). A lower setting is not ignored but refused: the
 * element shows an error naming the rule, so a page that asked for 0 learns it gets no figures.
 */
export const MIN_PUBLIC_THRESHOLD = 3;

export interface PublishingSettings {
  /** Elements show only what a summary would (disclosure control applied). */
  public: boolean;
  /** Counts from 1 to this are suppressed; null for the default (5, or an element's own). */
  threshold: number | null;
  /** The area a summary's metadata names; null if not given. */
  areaName: string | null;
}

let configured: Partial<PublishingSettings> = {};

/** Sets page-wide publishing settings from script (merged with earlier calls). */
export function configurePublishing(settings: Partial<PublishingSettings>): void {
  configured = { ...configured, ...settings };
}

function meta(name: string): string | null {
  const el = globalThis.document?.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  return el ? el.content.trim() : null;
}

/** The settings now in force: the page's meta tags, then configurePublishing. */
export function publishingSettings(): PublishingSettings {
  const flag = meta('csc-demand-public');
  const metaPublic = flag !== null && !/^(false|no|off|0)$/i.test(flag);
  const t = Number(meta('csc-demand-threshold') ?? NaN);
  const metaThreshold = Number.isInteger(t) && t >= 0 ? t : null;
  const threshold =
    configured.threshold !== undefined && configured.threshold !== null
      ? configured.threshold
      : metaThreshold;
  return {
    public: metaPublic || configured.public === true,
    threshold: Number.isInteger(threshold) && threshold! >= 0 ? threshold : null,
    areaName: configured.areaName ?? meta('csc-demand-area') ?? null,
  };
}
