// The CIN census return reader: values read as the CSV path reads them, faults named by line and
// element path, what is skipped warned about, files that are not well-formed refused at their line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTable } from '../../../src/data/load.js';
import { loadCinReturns } from '../../../src/data/load-cin.js';
import { DataError, type AssessmentData } from '../../../src/data/types.js';
import { dayToIso } from '../../../src/data/dates.js';
import { encodeWindows1252 } from '../../../src/synth/cin-xml.js';

/** A return with the children given (each a string of <Child> content lines). */
function cin(
  children: string[],
  decl = '<?xml version="1.0" encoding="UTF-8"?>',
  root = '<Message>',
): string {
  return [
    decl,
    root,
    '  <Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>',
    '  <Children>',
    ...children.map((c) => `    <Child>\n${c}\n    </Child>`),
    '  </Children>',
    '</Message>',
    '',
  ].join('\n');
}

const ids = (id: string, extra = '') =>
  `      <ChildIdentifiers>${id ? `<LAchildID>${id}</LAchildID>` : ''}<PersonBirthDate>2015-05-01</PersonBirthDate><GenderCurrent>2</GenderCurrent>${extra}</ChildIdentifiers>\n` +
  '      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>';
const episode = (referral: string, auth: string, factors: string[], more = '') =>
  `      <CINdetails>\n        <CINreferralDate>${referral}</CINreferralDate>\n        <ReferralSource>2A</ReferralSource>\n${more}` +
  `        <Assessments>\n          <AssessmentActualStartDate>${referral}</AssessmentActualStartDate>\n` +
  (auth ? `          <AssessmentAuthorisationDate>${auth}</AssessmentAuthorisationDate>\n` : '') +
  (factors.length
    ? `          <FactorsIdentifiedAtAssessment>${factors.map((f) => `<AssessmentFactors>${f}</AssessmentFactors>`).join('')}</FactorsIdentifiedAtAssessment>\n`
    : '') +
  '        </Assessments>\n        <ReferralNFA>false</ReferralNFA>\n      </CINdetails>';

async function load(text: string | Uint8Array, fileName = 'cin.xml') {
  return loadTable(text, { fileName });
}
async function fault(text: string): Promise<DataError> {
  try {
    await load(text);
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return e;
  }
  throw new Error('expected a DataError');
}

test('reads one row per assessment with the child and episode values, factors joined, as the CSV path would', async () => {
  const text = cin([
    ids('A1') +
      '\n' +
      episode(
        '2023-04-03',
        '2023-04-20',
        ['3B', '4B'],
        '        <CINclosureDate>2023-06-01</CINclosureDate>\n        <ReasonForClosure>RC7</ReasonForClosure>\n',
      ) +
      '\n' +
      episode('2023-09-01', '2023-09-12', ['21']),
  ]);
  const r = await load(text);
  const csv = await loadTable(
    'LAchildID,CINreferralDate,AssessmentAuthorisationDate,factors,CINclosureDate,ReasonForClosure,ReferralSource,PersonBirthDate,GenderCurrent,Ethnicity,Disability\n' +
      'A1,2023-04-03,2023-04-20,3B;4B,2023-06-01,RC7,2A,2015-05-01,2,WBRI,NONE\nA1,2023-09-01,2023-09-12,21,,,2A,2015-05-01,2,WBRI,NONE\n',
    { fileName: 'a.csv' },
  );
  const x = r.data as AssessmentData;
  const c = csv.data as AssessmentData;
  assert.equal(r.rowsKept, 2);
  assert.equal(r.encoding, 'utf-8');
  assert.equal(r.delimiter, '');
  for (const k of ['referralDate', 'assessmentDate', 'closureDate', 'dateOfBirth', 'age', 'factors'] as const)
    assert.deepEqual([...x[k]], [...c[k]], k);
  assert.deepEqual(x.factorCodes, c.factorCodes);
  for (const k of [
    'childId',
    'gender',
    'ethnicity',
    'disability',
    'referralSource',
    'closureReason',
  ] as const)
    assert.deepEqual(x[k], c[k], k);
  assert.deepEqual([...x.line], [13, 23], 'each row is at its <Assessments> line');
  assert.deepEqual(r.returns, [
    {
      file: 'cin.xml',
      referenceDate: '2024-03-31',
      encoding: 'utf-8',
      namespaces: [],
      children: 1,
      assessments: 2,
    },
  ]);
});

test('a child with no LAchildID is left out, named by its line and element path', async () => {
  const text = cin([
    ids('A1') + '\n' + episode('2023-04-03', '2023-04-20', ['3B']),
    ids('') + '\n' + episode('2023-05-03', '2023-05-20', ['4B']),
  ]);
  const r = await load(text);
  assert.equal(r.rowsRead, 2);
  assert.equal(r.rowsKept, 1);
  assert.deepEqual(r.excluded, { 'missing-value': 1 });
  const p = r.problems[0]!;
  assert.equal(p.line, 19, 'the <Child> that lacks it');
  assert.equal(p.column, 'Child/ChildIdentifiers/LAchildID');
  assert.equal(
    p.message,
    'cin.xml line 19, Child/ChildIdentifiers/LAchildID: <LAchildID> is missing or empty; expected a value (required)',
  );
});

test('a date that is not a date, and an assessment with no authorisation date, are named at their lines', async () => {
  const text = cin([
    ids('A1') +
      '\n' +
      episode('2023-02-30', '2023-04-20', ['3B']) +
      '\n' +
      episode('2023-05-03', '', ['4B']) +
      '\n' +
      episode('2023-08-03', '2023-08-20', ['4B']),
  ]);
  const r = await load(text);
  assert.equal(r.rowsKept, 1);
  assert.deepEqual(r.excluded, { 'invalid-date': 1, 'missing-value': 1 });
  const [bad, missing] = r.problems;
  assert.equal(bad!.line, 9);
  assert.match(
    bad!.message,
    /^cin\.xml line 9, Child\/CINdetails\/CINreferralDate: '2023-02-30' is not a date; expected/,
  );
  assert.equal(missing!.line, 21, 'the <Assessments> without it');
  assert.match(
    missing!.message,
    /line 21, Child\/CINdetails\/Assessments\/AssessmentAuthorisationDate: <AssessmentAuthorisationDate> is missing or empty/,
  );
});

test('elements not in the return are skipped with a warning naming them, their path and first line', async () => {
  const text = cin([
    ids('A1', '<FavouriteColour>blue</FavouriteColour>') +
      '\n' +
      episode('2023-04-03', '2023-04-20', ['3B'], '        <Mystery><LAchildID>X</LAchildID></Mystery>\n'),
  ]);
  const r = await load(text);
  assert.equal(r.rowsKept, 1);
  const w = r.warnings.filter((x) => x.code === 'unknown-elements').map((x) => x.message);
  assert.deepEqual(w, [
    'cin.xml: <FavouriteColour> skipped once (first at line 6, Message/Children/Child/ChildIdentifiers/FavouriteColour): not an element of the CIN census return',
    'cin.xml: <Mystery> skipped once (first at line 11, Message/Children/Child/CINdetails/Mystery): not an element of the CIN census return',
  ]);
  assert.equal(
    (r.data as AssessmentData).childId.levels[0],
    'A1',
    'the LAchildID inside the skipped element is not read',
  );
});

test('a file cut short is an error naming the element left open and its line', async () => {
  const text = cin([ids('A1') + '\n' + episode('2023-04-03', '2023-04-20', ['3B'])]);
  const cut = text.slice(0, text.indexOf('<ReferralNFA>'));
  const e = await fault(cut);
  assert.equal(e.code, 'truncated-file');
  assert.match(
    e.message,
    /^cin\.xml: the file ends at line 16 inside <CINdetails> opened on line 8; expected <\/CINdetails>/,
  );
});

test('XML that is not well-formed is an error naming the line', async () => {
  const text = cin([ids('A1') + '\n' + episode('2023-04-03', '2023-04-20', ['3B'])]).replace(
    '</ReferralSource>',
    '</ReferralSauce>',
  );
  const e = await fault(text);
  assert.equal(e.code, 'invalid-xml');
  assert.equal(
    e.message,
    'cin.xml: not well-formed XML, line 10: the end tag </ReferralSauce> does not match <ReferralSource> opened on line 10',
  );
  const amp = await fault(cin([ids('A&B') + '\n' + episode('2023-04-03', '2023-04-20', ['3B'])]));
  assert.match(amp.message, /line 6: '&' not followed by an entity/);
  const doctype = await fault(
    cin([]).replace('<Message>', '<!DOCTYPE Message [<!ENTITY x "y">]>\n<Message>'),
  );
  assert.match(doctype.message, /internal subset/);
  const other = await fault('<?xml version="1.0"?>\n<Root/>\n');
  assert.match(other.message, /the root element is <Root>; a CIN census return has <Message>/);
});

test('a default or prefixed namespace reads the same; Windows-1252 as declared; entities resolved', async () => {
  const plain = cin([ids('A1') + '\n' + episode('2023-04-03', '2023-04-20', ['3B'])]);
  const ns = await load(plain.replace('<Message>', '<Message xmlns="http://www.dfe.gov.uk/CIN">'));
  assert.deepEqual(ns.returns![0]!.namespaces, ['http://www.dfe.gov.uk/CIN']);
  const prefixed = await load(
    plain
      .replace(/<(\/?)([A-Za-z])/g, '<$1cin:$2')
      .replace('<cin:Message>', '<cin:Message xmlns:cin="http://www.dfe.gov.uk/CIN">'),
  );
  const p = (await load(plain)).data as AssessmentData;
  for (const r of [ns, prefixed]) {
    const d = r.data as AssessmentData;
    assert.deepEqual([...d.referralDate], [...p.referralDate]);
    assert.deepEqual(d.factorCodes, ['3B']);
  }
  const latin = encodeWindows1252(
    cin(
      [ids('Zoë&amp;1') + '\n' + episode('2023-04-03', '2023-04-20', ['3B'])],
      '<?xml version="1.0" encoding="windows-1252"?>',
    ),
  );
  assert.equal(latin.includes(0xeb), true, 'ë is one byte in Windows-1252');
  const w = await load(latin);
  assert.equal(w.encoding, 'windows-1252');
  assert.deepEqual((w.data as AssessmentData).childId.levels, ['Zoë&1']);
  assert.equal(dayToIso((w.data as AssessmentData).referralDate[0]!), '2023-04-03');
});

test('several returns: an episode carried over is merged, the later return winning, and counted', async () => {
  const open = cin([ids('A1') + '\n' + episode('2023-03-01', '', [])]).replace('2024-03-31', '2023-03-31');
  const closed = cin([
    ids('A1') +
      '\n' +
      episode(
        '2023-03-01',
        '2023-04-10',
        ['3B'],
        '        <CINclosureDate>2023-06-01</CINclosureDate>\n        <ReasonForClosure>RC7</ReasonForClosure>\n',
      ),
  ]);
  // Given newest first: the reference dates order them.
  const r = await loadCinReturns([
    { source: closed, fileName: 'cin-2023-24.xml' },
    { source: open, fileName: 'cin-2022-23.xml' },
  ]);
  assert.equal(r.rowsKept, 1);
  assert.deepEqual(r.merged, { episodes: 1, assessments: 1 });
  const d = r.data;
  assert.equal(dayToIso(d.assessmentDate[0]!), '2023-04-10');
  assert.equal(dayToIso(d.closureDate[0]!), '2023-06-01');
  assert.match(
    r.warnings[0]!.message,
    /^1 episode appeared in more than one return and was merged \(the later return's values kept; 1 assessment sent twice counted once\)$/,
  );
  assert.deepEqual(r.problems, [], 'the in-progress copy of the earlier return is replaced, not reported');
});

test('schema years: the 2016-17 layout (GenderCurrent, 18A and 8A codes, SeenSocialWorker) and the 2024-25 one (Sex, CINPlanDates, PreProceedingsandFGDM)', async () => {
  const old = cin([
    ids('A1') +
      '\n' +
      episode(
        '2016-05-03',
        '2016-05-20',
        ['18A', '8A'],
        '        <ChildProtectionPlans><CPPstartDate>2016-06-01</CPPstartDate><InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse><SeenSocialWorker>1</SeenSocialWorker></ChildProtectionPlans>\n',
      ),
  ]);
  const r2016 = await load(old);
  assert.deepEqual(
    r2016.warnings.filter((w) => w.code === 'unknown-elements'),
    [],
  );
  assert.deepEqual((r2016.data as AssessmentData).factorCodes, ['8A', '18A']);
  assert.equal(dayToIso((r2016.data as AssessmentData).cppStart[0]!), '2016-06-01');
  const recent = cin([
    ids('A2').replace('<GenderCurrent>2</GenderCurrent>', '<Sex>F</Sex>') +
      '\n' +
      episode(
        '2024-05-03',
        '2024-05-20',
        ['24A'],
        '        <CINPlanDates><CINPlanStartDate>2024-06-01</CINPlanStartDate></CINPlanDates>\n        <PreProceedingsandFGDM><PPStartDate>2024-07-01</PPStartDate></PreProceedingsandFGDM>\n',
      ),
  ]);
  const r2025 = await load(recent);
  assert.deepEqual(
    r2025.warnings.filter((w) => w.code === 'unknown-elements'),
    [],
  );
  assert.deepEqual((r2025.data as AssessmentData).gender.levels, ['F']);
  assert.deepEqual((r2025.data as AssessmentData).factorCodes, ['24A']);
});

test('every child protection plan of an episode is on the row of the assessment that led to it; one too many is warned about', async () => {
  const plan = (start: string, category: string, end = '') =>
    `        <ChildProtectionPlans><CPPstartDate>${start}</CPPstartDate>${end ? `<CPPendDate>${end}</CPPendDate>` : ''}<InitialCategoryOfAbuse>${category}</InitialCategoryOfAbuse></ChildProtectionPlans>\n`;
  const assessment = (start: string, auth: string, factor: string) =>
    `        <Assessments><AssessmentActualStartDate>${start}</AssessmentActualStartDate><AssessmentAuthorisationDate>${auth}</AssessmentAuthorisationDate>` +
    `<FactorsIdentifiedAtAssessment><AssessmentFactors>${factor}</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>\n`;
  const text = cin([
    // Two assessments and two plans, the later plan listed first: each plan goes to the assessment
    // authorised before it.
    ids('A1') +
      '\n      <CINdetails>\n        <CINreferralDate>2023-04-03</CINreferralDate>\n' +
      plan('2023-10-01', 'PHY') +
      assessment('2023-04-03', '2023-04-20', '3B') +
      plan('2023-05-01', 'NEG', '2023-08-01') +
      assessment('2023-09-01', '2023-09-10', '4B') +
      '      </CINdetails>',
    // One assessment and two plans: the first plan is on the row, the second on none.
    ids('B2') +
      '\n      <CINdetails>\n        <CINreferralDate>2023-04-03</CINreferralDate>\n' +
      assessment('2023-04-03', '2023-04-20', '3B') +
      plan('2023-05-01', 'EMO', '2023-07-01') +
      plan('2023-12-01', 'SAB') +
      '      </CINdetails>',
  ]);
  const r = await load(text);
  const d = r.data as AssessmentData;
  assert.equal(r.rowsKept, 3);
  const rows = Array.from({ length: d.n }, (_, i) => [
    d.childId.levels[d.childId.codes[i]!],
    dayToIso(d.assessmentDate[i]!),
    dayToIso(d.cppStart[i]!),
    d.cppCategory.levels[d.cppCategory.codes[i]!],
  ]);
  assert.deepEqual(rows, [
    ['A1', '2023-04-20', '2023-05-01', 'NEG'],
    ['A1', '2023-09-10', '2023-10-01', 'PHY'],
    ['B2', '2023-04-20', '2023-05-01', 'EMO'],
  ]);
  assert.equal(dayToIso(d.cppEnd[0]!), '2023-08-01');
  const w = r.warnings.find((x) => x.code === 'plans-not-on-a-row');
  assert.ok(w, JSON.stringify(r.warnings));
  assert.match(
    w.message,
    /^1 child protection plan is on no row \(first: cin\.xml line 23, Child\/CINdetails\/ChildProtectionPlans\)/,
  );
});
