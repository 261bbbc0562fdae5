// A Vue 3 consumer's types, checked by tsc (consumer.test.ts): the kit's tags are global components.
import type {} from 'csc-demand-widgets/vue';
import type { GlobalComponents } from 'vue';

type CurveProps = InstanceType<GlobalComponents['rereferral-curve']>['$props'];
export const props: CurveProps = { src: '/data/assessments.csv', view: 'curve' };
// @ts-expect-error view takes the element's views only
export const wrong: CurveProps = { view: 'pie' };
