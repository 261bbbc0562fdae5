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
