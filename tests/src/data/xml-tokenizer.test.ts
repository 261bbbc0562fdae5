// The XML tokenizer: the same events whatever the chunk boundaries (chunks are scanned in place and
// only a cut tag or text is carried), names known or not, with or without a prefix, and the faults
// of XML named by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NameTable } from '../../../src/data/xml-names.js';
import { XmlError, XmlTokenizer } from '../../../src/data/xml-tokenizer.js';

const NAMES = new NameTable(['Message', 'Child', 'LAchildID', 'Note', 'Factors', 'Factor']);

/** The events of `doc` pushed in the pieces cut at `cuts`, as lines of text (adjacent text joined). */
function events(doc: Uint8Array, cuts: number[] = [], asBuffer = false): string[] {
  const out: string[] = [];
  const name = (id: number, b: Uint8Array, s: number, e: number) =>
    id >= 0 ? NAMES.names[id]! : `?${new TextDecoder().decode(b.subarray(s, e))}`;
  const t = new XmlTokenizer(NAMES, {
    open: (id, b, s, e, line) => out.push(`open ${name(id, b, s, e)} ${line}`),
    text: (b, s, e) => {
      const text = new TextDecoder().decode(b.subarray(s, e));
      const last = out.length - 1;
      if (last >= 0 && out[last]!.startsWith('text ')) out[last] += text;
      else out.push(`text ${text}`);
    },
    close: (id, line) => out.push(`close ${id >= 0 ? NAMES.names[id] : '?'} ${line}`),
  });
  let at = 0;
  for (const cut of [...cuts, doc.length]) {
    const piece = doc.slice(at, cut);
    t.push(asBuffer ? Buffer.from(piece) : piece);
    at = cut;
  }
  t.finish();
  return out;
}

const long = 'x'.repeat(5000); // longer than the bridge a cut text is finished in
const DOC = new TextEncoder().encode(
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->\n' +
    '<cin:Message xmlns:cin="http://www.dfe.gov.uk/CIN">\n' +
    '  <cin:Child><cin:LAchildID>A1</cin:LAchildID><Note a="1"\n b=\'2\'>caf\u00e9 &amp; &#x263A; &lt;</Note></cin:Child>\n' +
    '  <Child>\n    <LAchildID>B2</LAchildID>\n    <Unknown><LAchildID>inside</LAchildID></Unknown>\n' +
    `    <Note><![CDATA[<raw> & ]]>${long}</Note><Factors><Factor>1A</Factor><Factor>2B</Factor><Factor/></Factors>\n` +
    '    <LAchildIDx>near miss</LAchildIDx><LAchildID>C3</LAchildID>\n  </Child>\n</cin:Message>\n',
);

test('reads names known and unknown, prefixed or not, text with references and CDATA, lines counted', () => {
  const e = events(DOC);
  assert.deepEqual(e.slice(0, 8), [
    'open Message 3',
    'open Child 4',
    'open LAchildID 4',
    'text A1',
    'close LAchildID 4',
    'open Note 4',
    'text caf\u00e9 & \u263A <',
    'close Note 5',
  ]);
  assert.ok(e.includes('open ?Unknown 8'));
  assert.ok(e.includes('open ?LAchildIDx 10'), 'a name that starts like a known one is not it');
  assert.ok(e.includes(`text <raw> & ${long}`));
  assert.deepEqual(
    e.filter((x) => x.startsWith('open Factor ')),
    ['open Factor 9', 'open Factor 9', 'open Factor 9'],
  );
  assert.equal(e.at(-1), 'close Message 12');
});

test('the same events wherever the chunks are cut: every single cut, pairs of cuts, one byte at a time', () => {
  const whole = events(DOC);
  for (let i = 0; i <= DOC.length; i++) assert.deepEqual(events(DOC, [i]), whole, `cut at ${i}`);
  for (let i = 0; i < DOC.length; i += 7)
    for (let j = i; j < DOC.length; j += 13) assert.deepEqual(events(DOC, [i, j]), whole, `cuts ${i}, ${j}`);
  const bytes = Array.from({ length: DOC.length }, (_, i) => i);
  assert.deepEqual(events(DOC, bytes), whole, 'one byte a chunk');
  assert.deepEqual(events(DOC, [100, 5100], true), whole, 'Node Buffers as chunks');
});

test('chunks reused by the caller after each push (one read buffer) give the same events', () => {
  const whole = events(DOC);
  const out: string[] = [];
  const t = new XmlTokenizer(NAMES, {
    open: (id, b, s, e, line) =>
      out.push(
        `open ${id >= 0 ? NAMES.names[id] : `?${new TextDecoder().decode(b.subarray(s, e))}`} ${line}`,
      ),
    text: (b, s, e) => {
      const text = new TextDecoder().decode(b.subarray(s, e));
      if (out.at(-1)?.startsWith('text ')) out[out.length - 1] += text;
      else out.push(`text ${text}`);
    },
    close: (id, line) => out.push(`close ${id >= 0 ? NAMES.names[id] : '?'} ${line}`),
  });
  const buf = new Uint8Array(64);
  for (let at = 0; at < DOC.length; at += 64) {
    const n = Math.min(64, DOC.length - at);
    buf.set(DOC.subarray(at, at + n));
    t.push(buf.subarray(0, n));
    buf.fill(0x3c); // scribble: nothing may be read from it after the push
  }
  t.finish();
  assert.deepEqual(out, whole);
});

function fault(text: string, cuts: number[] = []): XmlError {
  try {
    events(new TextEncoder().encode(text), cuts);
  } catch (e) {
    assert.ok(e instanceof XmlError, String(e));
    return e;
  }
  throw new Error('expected an XmlError');
}

test('faults are named by line, wherever the chunks are cut', () => {
  for (const cuts of [[], [3], [12], [20]]) {
    let e = fault('<Message>\n<Child>\n</Chlid>\n</Message>', cuts);
    assert.equal(e.line, 3);
    assert.match(e.message, /<\/Chlid> does not match <Child> opened on line 2/);
    e = fault('<Message>\n<Child>\n<LAchildID>A1</LAchildID>\n', cuts);
    assert.equal(e.code, 'truncated');
    assert.match(e.message, /inside <Child> opened on line 2/);
    e = fault('<Message>\n\n<Child>a & b</Child></Message>', cuts);
    assert.equal(e.line, 3);
    assert.match(e.message, /'&' not followed by an entity/);
    e = fault('<Message>\n<Child a=1></Child></Message>', cuts);
    assert.match(e.message, /line 2: the value of attribute a is not in quotes/);
    e = fault('<Message></Message>\n<Message/>', cuts);
    assert.match(e.message, /line 2: a second root element <Message>/);
    e = fault('<Message>\n<1Child/></Message>', cuts);
    assert.match(e.message, /line 2: '<' not followed by an element name/);
  }
});

// A file of records: what follows each tag is learnt and then compared in place (predicted); the
// events, lines and faults must be those of reading it the long way.
const record = (i: number, p = ''): string =>
  `  <${p}Child>\n    <${p}LAchildID>A${i}</${p}LAchildID>\n    <${p}Factors>\n` +
  `      <${p}Factor>1A</${p}Factor>\n${i % 2 ? `      <${p}Factor>2B</${p}Factor>\n` : ''}` +
  `    </${p}Factors>\n  </${p}Child>\n`;
const RECORDS = (n: number, p = '', tail = ''): string =>
  `<${p}Message${p ? ' xmlns:cin="u"' : ''}>\n${Array.from({ length: n }, (_, i) => record(i, p)).join('')}${tail}</${p}Message>\n`;

test('a file of records: the tags learnt and compared in place give every event and line', () => {
  for (const p of ['', 'cin:']) {
    const doc = new TextEncoder().encode(RECORDS(12, p));
    const e = events(doc);
    // Each record is 6 lines (7 with a second factor) from line 2.
    let line = 2;
    const starts: number[] = [];
    for (let i = 0; i < 12; i++) {
      starts.push(line);
      line += i % 2 ? 7 : 6;
    }
    assert.deepEqual(
      e.filter((x) => x.startsWith('open Child ')),
      starts.map((l) => `open Child ${l}`),
      p,
    );
    assert.deepEqual(
      e.filter((x) => x.startsWith('text ')),
      Array.from({ length: 12 }, (_, i) => [`text A${i}`, 'text 1A', ...(i % 2 ? ['text 2B'] : [])]).flat(),
    );
    assert.equal(e.filter((x) => x.startsWith('close Factor ')).length, 18);
    assert.equal(e.at(-1), `close Message ${line}`);
    for (let i = 0; i <= doc.length; i += 5) assert.deepEqual(events(doc, [i]), e, `cut at ${i}`);
  }
  // The bytes learnt after </Factors> are `\n  </Child>`; here they close <Chxld> (not a known
  // name, but of the same length and ends, which the end tag check takes as the same): the event
  // is its close, not <Child>'s.
  const e = events(
    new TextEncoder().encode(RECORDS(4, '', '  <Chxld>\n    <Factors>\n    </Factors>\n  </Child>\n')),
  );
  assert.deepEqual(e.slice(-3), ['close Factors 30', 'close ? 31', 'close Message 32']);
});

test('a file of records: a fault after the tags are learnt is still found, and named by line', () => {
  // The end tag learnt after </Factors> (the record's </Child>) is misspelt in the 7th record.
  const bad = RECORDS(6, '', '  <Child>\n    <Factors>\n    </Factors>\n  </Chlid>\n');
  let e = fault(bad);
  assert.match(e.message, /<\/Chlid> does not match <Child> opened on line 41/);
  assert.equal(e.line, 44);
  // The bytes learnt, `\n  </Child>` after </Factors>, but the open element is <Note>.
  e = fault(RECORDS(6, '', '  <Child><Note>\n    <Factors>\n    </Factors>\n  </Child>\n'));
  assert.match(e.message, /line 44: the end tag <\/Child> does not match <Note> opened on line 41/);
  // A second root after the records (the start tag after </Message> is not learnt, but checked).
  e = fault(RECORDS(6) + '<Message>\n');
  assert.match(e.message, /a second root element <Message>/);
});
