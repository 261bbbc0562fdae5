// A <Child> read whole (cin-record.ts, XmlSink.record) gives exactly what the tokenizer's events give
// (cin-xml-sink.ts): the same values and lines in each child, the same rows, problems and warnings,
// the same fault messages; and anything it does not take falls back to the general way. Compared on
// the synthetic council's return with tricky children added, read in chunks of several sizes (so
// children are cut by chunk ends), with and without the whole-child read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCinReturns } from '../../../src/data/load-cin.js';
import { CinRecordScanner } from '../../../src/data/cin-record.js';
import { CinXmlSink } from '../../../src/data/cin-xml-sink.js';
import { ALL_NAMES } from '../../../src/data/cin-xml-schema.js';
import type { CinChild } from '../../../src/data/cin-child.js';
import { NameTable, XmlTokenizer } from '../../../src/data/xml-tokenizer.js';
import { runSynth } from '../../../src/synth/engine.js';
import { CinXmlWriter } from '../../../src/synth/cin-xml.js';
import { DataError, type LoadResult } from '../../../src/data/types.js';

const ep = (inner: string, more = ''): string =>
  `<CINdetails><CINreferralDate>2022-01-05</CINreferralDate>${more}<Assessments><AssessmentAuthorisationDate>2022-02-01</AssessmentAuthorisationDate>${inner}</Assessments></CINdetails>`;
const ids = (id: string, more = ''): string =>
  `<ChildIdentifiers><LAchildID>${id}</LAchildID><PersonBirthDate>2015-01-02</PersonBirthDate>${more}</ChildIdentifiers>`;

/** Children the whole read must decline (→ general way), and ones it takes that are out of the common mould. */
const TRICKY = [
  // declined: a comment, CDATA, a reference, an attribute, a self-closed element, a prefix
  `<Child>${ids('T1')}<!-- note -->${ep('')}</Child>`,
  `<Child>${ids('T2')}<ChildCharacteristics><Ethnicity><![CDATA[WIRI]]></Ethnicity></ChildCharacteristics>${ep('')}</Child>`,
  `<Child>${ids('T3')}${ep('', '<ReferralSource>1&#65;</ReferralSource>')}</Child>`,
  `<Child>${ids('T4')}<CINdetails kind="x"><CINreferralDate>2022-01-05</CINreferralDate></CINdetails></Child>`,
  `<Child>${ids('T5', '<GenderCurrent/>')}${ep('')}</Child>`,
  `<Child><cin:ChildIdentifiers><cin:LAchildID>T6</cin:LAchildID></cin:ChildIdentifiers>${ep('')}</Child>`,
  // declined: an unknown element (warned), one out of place (warned), a value over lines, text between elements
  `<Child>${ids('T7', '<Nickname>Jo</Nickname>')}${ep('')}</Child>`,
  `<Child>${ids('T8', '<CINreferralDate>2022-01-05</CINreferralDate>')}${ep('')}</Child>`,
  `<Child>${ids('T9')}${ep('', '<PrimaryNeedCode>\nN1\n</PrimaryNeedCode>')}</Child>`,
  `<Child>stray${ids('T10')}${ep('')}</Child>`,
  // taken: ignored elements holding elements of any name (skipped quietly), CRLF, tabs, empty values,
  // a list with an empty item, a plan, a child with no LAchildID (a problem, by line)
  `<Child>\r\n\t${ids('T11')}\r\n${ep('<FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors><AssessmentFactors></AssessmentFactors><AssessmentFactors> 4B </AssessmentFactors></FactorsIdentifiedAtAssessment>', '<Section47>\n  <S47ActualStartDate>2022-01-06</S47ActualStartDate>\n  <Extra><Deeper>x > y, as written</Deeper></Extra>\n</Section47><ReferralNFA>0</ReferralNFA>')}</Child>`,
  `<Child>${ids('T12')}<ChildCharacteristics><Ethnicity> ZZZZ </Ethnicity><Disabilities><Disability>HAND</Disability><Disability></Disability><Disability>VIS</Disability></Disabilities></ChildCharacteristics>` +
    `<CINdetails><CINreferralDate>2021-03-05</CINreferralDate><PrimaryNeedCode></PrimaryNeedCode><Assessments><AssessmentAuthorisationDate>2021-04-01</AssessmentAuthorisationDate></Assessments>` +
    `<ChildProtectionPlans><CPPstartDate>2021-04-02</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><Reviews><CPPreviewDate>2021-05-01</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails></Child>`,
  `<Child><ChildIdentifiers><PersonBirthDate>2016-02-03</PersonBirthDate></ChildIdentifiers>\n${ep('')}</Child>`,
  `<Child>${ids('T14')}${ep('', '<CINclosureDate>2021-13-01</CINclosureDate>')}</Child>`,
];
/** How many of TRICKY the whole read declines (the first ten). */
const DECLINED = 10;

function synthReturn(rows: number, extra: string[]): string {
  let text = '';
  const xml = new CinXmlWriter((t) => (text += t), {}, 1 << 16);
  runSynth('test', { assessments: rows, seed: 11 }, { assessment: (row) => xml.add(row), pupil: () => {} });
  xml.finish();
  const at = text.lastIndexOf('</Children>');
  // The tricky children among the synthetic ones, each on lines of its own.
  const mid = text.indexOf('<Child>', text.length >> 1);
  text =
    text.slice(0, mid) +
    extra.slice(0, 7).join('\n') +
    '\n' +
    text.slice(mid, at) +
    extra.slice(7).join('\n') +
    '\n' +
    text.slice(at);
  return text.replace('<Message>', '<Message xmlns:cin="urn:test">');
}

const bytes = new TextEncoder().encode(synthReturn(3000, TRICKY));

/** Load `b` in chunks of `size` bytes, the whole read on or off. */
async function load(b: Uint8Array, size: number, whole: boolean): Promise<LoadResult> {
  async function* chunks() {
    for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
  }
  const record = Object.getOwnPropertyDescriptor(CinXmlSink.prototype, 'record')!;
  if (!whole) delete (CinXmlSink.prototype as { record?: unknown }).record;
  try {
    return await loadCinReturns([{ source: chunks(), fileName: 'cin.xml' }]);
  } finally {
    if (!whole) Object.defineProperty(CinXmlSink.prototype, 'record', record);
  }
}

function plain(r: LoadResult): unknown {
  const data = Object.fromEntries(
    Object.entries(r.data as unknown as Record<string, unknown>).map(([k, v]) => [
      k,
      ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
    ]),
  );
  return { data, rowsKept: r.rowsKept, rowsRead: r.rowsRead, problems: r.problems, warnings: r.warnings, returns: r.returns }; // prettier-ignore
}

/** Every child as the structure holds it (each value's text and line), the whole read on or off. */
function children(b: Uint8Array, size: number, whole: boolean): string[] {
  const out: string[] = [];
  const dump = (c: CinChild, arr: Int32Array): string =>
    Array.from({ length: arr.length / 3 }, (_, k) => (arr[3 * k]! < 0 ? '-' : `${c.text(arr, 3 * k)}@${arr[3 * k + 2]}`)).join('|'); // prettier-ignore
  const names = new NameTable(ALL_NAMES);
  const sink = new CinXmlSink(
    'cin.xml',
    (c) => {
      const parts = [c.child, c.episode, c.assessment, c.plan].map((arr) => dump(c, arr));
      const lines = [c.episodeLine, c.assessmentLine, c.planLine].map((a) => Array.from(a).join(','));
      out.push(`${c.line} ${c.episodes}/${c.assessments}/${c.plans} ${parts.join(' ')} ${lines.join(' ')}`);
    },
    (m) => {
      throw new Error(m);
    },
    whole ? names : undefined,
  );
  const t = new XmlTokenizer(names, sink);
  for (let i = 0; i < b.length; i += size) t.push(b.subarray(i, i + size));
  t.finish();
  return out;
}

/** Count the whole read's children taken and declined while `f` runs. */
async function counted<T>(f: () => Promise<T> | T): Promise<{ taken: number; declined: number; value: T }> {
  const scan = CinRecordScanner.prototype.scan;
  let taken = 0;
  let declined = 0;
  CinRecordScanner.prototype.scan = function (this: CinRecordScanner, ...args: Parameters<typeof scan>) {
    const q = scan.apply(this, args);
    if (q < 0) declined++;
    else taken++;
    return q;
  };
  try {
    const value = await f();
    return { taken, declined, value };
  } finally {
    CinRecordScanner.prototype.scan = scan;
  }
}

test('a child read whole holds the same values and lines as one read from events, in any chunking', async () => {
  for (const size of [1 << 20, 1 << 16, 4096, 997]) {
    const events = children(bytes, size, false);
    const c = await counted(() => children(bytes, size, true));
    assert.deepEqual(c.value, events, `chunks of ${size}`);
    assert.ok(events.length > 1500);
    // Chunks smaller than a child leave few whole: the general way reads the rest.
    const whole = size >= 1 << 16 ? events.length * 0.9 : 0;
    assert.ok(c.taken > whole, `${c.taken} children read whole in chunks of ${size}`);
  }
  const held = children(bytes, 1 << 20, true);
  assert.ok(
    held.some((c) => c.includes('HAND;VIS@')),
    'an empty <Disability> between two is dropped',
  );
  assert.ok(
    held.some((c) => c.includes('3B;4B@')),
    'factors joined, trimmed, the empty one dropped',
  );
});

test('the whole read declines what it does not take, and the general way reads it', async () => {
  // The file as one chunk: in chunks, a child cut by a chunk's end is declined too.
  const c = await counted(() => load(bytes, bytes.length, true));
  // Each declined child is read again the general way (from its <Child>).
  assert.equal(c.declined, DECLINED);
  assert.equal(c.taken + c.declined, c.value.returns![0]!.children);
  const w = c.value.warnings.map((x) => x.message).join('\n');
  assert.match(
    w,
    /<Nickname> skipped once \(first at line \d+, Message\/Children\/Child\/ChildIdentifiers\/Nickname\)/,
  );
  assert.match(w, /<CINreferralDate> skipped once .*ChildIdentifiers\/CINreferralDate\): .* at this place/);
  assert.ok(!/Section47|S47ActualStartDate|Extra|Reviews/.test(w), 'ignored elements skipped quietly');
});

test('rows, problems and warnings are the same with and without the whole read, in any chunking', async () => {
  const events = plain(await load(bytes, 1 << 20, false));
  for (const size of [1 << 20, 4096, 997])
    assert.deepEqual(plain(await load(bytes, size, true)), events, `chunks of ${size}`);
  const r = events as { problems: { line: number; message: string }[]; rowsKept: number };
  assert.ok(r.rowsKept > 2900);
  assert.ok(
    r.problems.some((p) => /2021-13-01/.test(p.message)),
    'the bad closure date named',
  );
  assert.ok(
    r.problems.some((p) => /LAchildID/.test(p.message)),
    'the child with no LAchildID named',
  );
});

/** The message a load fails with, the whole read on or off. */
async function fails(text: string, whole: boolean): Promise<string> {
  try {
    await load(new TextEncoder().encode(text), 1 << 20, whole);
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return `${e.code}: ${e.message}`;
  }
  throw new Error('expected a DataError');
}

test('faults inside a child are named by the same line and message with and without the whole read', async () => {
  const good = synthReturn(200, []);
  const at = good.indexOf('</Children>');
  const bad = [
    `<Child>${ids('F1')}${ep('')}</Chlid>`, // a mismatched end tag
    `<Child>${ids('F2')}<CINdetails><CINreferralDate>2022-01-05</CINdetails></Child>`, // a value not closed
    `<Child>${ids('F3')}${ep('', '<ReferralSource>1&bogus;</ReferralSource>')}</Child>`, // an unknown entity
    `<Child>${ids('F4')}${ep('', '<Section47><X>a &nope; b</X></Section47>')}</Child>`, // inside an ignored element
    `<Child>${ids('F5')}<CINdetails><CINreferralDate>2022-01-05</CINreferralDate><Assessments>`, // cut short
    `<Child>${ids('F6')}${ep('')}</Child></Children><Child>`, // a child after its parent closed
  ];
  for (const child of bad) {
    // The one cut short ends the file; the others stand among the synthetic children.
    const cut = child.endsWith('<Assessments>')
      ? good.slice(0, at) + child
      : good.slice(0, at) + child + '\n' + good.slice(at);
    const general = await fails(cut, false);
    const c = await counted(() => fails(cut, true));
    assert.equal(c.value, general);
    assert.ok(c.taken > 100, 'the children before the fault were read whole');
    assert.match(general, /line \d+/);
  }
});
