// Styles of <demand-category-chart> beyond the shared ones: the view and dimension switches (radio
// groups, keyboard operable, with the GOV.UK focus style), the chart area and the notes.
import { css } from 'lit';

export const demandCategoryChartStyles = css`
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
