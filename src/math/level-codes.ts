// A dictionary-encoded column as the methods take it: an integer code per record (-1 = missing) and
// the level names the codes index. The data layer's `Categorical` is one; the methods know nothing
// else of our file types, so they can be lifted out as a library with this one shape.

/** Integer codes per record (-1 or any negative code = missing) and the names of the levels they index. */
export interface LevelCodes {
  codes: ArrayLike<number>;
  levels: readonly string[];
}
