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
  .problems li {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .problems {
    padding-left: 1.25em;
  }
`;
