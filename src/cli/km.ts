// `csc-demand km --input F --time C --event C [--start C] [--group C] [--weights C]
// [--conf-type log|log-log|plain] [--conf-level 0.95] [--at t1,t2] [--no-timefix] [--json]`:
// Kaplan-Meier curves as R's survfit(Surv(time, event) ~ group), with the log-rank test across
// groups as survdiff(rho = 0). --start gives counting-process data, Surv(start, time, event);
// --weights case weights (whole numbers, survfit's weights=). survdiff takes neither, so with them
// there is no log-rank test (`logrank` null). Times equal within R's timefix tolerance are tied, as
// in R, unless --no-timefix (`timefix` in the output says which). Rows with a missing time,
// event, start, weight or group are dropped and counted (`excluded`). The event column may be 0/1, TRUE/FALSE or R's
// 1/2 status; the output says which (`eventCoding`). The interval type defaults to log-log (R's
// survfit defaults to log: pass --conf-type log to match a default R call).
// --json prints one compact document, written as it is made: `groups` [{group, n, nEvents, median {estimate, lower, upper},
// quantiles, at (S(t) at --at times with n at risk and 1 - S), table {time, nRisk, nEvent, nCensor,
// surv, stdErr (SE of S, Greenwood), stdErrCumHaz (R's std.err, of -log S), lower, upper, cumhaz,
// stdErrNelsonAalen}}], `logrank` {chisq, df, p, groups} (null without --group), and `n`,
// `nEvents`, `rowsRead`, `excluded`, `warnings`. NA is null and Inf "Infinity", as in R's JSON.
// Without --json, a summary in the manner of R's print(survfit) and the log-rank test.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { listOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { finiteColumn, weightColumn } from './numeric-columns.js';
import { eventColumn } from './survival-columns.js';
import { writeJson } from './json-stream.js';
import { readGenericTable } from '../data/generic-table.js';
import { kaplanMeier } from '../survival/kaplan-meier.js';
import { kaplanMeierGroups } from '../survival/kaplan-meier-groups.js';
import type { KaplanMeierResult } from '../survival/km-table.js';
import type { LogRankResult } from '../survival/logrank-counts.js';
import { CONF_TYPES, type ConfType } from '../survival/survival-confidence.js';
import { sortLevels } from '../math/level-order.js';
import { VERSION } from '../version.js';
import type { Warning } from '../warnings.js';
import { alignedTable, num, pval } from './text-table.js';

const MISSING = new Set(['', 'na', 'nan', 'n/a', 'null', '.']);

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    ['input', 'time', 'event', 'start', 'group', 'weights', 'conf-type', 'conf-level', 'at'],
    ['json', 'no-timefix'],
  );
  if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const input = required(args, 'input');
  const timeName = required(args, 'time');
  const eventName = required(args, 'event');
  const groupName = args.options.get('group');
  const startName = args.options.get('start');
  const weightName = args.options.get('weights');
  const timefix = !args.flags.has('no-timefix');
  const confType = (args.options.get('conf-type') ?? 'log-log') as ConfType;
  if (!CONF_TYPES.includes(confType)) {
    throw new UsageError(`option --conf-type: expected log, log-log or plain, got '${confType}'`);
  }
  const confLevel = Number(args.options.get('conf-level') ?? 0.95);
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new UsageError(
      `option --conf-level: expected a number between 0 and 1, got '${args.options.get('conf-level')}'`,
    );
  }
  const at = (listOption(args, 'at') ?? []).map((t) => {
    const v = Number(t);
    if (t === '' || !Number.isFinite(v))
      throw new UsageError(`option --at: expected numbers such as 365,730, got '${t}'`);
    return v;
  });

  const fileName = basename(input);
  const table = await readGenericTable(new Uint8Array(await readFile(input)), {
    fileName,
    columns: [timeName, eventName, startName, weightName, groupName].filter((c) => c !== undefined),
    // Times are only ever read as numbers: parsed from the bytes, a million strings fewer.
    numbers: [timeName, startName].filter(
      (c) => c !== undefined && ![eventName, weightName, groupName].includes(c),
    ) as string[],
  });
  const timeAll = finiteColumn(table, timeName);
  const { event: eventAll, coding } = eventColumn(table, eventName);
  const startAll = startName === undefined ? null : finiteColumn(table, startName);
  const weightAll = weightName === undefined ? null : weightColumn(table, weightName);
  const groupText = groupName === undefined ? null : table.text(groupName);
  const excluded: Record<string, number> = {};
  // The group as a code per row, one per distinct label as written (-1 missing); the labels are
  // trimmed once each, not once a row: a million rows have a dozen groups.
  const labelCode = new Map<string, number>();
  const labels: string[] = [];
  const rawCodes = new Int32Array(groupText ? table.n : 0);
  if (groupText) {
    for (let i = 0; i < table.n; i++) {
      const label = groupText[i];
      let c = labelCode.get(label);
      if (c === undefined) {
        const trimmed = label.trim();
        c = MISSING.has(trimmed.toLowerCase()) ? -1 : labels.push(trimmed) - 1;
        labelCode.set(label, c);
      }
      rawCodes[i] = c;
    }
  }
  const keepAll = new Int32Array(table.n);
  let kept0 = 0;
  for (let i = 0; i < table.n; i++) {
    const why = Number.isNaN(timeAll[i])
      ? `missing_${timeName}`
      : Number.isNaN(eventAll[i])
        ? `missing_${eventName}`
        : startAll && Number.isNaN(startAll[i])
          ? `missing_${startName}`
          : weightAll && Number.isNaN(weightAll[i])
            ? `missing_${weightName}`
            : groupText && rawCodes[i] < 0
              ? `missing_${groupName}`
              : null;
    if (why) excluded[why] = (excluded[why] ?? 0) + 1;
    else keepAll[kept0++] = i;
  }
  const keep = keepAll.subarray(0, kept0);
  if (keep.length === 0) throw new Error(`${fileName}: no rows without missing values in the columns used`);
  // Plain loops: TypedArray.from with a map function goes through the iterator protocol.
  const kept = (v: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = v[keep[k]!]!;
    return out;
  };
  const time = kept(timeAll);
  const event = kept(eventAll);
  if (startAll) {
    for (const i of keep) {
      if (!(startAll[i] < timeAll[i])) {
        throw new Error(
          `${fileName} line ${table.lines[i]}, column ${startName}: start ${startAll[i]} is not before the time ${timeAll[i]}; expected start < ${timeName}, as R's Surv(start, stop, event)`,
        );
      }
    }
  }
  if (weightAll) {
    for (const i of keep) {
      if (weightAll[i] !== Math.floor(weightAll[i])) {
        throw new Error(
          `${fileName} line ${table.lines[i]}, column ${weightName}: '${weightAll[i]}' is not a whole number; expected case counts (R's survfit gives fractional weights a robust variance this kit does not compute)`,
        );
      }
    }
  }
  const options = { confType, confLevel, at, timefix };
  const extra = {
    ...(startAll ? { start: kept(startAll) } : {}),
    ...(weightAll ? { weights: kept(weightAll) } : {}),
  };
  const perGroup = startAll !== null || weightAll !== null;

  let curves: (KaplanMeierResult & { level: string | null })[];
  let logrank: LogRankResult | null = null;
  const warnings: Warning[] = [];
  if (groupText && perGroup) {
    // survdiff takes neither weights nor start times: one curve a group, no log-rank test.
    const rowLabels = Array.from(keep, (i) => labels[rawCodes[i]]);
    const levels = sortLevels([...new Set(rowLabels)]);
    curves = levels.map((level) => {
      const rows = rowLabels.flatMap((l, k) => (l === level ? [k] : []));
      const pick = (v: ArrayLike<number>): Float64Array => Float64Array.from(rows, (k) => v[k]);
      return {
        level,
        ...kaplanMeier(pick(time), pick(event), {
          ...options,
          ...(extra.start ? { start: pick(extra.start) } : {}),
          ...(extra.weights ? { weights: pick(extra.weights) } : {}),
        }),
      };
    });
    warnings.push({
      code: 'no-logrank',
      message: `No log-rank test with ${startAll ? '--start' : '--weights'} (R's survdiff takes neither weights nor start times).`,
    });
  } else if (groupText) {
    const fit = kaplanMeierGroups(time, event, { codes: kept(rawCodes), levels: labels }, options);
    curves = fit.groups;
    logrank = fit.logRank;
    warnings.push(...fit.warnings, ...logrank.warnings);
  } else {
    curves = [{ level: null, ...kaplanMeier(time, event, { ...options, ...extra }) }];
  }
  for (const c of curves) {
    for (const w of c.warnings)
      warnings.push({
        ...w,
        message: c.level === null ? w.message : `${groupName}=${c.level}: ${w.message}`,
      });
  }
  const nEvents = curves.reduce((s, c) => s + c.nEvents, 0);

  if (args.flags.has('json')) {
    const doc = {
      command: 'km',
      version: VERSION,
      input: fileName,
      time: timeName,
      event: eventName,
      eventCoding: coding,
      group: groupName ?? null,
      start: startName ?? null,
      weights: weightName ?? null,
      timefix: { applied: timefix, changed: curves.reduce((s, c) => s + (c.timefix?.changed ?? 0), 0) },
      confType,
      confLevel,
      n: keep.length,
      nEvents,
      rowsRead: table.n,
      excluded,
      groups: curves.map((c) => ({
        group: c.level,
        n: c.n,
        nEvents: c.nEvents,
        median: c.median,
        quantiles: c.quantiles,
        at: c.at,
        table: c.table,
      })),
      logrank: logrank && {
        chisq: logrank.chisq,
        df: logrank.df,
        p: logrank.p,
        groups: logrank.groups,
      },
      warnings,
    };
    writeJson(doc, io.out);
    return 0;
  }
  io.out(
    summaryText(curves, logrank, {
      fileName,
      timeName,
      eventName,
      groupName,
      coding,
      rowsRead: table.n,
      rowsUsed: keep.length,
      excluded,
      confType,
      confLevel,
      timefix,
      weightName,
      startName,
    }),
  );
  for (const w of warnings) io.err(`warning: ${w.message}\n`);
  return 0;
}

interface Context {
  fileName: string;
  timeName: string;
  eventName: string;
  groupName: string | undefined;
  coding: string;
  rowsRead: number;
  rowsUsed: number;
  excluded: Record<string, number>;
  confType: ConfType;
  confLevel: number;
  timefix: boolean;
  weightName: string | undefined;
  startName: string | undefined;
}

function summaryText(
  curves: (KaplanMeierResult & { level: string | null })[],
  logrank: LogRankResult | null,
  c: Context,
): string {
  const dropped = Object.entries(c.excluded).map(([k, v]) => `${v} ${k.replace('_', ' ')}`);
  const pct = Math.round(c.confLevel * 100);
  const lines = [
    `Kaplan-Meier estimate of ${c.timeName} to ${c.eventName} (${c.fileName}; event coded ${c.coding}): ` +
      `${c.rowsUsed} rows used of ${c.rowsRead}` +
      (dropped.length ? ` (excluded: ${dropped.join(', ')})` : ''),
    `${pct}% intervals: ${c.confType}; ` +
      (c.timefix
        ? "times equal within R's timefix tolerance are tied (--no-timefix to keep them apart)"
        : 'timefix off: times are tied only when exactly equal') +
      (c.startName ? `; entry times from ${c.startName}` : '') +
      (c.weightName ? `; case weights from ${c.weightName} (n is their sum)` : ''),
    '',
  ];
  const head = ['group', 'n', 'events', 'median', `${pct}% LCL`, `${pct}% UCL`];
  const rows = curves.map((k) => [
    k.level === null ? 'all' : `${c.groupName}=${k.level}`,
    String(k.n),
    String(k.nEvents),
    num(k.median.estimate),
    num(k.median.lower),
    num(k.median.upper),
  ]);
  lines.push(...alignedTable(head, rows), '');
  const at = curves.flatMap((k) =>
    k.at.map((a) => [
      k.level === null ? 'all' : `${c.groupName}=${k.level}`,
      num(a.time),
      String(a.nRisk),
      num(a.surv),
      num(a.stdErr),
      num(a.lower),
      num(a.upper),
    ]),
  );
  if (at.length) {
    lines.push(...alignedTable(['group', 'time', 'n.risk', 'survival', 'std.err', 'lower', 'upper'], at), '');
  }
  if (logrank) {
    lines.push(
      `Log-rank test: chi-square ${num(logrank.chisq)} on ${logrank.df} df, p = ${pval(logrank.p)}`,
      ...alignedTable(
        ['group', 'n', 'observed', 'expected'],
        logrank.groups.map((g) => [
          `${c.groupName}=${g.level}`,
          String(g.n),
          String(g.observed),
          num(g.expected),
        ]),
      ),
      '',
    );
  }
  lines.push('The full table at every time: --json.');
  return lines.join('\n') + '\n';
}
