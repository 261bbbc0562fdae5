// The adjusted view of <pathway-chart> as a Vega-Lite spec (pathway-chart.spec.ts has the contract):
// a forest plot of the odds ratios of a child protection plan and of care for each category against
// the reference category (the largest), from the logistic models adjusted for age, gender and
// ethnic group, with 95% Wald intervals, on a log scale; the reference sits on top at 1. Each row
// has two estimates: the plan's a circle just above the care's square (shape and colour both say
// which, and the row's name writes both figures out). A withheld or inestimable ratio is left out
// and its figure reads `c` or `–` in the name.
import type { VegaLiteSpec } from '../internal/vega-lite-spec.js';
import { VEGA_LITE_SCHEMA } from '../internal/vega-lite-spec.js';
import {
  BAR_PX,
  LIGHT_COLORS,
  LINE_PX,
  finite,
  lineChars,
  plotWidth,
  rowFrame,
  wrap,
  type PathwaysShown,
  type SpecOptions,
} from './pathway-chart.spec-base.js';

/** Odds ratios the axis may mark, where the domain reaches them. */
const TICKS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];
export const MODEL_NAMES = ['Child protection plan', 'Care'] as const;

type Term = NonNullable<PathwaysShown['adjusted']>['plan']['terms'][number];

/** '2.93' for an odds ratio; 'c' withheld; '–' not estimable. */
export const orText = (t: Term | undefined): string =>
  t?.suppressed ? 'c' : finite(t?.or) ? t!.or!.toFixed(2) : '–';

/**
 * The adjusted odds ratios by category; null when the result has no models.
 * @example adjustedSpec(result, {width: 640})?.layer.map((l) => l.name) // ['names', 'reference', 'reference_point', 'ratios']
 */
export function adjustedSpec(
  r: PathwaysShown,
  { width = 640, colors = LIGHT_COLORS }: SpecOptions = {},
): VegaLiteSpec | null {
  const a = r.adjusted;
  if (!a) return null;
  const w = plotWidth(width);
  const care = new Map(a.care.terms.map((t) => [t.term, t]));
  const cats = a.plan.terms.filter((t) => t.kind === 'category');
  const rows = [
    { key: '000', lines: wrap(`${a.reference.label}: 1 (the reference)`, lineChars(w)) },
    ...cats.map((t, k) => ({
      key: String(k + 1).padStart(3, '0'),
      lines: wrap(`${t.label}: plan ${orText(t)}, care ${orText(care.get(t.term))}`, lineChars(w)),
    })),
  ];
  const step = Math.max(...rows.map((x) => x.lines.length)) * LINE_PX + BAR_PX + 16;
  const frame = rowFrame(rows, step, colors.text);
  const atMarks = step / 2 - BAR_PX / 2 - 6;
  const points: Record<string, unknown>[] = [];
  cats.forEach((t, k) => {
    [t, care.get(t.term)].forEach((m, j) => {
      if (m && finite(m.or) && finite(m.lower) && finite(m.upper))
        points.push({
          key: String(k + 1).padStart(3, '0'),
          model: MODEL_NAMES[j],
          or: m.or,
          lo: m.lower,
          hi: m.upper,
        });
    });
  });
  const values = [1, ...points.flatMap((p) => [p['lo'] as number, p['hi'] as number])];
  const domain = [Math.min(0.8, Math.min(...values) / 1.1), Math.max(1.25, Math.max(...values) * 1.1)];
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, nice: false },
    axis: {
      values: TICKS.filter((t) => t >= domain[0]! && t <= domain[1]!),
      format: '~g',
      title: 'Adjusted odds ratio (log scale)',
      grid: true,
      labelFlush: true,
    },
  } as const;
  // Plan 4 px above the row's line, care 4 px below.
  const offset = { plan: atMarks - 4, care: atMarks + 4 };
  const byModel = (model: 0 | 1) => ({ filter: `datum.model === '${MODEL_NAMES[model]}'` });
  const color = {
    field: 'model',
    type: 'nominal',
    scale: { domain: [...MODEL_NAMES], range: [colors.outcomes[2], colors.outcomes[3]] },
    legend: { title: null, orient: 'top', direction: 'horizontal' },
  } as const;
  const shape = {
    field: 'model',
    type: 'nominal',
    scale: { domain: [...MODEL_NAMES], range: ['circle', 'square'] },
  } as const;
  const layersOf = (model: 0 | 1) => {
    const yOffset = model === 0 ? offset.plan : offset.care;
    return [
      {
        name: model === 0 ? 'plan_intervals' : 'care_intervals',
        transform: [byModel(model)],
        mark: { type: 'rule', yOffset, strokeWidth: 2, stroke: color.scale.range[model] },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
      },
      {
        name: model === 0 ? 'plan_ratios' : 'care_ratios',
        transform: [byModel(model)],
        mark: { type: 'point', filled: true, size: 60, yOffset, opacity: 1 },
        encoding: { x: { ...x, field: 'or' }, color, shape },
      },
    ];
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description:
      'Adjusted odds ratios of a child protection plan and of care by category against the reference.',
    width: w,
    height: frame.height,
    data: { values: rows },
    encoding: { y: { ...frame.encoding.y, sort: 'ascending' } },
    layer: [
      frame.names,
      {
        name: 'reference',
        data: { values: [{}] },
        mark: { type: 'rule', stroke: colors.muted, strokeDash: [4, 3] },
        encoding: { x: { ...x, datum: 1 }, y: null },
      },
      {
        name: 'reference_point',
        data: { values: [{ key: '000' }] },
        mark: {
          type: 'point',
          shape: 'diamond',
          filled: true,
          size: 80,
          yOffset: atMarks,
          fill: colors.text,
          opacity: 1,
        },
        encoding: { x: { ...x, datum: 1 } },
      },
      {
        name: 'ratios',
        data: { values: points },
        layer: [...layersOf(0), ...layersOf(1)],
      },
    ],
  } as VegaLiteSpec;
}
