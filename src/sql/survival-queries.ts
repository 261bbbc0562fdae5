// The second-pass aggregate queries: the follow-up of the re-referral, repeat-plan and re-entry-to-care
// curves (src/analyses/rereferral-follow-up.ts, rereferral-spells.ts), counted by demand category,
// follow-up in days, event and cause of censoring. What the curves, the log-rank test and the
// monthly risk tables read, and nothing more: counts of events and censorings by group and time are
// their sufficient statistics.
// Second pass, because an episode's group is the demand category of its latest assessment, and the
// category comes from the latent class fit on the whole data's factor patterns (the first pass, the
// demand aggregate). The categories enter as a table of (factors, financial_year, category): literal
// rows (VALUES) once the first pass is in, or a table the engine holds (CATEGORIES_TABLE).
// The follow-up, as the rows path derives it (each step says which rule it copies):
// - episodes: one per child and referral date; closure the latest closure date on its rows, with the
//   reason of the first row (by assessment date) recording that date; the episode's factors, year
//   and date of birth those of its latest assessment; "inconsistent" when its rows disagree on the
//   closure date or reason. Plans and periods in care: one per child and start date, ended by the
//   latest end date on its rows, the rest from its latest assessment.
// - next: the child's first later episode (or plan, or period) starting on or after the end; for
//   episodes, "overlapping" when the very next referral came while the episode was open.
// - the extract date: the latest date in the table (referral, assessment, closure, plan and care
//   dates); the 18th birthday from the date of birth (29 February gives 1 March).
// - status: after-extract, open, no-reason, RC1-RC6, closed-at-18 (episodes); after-extract, open,
//   adopted-or-died, ended-at-18 (plans and care); else at-risk, with days, event and censor_at
//   (1 extract date, 2 birthday) set only for those.
// Limits, said where the queries are printed: the `age` column is not read (without a date of birth
// the birthday is unknown, so such episodes are followed to the extract date and counted), and rows
// of one episode sharing its latest assessment date are told apart by the rows path's file order,
// which SQL does not know.
import {
  cast,
  col,
  count,
  daysBetween,
  desc,
  isNull,
  lit,
  makeDate,
  max,
  min,
  month,
  day,
  op,
  rowNumber,
  tcol,
  trim,
  upper,
  when,
  year,
  type Expr,
  type Select,
  type Source,
} from './builder.js';
import { financialYear } from './queries.js';
import { EXTENT_COLUMNS } from './query-extent.js';
import {
  CATEGORIES_TABLE,
  SURVIVAL_COLUMNS,
  type CategoryRow,
  type SurvivalAggregate,
} from './survival-names.js';

export * from './survival-names.js';

const ABOUT: Record<SurvivalAggregate, string> = {
  rereferral: 'closed episodes by demand category, days to the next referral, event and censoring',
  repeatPlans: 'ended child protection plans by demand category, days to the next plan, event and censoring',
  careReentry: 'ended periods in care by demand category, days to the next period, event and censoring',
};

export const survivalAbout = (a: SurvivalAggregate): string => ABOUT[a];

const flag = (e: Expr): Expr => when([[isNull(e), lit(0)]], lit(1));
const and = (...es: Expr[]): Expr => es.reduce((a, b) => op(a, 'AND', b));
const or = (...es: Expr[]): Expr => es.reduce((a, b) => op(a, 'OR', b));
const ifNull = (e: Expr, v: Expr): Expr => when([[isNull(e), v]], e);
const pass = (names: string[], from = ''): { e: Expr; as: string }[] =>
  names.map((n) => ({ e: from ? tcol(from, n) : col(n), as: n }));

/** The latest date in the table: follow-up ends there (rereferral.ts latestDay). */
function extractDate(table: string): Select {
  const dates = EXTENT_COLUMNS;
  const one = (c: string): Select => ({ columns: [{ e: max(col(c)), as: 'd' }], from: table });
  return {
    columns: [{ e: max(col('d')), as: 'extract_date' }],
    from: { as: 'u', select: { ...one(dates[0]!), unionAll: dates.slice(1).map(one) } },
  };
}

/** Rows of the table that start a spell, numbered within it (1 = the row that stands for it). */
function spellRows(table: string, kind: SurvivalAggregate): Select {
  const [start, end] =
    kind === 'rereferral'
      ? ['referral_date', 'closure_date']
      : kind === 'repeatPlans'
        ? ['cpp_start_date', 'cpp_end_date']
        : ['care_start_date', 'care_end_date'];
  const key = [col('child_id'), col(start)];
  const assessed = col('assessment_date');
  return {
    columns: [
      { e: col('child_id'), as: 'child_id' },
      { e: col(start), as: 'start_date' },
      { e: col(end), as: 'end_date' },
      { e: col('closure_reason'), as: 'closure_reason' },
      { e: col('factors'), as: 'factors' },
      { e: cast(financialYear(assessed), 'int'), as: 'financial_year' },
      { e: col('date_of_birth'), as: 'date_of_birth' },
      // The latest assessment (a missing date counts as earliest, as the rows path's sort has it).
      { e: rowNumber(key, [desc(flag(assessed)), desc(assessed)]), as: 'latest' },
      // The row whose reason an episode takes: the first (by assessment date) with its latest closure.
      {
        e: rowNumber(key, [desc(flag(col(end))), desc(col(end)), flag(assessed), assessed]),
        as: 'closing',
      },
    ],
    from: table,
    where: and(isNull(col('child_id'), true), isNull(col(start), true)),
  };
}

/** One row per spell (episode, plan or period in care). */
function spells(table: string, kind: SurvivalAggregate): Select {
  const ofLatest = (c: string): Expr => max(when([[op(col('latest'), '=', lit(1)), col(c)]], lit(null)));
  const reason = trim(col('closure_reason'));
  const clean = when([[or(isNull(reason), op(reason, '=', lit(''))), lit(null)]], upper(reason));
  const mixed = (c: string): Expr =>
    or(
      op(min(col(c)), '<>', max(col(c))),
      and(op(count(col(c)), '>', lit(0)), op(count(col(c)), '<', count())),
    );
  return {
    columns: [
      { e: col('child_id'), as: 'child_id' },
      { e: col('start_date'), as: 'start_date' },
      { e: max(col('end_date')), as: 'end_date' },
      {
        // Episodes take the closing row's reason; plans and periods in care their latest row's.
        e: max(
          when([[op(col(kind === 'rereferral' ? 'closing' : 'latest'), '=', lit(1)), clean]], lit(null)),
        ),
        as: 'reason',
      },
      { e: ofLatest('factors'), as: 'factors' },
      { e: ofLatest('financial_year'), as: 'financial_year' },
      { e: ofLatest('date_of_birth'), as: 'date_of_birth' },
      {
        e:
          kind === 'rereferral'
            ? when([[or(mixed('end_date'), mixed('closure_reason')), lit(1)]], lit(0))
            : lit(0),
        as: 'inconsistent',
      },
    ],
    from: { as: 'r', select: spellRows(table, kind) },
    groupBy: [col('child_id'), col('start_date')],
  };
}

const SPELL = [
  'child_id',
  'start_date',
  'end_date',
  'reason',
  'factors',
  'financial_year',
  'date_of_birth',
  'inconsistent',
];

/** Each spell with the child's next start on or after its end, and the very next start. */
function withNext(): Select {
  const later = tcol('n', 'start_date');
  return {
    columns: [
      ...pass(SPELL, 's'),
      { e: min(later), as: 'next_any' },
      { e: min(when([[op(later, '>=', tcol('s', 'end_date')), later]], lit(null))), as: 'next_start' },
    ],
    from: { select: { columns: pass(SPELL), from: 'spells' }, as: 's' },
    joins: [
      {
        source: { select: { columns: pass(SPELL), from: 'spells' }, as: 'n' },
        on: and(
          op(tcol('n', 'child_id'), '=', tcol('s', 'child_id')),
          op(tcol('n', 'start_date'), '>', tcol('s', 'start_date')),
        ),
      },
    ],
    groupBy: SPELL.map((c) => tcol('s', c)),
  };
}

/** The 18th birthday (29 February gives 1 March, as the rows path's date arithmetic does). */
function birthday(dob: Expr): Expr {
  const y = op(year(dob), '+', lit(18));
  return when(
    [
      [isNull(dob), lit(null)],
      [and(op(month(dob), '=', lit(2)), op(day(dob), '=', lit(29))), makeDate(y, lit(3), lit(1))],
    ],
    makeDate(y, month(dob), day(dob)),
  );
}

const FOLLOW_UP = [
  'status',
  'factors',
  'financial_year',
  'end_date',
  'inconsistent',
  'event',
  'stop_date',
  'censor_at',
  'no_birthday',
  'overlapping',
  'extract_date',
];

/** Status, event, end of follow-up and cause of censoring of each spell. */
function followUp(kind: SurvivalAggregate, table: string): Select {
  const x = tcol('x', 'extract_date');
  const bday = col('birthday');
  const end = col('end_date');
  const stop = when([[and(isNull(bday, true), op(bday, '<', x)), bday]], x);
  const statuses: [Expr, Expr][] = [
    [op(col('start_date'), '>', x), lit('after-extract')],
    [or(isNull(end), op(end, '>', x)), lit('open')],
  ];
  if (kind === 'rereferral') {
    statuses.push([isNull(col('reason')), lit('no-reason')]);
    for (const rc of ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6'])
      statuses.push([op(col('reason'), '=', lit(rc)), lit(rc)]);
  } else if (kind === 'careReentry')
    statuses.push([
      or(op(col('reason'), '=', lit('RC1')), op(col('reason'), '=', lit('RC2'))),
      lit('adopted-or-died'),
    ]);
  statuses.push([
    and(isNull(bday, true), op(end, '>=', bday)),
    lit(kind === 'rereferral' ? 'closed-at-18' : 'ended-at-18'),
  ]);
  const event = and(isNull(col('next_start'), true), op(col('next_start'), '<', stop));
  return {
    columns: [
      { e: when(statuses, lit('at-risk')), as: 'status' },
      ...pass(['factors', 'financial_year', 'end_date', 'inconsistent']),
      { e: when([[event, lit(1)]], lit(0)), as: 'event' },
      { e: when([[event, col('next_start')]], stop), as: 'stop_date' },
      {
        e: when(
          [
            [event, lit(0)],
            [and(isNull(bday, true), op(bday, '<=', x)), lit(2)],
          ],
          lit(1),
        ),
        as: 'censor_at',
      },
      { e: when([[isNull(col('date_of_birth')), lit(1)]], lit(0)), as: 'no_birthday' },
      {
        e:
          kind === 'rereferral'
            ? when([[and(isNull(col('next_any'), true), op(col('next_any'), '<', end)), lit(1)]], lit(0))
            : lit(0),
        as: 'overlapping',
      },
      { e: x, as: 'extract_date' },
    ],
    from: {
      as: 'b',
      select: {
        columns: [
          ...pass([...SPELL, 'next_any', 'next_start'], 'f'),
          { e: birthday(tcol('f', 'date_of_birth')), as: 'birthday' },
        ],
        from: { as: 'f', select: withNext() },
      },
    },
    joins: [{ source: { select: extractDate(table), as: 'x' } }],
  };
}

/**
 * The second-pass query of one outcome over `table` (the kit's column names).
 * @param categories literal rows of the categories (CategoryRow), or the name of a table holding them
 *   (columns factors, financial_year, category); default CATEGORIES_TABLE
 * @example render(survivalQuery('rereferral', 'assessments', [['3A', 2020, 4]]), 'duckdb')
 */
export function survivalQuery(
  kind: SurvivalAggregate,
  table: string,
  categories: readonly CategoryRow[] | string = CATEGORIES_TABLE,
): Select {
  const atRisk = op(col('status'), '=', lit('at-risk'));
  const only = (e: Expr): Expr => when([[atRisk, e]], lit(null));
  const mapping: Source =
    typeof categories === 'string'
      ? categories
      : {
          values: categories.map((r) => [...r]),
          columns: ['factors', 'financial_year', 'category'],
          as: 'm',
        };
  const m = typeof categories === 'string' ? categories.split('.').pop()! : 'm';
  const keys = SURVIVAL_COLUMNS.filter((c) => c !== 'n');
  return {
    with: [
      { name: 'spells', select: spells(table, kind) },
      { name: 'follow_up', select: followUp(kind, table) },
    ],
    columns: [...keys.map((k) => ({ e: col(k), as: k })), { e: count(), as: 'n' }],
    from: {
      as: 'h',
      select: {
        columns: [
          { e: tcol('g', 'status'), as: 'status' },
          {
            e: when(
              [[op(tcol('g', 'status'), '=', lit('at-risk')), ifNull(tcol(m, 'category'), lit(-1))]],
              lit(null),
            ),
            as: 'category',
          },
          { e: only(daysBetween(col('end_date'), col('stop_date'))), as: 'days' },
          ...['event', 'censor_at', 'no_birthday', 'overlapping'].map((c) => ({ e: only(col(c)), as: c })),
          { e: tcol('g', 'inconsistent'), as: 'inconsistent' },
          { e: col('extract_date'), as: 'extract_date' },
        ],
        from: { select: { columns: pass(FOLLOW_UP), from: 'follow_up' }, as: 'g' },
        joins: [
          {
            source: mapping,
            on: and(
              op(tcol(m, 'factors'), '=', tcol('g', 'factors')),
              op(tcol(m, 'financial_year'), '=', ifNull(tcol('g', 'financial_year'), lit(-1))),
            ),
          },
        ],
      },
    },
    groupBy: keys.map((k) => col(k)),
  };
}
