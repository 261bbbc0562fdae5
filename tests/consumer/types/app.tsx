// A React 19 consumer's component, checked by tsc (consumer.test.ts): the kit's tags in JSX, with
// their properties, the kit's `results` (not React's number attribute) and typed event props.
import type {} from 'csc-demand-widgets/react';
import 'csc-demand-widgets';

export function Page({ summary }: { summary: object }) {
  return (
    <main>
      <rereferral-curve
        src="/data/assessments.csv"
        view="curve"
        className="wide"
        oncsc-analysis-complete={(e) => console.log(e.detail.result, e.detail.status)}
      />
      <demand-category-chart results={summary} heading="Categories of demand" />
      <attainment-gap-table resultsSrc="/data/summary.json" />
      <csc-dataset-summary src="/data/assessments.csv" />
      {/* @ts-expect-error view takes the element's views only */}
      <rereferral-curve view="pie" />
    </main>
  );
}
