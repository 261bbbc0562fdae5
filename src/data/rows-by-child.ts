// The rows of a dataset grouped by child: a counting sort on the child's dictionary code (codes are
// dense, 0 .. levels - 1), in O(n). Shared by the episodes (episodes.ts), their count
// (count-episodes.ts), the pathways' outcomes and the attainment join, which each wrote it out.
// Contract: rowsByChild(codes, nChildren) returns `start` (nChildren + 1 offsets) and `order`, the
// rows of child c at order[start[c]] .. order[start[c + 1] - 1], in row order; rows with a
// missing child (code -1) are left out, so order.length = start[nChildren].

/** The rows grouped by child (see the file comment). */
export function rowsByChild(codes: Int32Array, nChildren: number): { start: Int32Array; order: Int32Array } {
  const n = codes.length;
  const start = new Int32Array(nChildren + 1);
  for (let i = 0; i < n; i++) if (codes[i]! >= 0) start[codes[i]! + 1]!++;
  for (let c = 0; c < nChildren; c++) start[c + 1]! += start[c]!;
  const order = new Int32Array(start[nChildren]!);
  const fill = start.slice(0, nChildren);
  for (let i = 0; i < n; i++) if (codes[i]! >= 0) order[fill[codes[i]!]!++] = i;
  return { start, order };
}
