// Styles of <csc-dataset-summary> beyond the shared ones.
import { css } from 'lit';

export const datasetSummaryStyles = css`
  .glance {
    max-width: 36rem;
  }
  .code {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .problems li,
  .notes li {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .details {
    margin: 0 0 calc(var(--_space) * 3);
  }
  .details > summary {
    display: inline-block;
    cursor: pointer;
    color: var(--_link);
    text-decoration: underline;
    padding-left: 1.25em;
    position: relative;
    margin-bottom: calc(var(--_space) * 2);
  }
  .details > summary::-webkit-details-marker {
    display: none;
  }
  .details > summary::before {
    content: '';
    position: absolute;
    left: 0;
    top: 0.3em;
    border-style: solid;
    border-width: 0.4em 0 0.4em 0.7em;
    border-color: transparent transparent transparent currentColor;
  }
  .details[open] > summary::before {
    border-width: 0.7em 0.4em 0 0.4em;
    border-color: currentColor transparent transparent transparent;
  }
  .details > summary:focus-visible {
    color: var(--_focus-text);
  }
  @media print {
    .details > summary {
      display: none;
    }
  }
  .problems,
  .notes {
    padding-left: 1.25em;
  }
`;
