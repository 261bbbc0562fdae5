// The scheme format: named latent classes with stable ids and profiles (the types alone, so the
// national scheme and the validator can both use them without importing each other).

/** One demand category: a latent class with a stable id, a name a reader understands and a profile. */
export interface SchemeCategory {
  /** Stable slug (`domestic-abuse`), used as a key in results and published summaries. */
  id: string;
  /** Name shown to readers ("Domestic abuse as a single factor"). */
  name: string;
  /** Share of assessments in the category (the shares of a scheme sum to 1). */
  share: number;
  /** The share as published, before normalising (rounded percentages need not sum to 100). */
  publishedShare?: number;
  /** A sentence saying what the category is made of. */
  description: string;
  /** P(factor present | category) for each factor code (the item-response probabilities). */
  profile: Record<string, number>;
}

/** A versioned set of demand categories. */
export interface Scheme {
  version: string;
  /** Where the categories come from (a publication, or "local fit of 2023-24"). */
  source: string;
  /** Caveats a reader must see (for the national scheme: the profiles are approximate). */
  note: string;
  categories: SchemeCategory[];
}
