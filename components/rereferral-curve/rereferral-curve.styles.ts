// Styles of <rereferral-curve>'s ready state beyond the shared ones (its view switch is styled in
// ready-styles.ts): the chart area and the number-at-risk table lined up with the chart's x axis (its
// column widths come from the element).
import { css } from 'lit';

export const rereferralCurveStyles = css`
  .highlight select {
    font: inherit;
    max-width: 100%;
    margin-left: var(--_space);
  }
  .highlight select:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .chart-area {
    width: 100%;
    margin: 0 0 calc(var(--_space) * 2);
  }
  csc-vega-chart {
    --csc-chart-min-height: 20rem;
  }
  table.risk {
    font-size: 0.875em;
  }
  table.risk.aligned {
    table-layout: fixed;
  }
  table.risk.aligned td,
  table.risk.aligned thead th.num {
    text-align: center;
    padding-left: 0;
    padding-right: 0;
  }
  table.risk:not(.aligned) th[scope='row'] {
    min-width: 9em;
  }
  table.risk th[scope='row'] {
    overflow-wrap: anywhere;
    padding-right: var(--_space);
  }
  /* An estimate and its interval may wrap between the two (the interval's own spaces do not break)
     rather than push the table wider than a narrow screen. */
  td.num,
  th.num {
    white-space: normal;
  }
  .test {
    max-width: 40em;
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
  .warnings {
    padding-left: 1.25em;
  }
`;
