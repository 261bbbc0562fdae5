// Published figures in an element: where a section of a summary came from and under which rule,
// carried with the section the element renders (so rendering stays a pure function of what it is
// given), and the line that tells a reader so. Types only from the core: no core code on the page.
import type { Summary } from '../../src/publish/summary-types.js';
import { formatDate } from './format.js';

/** What a reader is told about published figures: the summary's metadata, in short. */
export interface Publication {
  areaName: string | null;
  period: { from: string | null; to: string | null };
  extractDate: string | null;
  generatedAt: string | null;
  packageVersion: string;
  /** Counts from 1 to this are suppressed (shown as c). */
  threshold: number;
  /** The disclosure rule in words. */
  description: string;
}

/** A section of a summary as an element renders it: the section, and where it came from. */
export type WithPublication<T> = T & { publication?: Publication };

/** The publication facts of a summary. */
export function publicationOf(summary: Summary): Publication {
  const m = summary.metadata;
  return {
    areaName: m.areaName,
    period: { ...m.period },
    extractDate: m.extractDate,
    generatedAt: m.generatedAt,
    packageVersion: m.packageVersion,
    threshold: m.disclosure.threshold,
    description: m.disclosure.description,
  };
}

/**
 * The line under published figures: whose, which years, when made, and the rule applied.
 * @example publicationText(p) // 'Published figures for Anytown, 2014-15 to 2023-24 (made 1 May 2024 ...'
 */
export function publicationText(p: Publication): string {
  const area = p.areaName ? ` for ${p.areaName}` : '';
  const years =
    p.period.from && p.period.to
      ? p.period.from === p.period.to
        ? `, ${p.period.from}`
        : `, ${p.period.from} to ${p.period.to}`
      : '';
  const made = p.generatedAt ? `made ${formatDate(p.generatedAt)} ` : 'made ';
  return (
    `Published figures${area}${years} (${made}by csc-demand-widgets ${p.packageVersion}), with disclosure control: ` +
    `counts from 1 to ${p.threshold} are shown as c, and so are counts that would let one be worked out.`
  );
}
