// Styles of what only an element's ready state shows, shared by every element: tables of numbers in
// their scrolling wrappers, the download buttons' row, and the view switches (radio groups,
// keyboard operable, with the GOV.UK focus style; renderRadios in render.ts). CscElement imports this
// module beside the element's view (loadView) and adopts it, so it stays out of the first load
// (shared-styles.ts has the rest); a view module lists it first in its `viewStyles`, before the
// element's own ready-state styles, so the order of the sheets is the same whichever loads first.
import { css } from 'lit';

export const readyStyles = css`
  .table-wrap {
    overflow-x: auto;
    margin: 0 0 calc(var(--_space) * 3);
  }
  table {
    border-collapse: collapse;
    border-spacing: 0;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding-bottom: var(--_space);
    /* A table wider than a phone scrolls sideways in its wrapper; its caption stays within the
       element's width (the host is an inline-size container), so it wraps instead of being cut. */
    max-width: 100cqi;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 2.5) calc(var(--_space) * 1.25) 0;
    border-bottom: 1px solid var(--_border);
  }
  thead th {
    font-weight: 700;
  }
  tbody th {
    font-weight: 400;
  }
  .num {
    text-align: right;
    white-space: nowrap;
  }
  th.num {
    text-align: right;
  }
  .table-wrap:focus-visible {
    background: none;
    box-shadow: 0 0 0 3px var(--_focus);
  }
  .downloads {
    margin: calc(var(--_space) * 2) 0;
  }
  .switch {
    border: 0;
    padding: 0;
    margin: 0 0 calc(var(--_space) * 2);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 3);
    align-items: center;
  }
  .switch legend {
    float: left;
    font-weight: 700;
    margin-right: var(--_space);
    padding: 0;
  }
  .switch label {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    cursor: pointer;
    min-height: 24px;
  }
  .switch input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_text);
  }
  .switch input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: none;
  }
  @media print {
    .table-wrap {
      overflow: visible;
    }
    table {
      break-inside: auto;
    }
    tr {
      break-inside: avoid;
    }
  }
`;
