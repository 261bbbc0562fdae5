// Telling an XML file (a CIN census return) from a CSV by its first bytes, without loading the XML
// reader: the reader is a chunk of its own that a page fetches only when a return is given to it.

/** Whether bytes look like XML (after a byte order mark and white space, a `<`). */
export function looksLikeXml(b: Uint8Array): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 32 || b[i] === 9 || b[i] === 10 || b[i] === 13)) i++;
  return b[i] === 60;
}
