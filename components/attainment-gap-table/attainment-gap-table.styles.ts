// Styles of <attainment-gap-table> beyond the shared ones: sort buttons that look like headers, the
// totals set apart from the categories, and the inline gap bars.
import { css } from 'lit';

export const attainmentGapTableStyles = css`
  table.gaps caption {
    font-weight: 400;
    /* On a narrow screen the table scrolls sideways: the caption stays in view at the element's width. */
    position: sticky;
    left: 0;
    max-width: 100cqi;
  }
  table.gaps {
    /* Below this the table scrolls sideways rather than squeezing headers into towers of words. */
    min-width: 40rem;
  }
  table.gaps thead th {
    white-space: normal;
    vertical-align: bottom;
  }
  table.gaps tbody th {
    min-width: 10em;
  }
  /* The group names stay in view while the figures scroll sideways. */
  table.gaps tr > th:first-child {
    position: sticky;
    left: 0;
    z-index: 1;
    background: var(--_bg);
  }
  th .sort {
    font: inherit;
    font-weight: 700;
    color: inherit;
    background: none;
    border: 0;
    box-shadow: none;
    padding: 0;
    margin: 0;
    text-align: inherit;
    cursor: pointer;
  }
  th .sort:hover {
    text-decoration: underline;
  }
  /* The shared focus style again: the plain look above (more specific than :focus-visible) hid it. */
  th .sort:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background-color: var(--_focus);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }
  .sort-icon {
    white-space: nowrap;
    color: var(--_text-2);
  }
  tbody.totals tr:first-child > * {
    border-top: 2px solid var(--_text);
  }
  tbody.totals th {
    font-weight: 700;
  }
  table.gaps tr.not-known > *,
  table.gaps tr.all > *,
  table.gaps tr.not-known > th:first-child,
  table.gaps tr.all > th:first-child {
    background: var(--_surface);
  }
  td.adjusted {
    white-space: nowrap;
  }
  .interval {
    display: block;
    font-size: 0.85em;
    color: var(--_text-2);
  }
  .gap-bar {
    display: block;
    width: 9em;
    height: 0.9em;
    margin: 0.25em 0 0 auto;
    overflow: visible;
  }
  .gap-bar .bar {
    fill: var(--_c1);
    opacity: 0.6;
  }
  .gap-bar .ci {
    stroke: var(--_text);
    stroke-width: 1.5px;
  }
  .gap-bar .zero {
    stroke: var(--_text-2);
    stroke-width: 1px;
  }
  .footnotes p {
    font-size: 0.9em;
    max-width: 48em;
  }
  .warnings {
    font-size: 0.9em;
    padding-left: 1.25em;
  }
  details.terms {
    margin: calc(var(--_space) * 2) 0;
  }
  details.terms > summary {
    cursor: pointer;
    color: var(--_link);
    margin-bottom: var(--_space);
  }
  @container (max-width: 36rem) {
    .gap-bar {
      width: 6em;
    }
  }
  @media (forced-colors: active) {
    .gap-bar .bar {
      fill: CanvasText;
    }
    .gap-bar .ci,
    .gap-bar .zero {
      stroke: CanvasText;
    }
  }
`;
