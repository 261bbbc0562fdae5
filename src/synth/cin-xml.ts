// The synthetic council's assessment rows written as a CIN census return (the XML a council sends
// DfE), so the XML reader can be tested and benchmarked on the same council as the CSV path. Contract:
// - rows come in synth order (children one after another, each child's episodes by date); each row is
//   one <CINdetails> episode with one <Assessments>; a child's rows become one <Child>;
// - codes as the return has them: sex 1 (male) / 2 (female) in <GenderCurrent>; ethnicity as a DfE
//   code of the row's major group (White WBRI, Mixed MWBC, Asian AIND, Black BAFR, Other OOTH, Not
//   known NOBT); disability NONE or DDA; the assessment starts on the referral date;
// - what a return cannot hold is left out: the area deprivation decile and periods in care (the
//   SSDA903 return's business), so figures using them cannot come from a return;
// - `period`: write the return of one census year as at its reference date (the period's end): the
//   episodes open at some time in the period, with what was known by its end (a closure, a plan's
//   end, an authorisation after it are not yet known: the assessment is then still in progress, with a
//   start date only). Returns of consecutive years carry open episodes over, as real ones do;
// - `namespace`: a default namespace on <Message> (some suppliers' software writes one); two-space
//   indentation and LF line ends; the text is returned as strings in chunks of about `chunkSize`
//   characters: encode them as the declaration says (`encodeWindows1252` for 'windows-1252').
import type { AssessmentRow } from './types.js';

export interface CinXmlOptions {
  /** A default namespace URI on <Message>; none by default. */
  namespace?: string;
  /** Declared in the XML declaration; default 'utf-8'. */
  encoding?: 'utf-8' | 'windows-1252';
  /** Write one census year's return: episodes open in [start, end], as known at `end` (ISO dates). */
  period?: { start: string; end: string };
  /** The header's ReferenceDate (default the period's end, else the last referral's year end). */
  referenceDate?: string;
}

const ETHNIC_CODE: Record<string, string> = {
  White: 'WBRI',
  Mixed: 'MWBC',
  Asian: 'AIND',
  Black: 'BAFR',
  Other: 'OOTH',
  'Not known': 'NOBT',
};
const esc = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (indent: string, name: string, value: string): string =>
  `${indent}<${name}>${esc(value)}</${name}>\n`;

/** Writes rows as a CIN census return (see file comment); `finish` closes the document. */
export class CinXmlWriter {
  private parts: string[] = [];
  private size = 0;
  private rows: AssessmentRow[] = [];
  private opened = false;
  children = 0;
  episodes = 0;

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly options: CinXmlOptions = {},
    private readonly chunkSize = 1 << 16,
  ) {}

  add(row: AssessmentRow): void {
    if (this.rows.length > 0 && this.rows[0]!.child_id !== row.child_id) this.child();
    this.rows.push(row);
  }

  /** Write what is left and close the document. */
  finish(): void {
    if (this.rows.length > 0) this.child();
    this.open();
    this.push('  </Children>\n</Message>\n');
    this.flush();
  }

  private push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunkSize) this.flush();
  }

  private flush(): void {
    if (this.parts.length) this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  private open(): void {
    if (this.opened) return;
    this.opened = true;
    const { namespace, encoding = 'utf-8', period } = this.options;
    const ref = this.options.referenceDate ?? period?.end ?? '2024-03-31';
    this.push(
      `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1252'}"?>\n` +
        `<Message${namespace ? ` xmlns="${esc(namespace)}"` : ''}>\n  <Header>\n    <CollectionDetails>\n` +
        el('      ', 'Collection', 'CIN') +
        el('      ', 'Year', ref.slice(0, 4)) +
        el('      ', 'ReferenceDate', ref) +
        '    </CollectionDetails>\n    <Source>\n' +
        el('      ', 'SourceLevel', 'L') +
        el('      ', 'LEA', '999') +
        el('      ', 'SoftwareCode', 'csc-demand synth') +
        el('      ', 'SerialNo', '001') +
        el('      ', 'DateTime', `${ref}T00:00:00`) +
        '    </Source>\n  </Header>\n  <Children>\n',
    );
  }

  /** The buffered child's <Child>, if any of its episodes belongs in this return. */
  private child(): void {
    const rows = this.rows;
    this.rows = [];
    this.open();
    const period = this.options.period;
    const end = period?.end ?? '9999-12-31';
    const known = (d: string): string => (d !== '' && d <= end ? d : '');
    const inPeriod = period
      ? rows.filter(
          (r) => r.referral_date <= period.end && (r.closure_date === '' || r.closure_date >= period.start),
        )
      : rows;
    if (inPeriod.length === 0) return;
    const first = inPeriod[0]!;
    let out =
      '    <Child>\n      <ChildIdentifiers>\n' +
      el('        ', 'LAchildID', first.child_id) +
      (first.date_of_birth ? el('        ', 'PersonBirthDate', first.date_of_birth) : '') +
      el('        ', 'GenderCurrent', first.gender === 'Male' ? '1' : first.gender === 'Female' ? '2' : '0') +
      '      </ChildIdentifiers>\n      <ChildCharacteristics>\n' +
      el('        ', 'Ethnicity', ETHNIC_CODE[first.ethnicity] ?? 'NOBT') +
      '        <Disabilities>\n' +
      el('          ', 'Disability', first.disability === 'Yes' ? 'DDA' : 'NONE') +
      '        </Disabilities>\n      </ChildCharacteristics>\n';
    for (const r of inPeriod) {
      const closure = known(r.closure_date);
      const auth = known(r.assessment_date);
      const cppStart = known(r.cpp_start_date);
      out +=
        '      <CINdetails>\n' +
        el('        ', 'CINreferralDate', r.referral_date) +
        el('        ', 'ReferralSource', r.referral_source) +
        el('        ', 'PrimaryNeedCode', r.primary_need) +
        (closure
          ? el('        ', 'CINclosureDate', closure) + el('        ', 'ReasonForClosure', r.closure_reason)
          : '') +
        '        <Assessments>\n' +
        el('          ', 'AssessmentActualStartDate', r.referral_date) +
        (auth ? el('          ', 'AssessmentAuthorisationDate', auth) : '');
      const factors = auth && r.factors ? r.factors.split(';') : [];
      if (factors.length) {
        out += '          <FactorsIdentifiedAtAssessment>\n';
        for (const f of factors) out += el('            ', 'AssessmentFactors', f);
        out += '          </FactorsIdentifiedAtAssessment>\n';
      }
      out += '        </Assessments>\n' + el('        ', 'ReferralNFA', '0');
      if (cppStart) {
        const cppEnd = known(r.cpp_end_date);
        out +=
          '        <ChildProtectionPlans>\n' +
          el('          ', 'CPPstartDate', cppStart) +
          (cppEnd ? el('          ', 'CPPendDate', cppEnd) : '') +
          '        </ChildProtectionPlans>\n';
      }
      out += '      </CINdetails>\n';
      this.episodes++;
    }
    this.children++;
    this.push(out + '    </Child>\n');
  }
}

// Windows-1252's bytes 0x80-0x9F (the rest of 0x00-0xFF is Latin-1).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Text as Windows-1252 bytes; a character it lacks becomes '?'. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const k = CP1252_HIGH.indexOf(text[i]!);
      out[i] = k >= 0 ? 0x80 + k : 63;
    }
  }
  return out;
}

/** Census years (1 April to 31 March) from `start` to `end`, ISO: [{start, end}, ...]. */
export function censusYears(start: string, end: string): { start: string; end: string }[] {
  const years: { start: string; end: string }[] = [];
  let y = Number(start.slice(0, 4)) - (start.slice(5) < '04-01' ? 1 : 0);
  for (; `${y}-04-01` <= end; y++) years.push({ start: `${y}-04-01`, end: `${y + 1}-03-31` });
  return years;
}
