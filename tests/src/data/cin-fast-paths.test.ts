// The CIN return reader's fast paths give exactly what the general ones give: rows read straight
// from their byte ranges (cin-fast-row.ts) against the column builder's general path, and value
// elements handed over in one call (XmlSink.value) against open, text and close. Each is compared
// on the synthetic council's return with awkward children added (problems, new levels, spaces,
// empty and repeated values, references, values over lines, a namespace prefix, CRLF line ends).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCinReturns } from '../../../src/data/load-cin.js';
import { RangeRowBuilder } from '../../../src/data/cin-fast-row.js';
import { CinXmlSink } from '../../../src/data/cin-xml-sink.js';
import { TableBuilder } from '../../../src/data/table-builder.js';
import { ALL_NAMES } from '../../../src/data/cin-xml-schema.js';
import type { CinChild } from '../../../src/data/cin-child.js';
import { NameTable, XmlTokenizer } from '../../../src/data/xml-tokenizer.js';
import { runSynth } from '../../../src/synth/engine.js';
import { CinXmlWriter } from '../../../src/synth/cin-xml.js';
import type { LoadResult } from '../../../src/data/types.js';

const AWKWARD = [
  // a date that is not a date; a new ethnicity code; spaces and a tab around values
  `<Child><ChildIdentifiers><LAchildID> X1 </LAchildID><PersonBirthDate>2015-13-01</PersonBirthDate><GenderCurrent>2</GenderCurrent></ChildIdentifiers>
<ChildCharacteristics><Ethnicity>	ZZZZ </Ethnicity><Disabilities><Disability>HAND</Disability><Disability></Disability><Disability> VIS </Disability></Disabilities></ChildCharacteristics>
<CINdetails><CINreferralDate>2022-01-05</CINreferralDate><ReferralSource>2A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
<Assessments><AssessmentActualStartDate>2022-01-05</AssessmentActualStartDate><AssessmentAuthorisationDate>2022-02-01</AssessmentAuthorisationDate>
<FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors><AssessmentFactors> 4B </AssessmentFactors><AssessmentFactors>99Z</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments></CINdetails></Child>`,
  // no LAchildID; an assessment with no authorisation date; a reference and a value over two lines
  `<Child><ChildIdentifiers><PersonBirthDate>2016-02-03</PersonBirthDate></ChildIdentifiers>
<CINdetails><CINreferralDate>2022-03-05</CINreferralDate><ReferralSource>1&#65;</ReferralSource>
<Assessments><AssessmentActualStartDate>2022-03-05</AssessmentActualStartDate></Assessments></CINdetails></Child>`,
  `<Child><ChildIdentifiers><LAchildID>X2</LAchildID><PersonBirthDate>
2014-07-08
</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>
<CINdetails><CINreferralDate>2021-03-05</CINreferralDate><CINclosureDate>2021-01-01</CINclosureDate><ReasonForClosure>RC9</ReasonForClosure>
<Assessments><AssessmentAuthorisationDate>2021-04-01</AssessmentAuthorisationDate></Assessments>
<ChildProtectionPlans><CPPstartDate>2021-04-02</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse></ChildProtectionPlans></CINdetails></Child>`,
  // a namespace prefix, CRLF line ends, an empty element and a self-closed one
  '<cin:Child>\r\n<cin:ChildIdentifiers><cin:LAchildID>X3</cin:LAchildID><cin:GenderCurrent/></cin:ChildIdentifiers>\r\n' +
    '<cin:CINdetails><cin:CINreferralDate>2020-05-06</cin:CINreferralDate><cin:PrimaryNeedCode></cin:PrimaryNeedCode>\r\n' +
    '<cin:Assessments><cin:AssessmentAuthorisationDate>2020-06-01</cin:AssessmentAuthorisationDate></cin:Assessments></cin:CINdetails></cin:Child>',
];

/** The synthetic council's return (`rows` assessments) with the awkward children before </Children>. */
function awkwardReturn(rows: number): Uint8Array {
  let text = '';
  const xml = new CinXmlWriter((t) => (text += t), {}, 1 << 16);
  runSynth('test', { assessments: rows, seed: 7 }, { assessment: (row) => xml.add(row), pupil: () => {} });
  xml.finish();
  const at = text.lastIndexOf('</Children>');
  text = text.slice(0, at) + AWKWARD.join('\n') + '\n' + text.slice(at);
  text = text.replace('<Message>', '<Message xmlns:cin="urn:test">');
  return new TextEncoder().encode(text);
}

/** Everything a load gives, as plain data to compare. */
function plain(r: LoadResult): unknown {
  const data = Object.fromEntries(
    Object.entries(r.data as unknown as Record<string, unknown>).map(([k, v]) => [
      k,
      ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
    ]),
  );
  return { data, rowsKept: r.rowsKept, rowsRead: r.rowsRead, problems: r.problems, warnings: r.warnings };
}

const bytes = awkwardReturn(3000);

/** Every child's values as the CIN structure holds them (text and line of each), in 64 KB chunks. */
function children(b: Uint8Array): string[] {
  const out: string[] = [];
  const dump = (c: CinChild, arr: Int32Array): string =>
    Array.from({ length: arr.length / 3 }, (_, k) => (arr[3 * k]! < 0 ? '-' : `${c.text(arr, 3 * k)}@${arr[3 * k + 2]}`)).join('|'); // prettier-ignore
  const sink = new CinXmlSink(
    'cin.xml',
    (c) => {
      const parts = [c.child, c.episode, c.assessment, c.plan].map((arr) => dump(c, arr));
      out.push(`${c.line} ${c.episodes}/${c.assessments}/${c.plans} ${parts.join(' ')}`);
    },
    (m) => {
      throw new Error(m);
    },
  );
  const t = new XmlTokenizer(new NameTable(ALL_NAMES), sink);
  for (let i = 0; i < b.length; i += 1 << 16) t.push(b.subarray(i, i + (1 << 16)));
  t.finish();
  return out;
}

test('rows read straight from their byte ranges are the general path rows, problems and levels alike', async () => {
  const slow = TableBuilder.prototype.row;
  let general = 0;
  TableBuilder.prototype.row = function (this: TableBuilder, ...args: Parameters<typeof slow>) {
    general++;
    slow.apply(this, args);
  };
  try {
    const fast = await loadCinReturns([{ source: bytes, fileName: 'cin.xml' }]);
    const rows = fast.rowsRead;
    // The fast path must be taken (else this compares the general path with itself): only rows
    // with a problem or a value not yet seen go the general way.
    assert.ok(general > 0 && general < rows / 10, `${general} of ${rows} rows by the general path`);
    const fastPath = RangeRowBuilder.prototype.rangeRow;
    RangeRowBuilder.prototype.rangeRow = () => false;
    try {
      const before = general;
      const all = await loadCinReturns([{ source: bytes, fileName: 'cin.xml' }]);
      assert.equal(general - before, all.rowsRead, 'every row by the general path');
      assert.deepEqual(plain(fast), plain(all));
      assert.ok(fast.problems.length >= 4, 'the awkward children make problems');
    } finally {
      RangeRowBuilder.prototype.rangeRow = fastPath;
    }
  } finally {
    TableBuilder.prototype.row = slow;
  }
});

test('value elements handed over in one call read as open, text and close do', async () => {
  // Without the whole-<Child> read (cin-record.ts, compared with events in cin-record.test.ts),
  // which would otherwise read most children here.
  const record = Object.getOwnPropertyDescriptor(CinXmlSink.prototype, 'record')!;
  delete (CinXmlSink.prototype as { record?: unknown }).record;
  try {
    await fusedAndEvents();
  } finally {
    Object.defineProperty(CinXmlSink.prototype, 'record', record);
  }
});

async function fusedAndEvents(): Promise<void> {
  const fused = await loadCinReturns([{ source: bytes, fileName: 'cin.xml' }]);
  const value = Object.getOwnPropertyDescriptor(CinXmlSink.prototype, 'value')!;
  // Without `value` the tokenizer gives every element as open, text and close (xml-tokenizer.ts).
  delete (CinXmlSink.prototype as { value?: unknown }).value;
  try {
    assert.equal(typeof (CinXmlSink.prototype as { value?: unknown }).value, 'undefined');
    const events = await loadCinReturns([{ source: bytes, fileName: 'cin.xml' }]);
    delete (CinXmlSink.prototype as { value?: unknown }).value;
    const held = children(bytes);
    Object.defineProperty(CinXmlSink.prototype, 'value', value);
    assert.deepEqual(children(bytes), held);
    assert.ok(
      held.some((c) => c.includes('HAND;VIS@')),
      'an empty <Disability> between two is dropped',
    );
    assert.deepEqual(plain(fused), plain(events));
    assert.ok(fused.rowsKept > 2000);
  } finally {
    Object.defineProperty(CinXmlSink.prototype, 'value', value);
  }
}
