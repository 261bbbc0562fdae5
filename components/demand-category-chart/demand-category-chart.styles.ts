// Styles of <demand-category-chart>'s ready state beyond the shared ones (its view and dimension
// switches are styled in ready-styles.ts): the chart area and the notes.
import { css } from 'lit';

export const demandCategoryChartStyles = css`
  .chart-area {
    width: 100%;
    margin: 0 0 calc(var(--_space) * 2);
  }
  csc-vega-chart {
    --csc-chart-min-height: 16rem;
  }
  td.num,
  th.num {
    white-space: normal;
  }
  details {
    margin: calc(var(--_space) * 2) 0;
  }
  summary {
    cursor: pointer;
    color: var(--_link);
    text-decoration: underline;
  }
  summary:focus-visible {
    text-decoration: none;
  }
  .notes {
    padding-left: 1.25em;
  }
`;
