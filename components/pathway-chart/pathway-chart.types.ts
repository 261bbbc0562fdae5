// What <pathway-chart> renders: a pathways result from the worker (src/analyses/pathways-types.ts) or
// a published summary's pathways section (src/publish/publish-pathways.ts), in one shape. A result
// is one of these as it stands: its counts are numbers where a summary's may be `c`, and it carries
// no `suppressed` flags (nothing is). Types only: no core code on the page.
import type {
  PublishedGradientGroup,
  PublishedPathwayGroup,
  PublishedPathways,
} from '../../src/publish/publish-pathways.js';
import type { WithPublication } from '../internal/published.js';

type Loose<G extends { suppressed: boolean }> = Omit<G, 'suppressed'> & { suppressed?: boolean };

export type ShownGroup = Loose<PublishedPathwayGroup>;
export type ShownGradientGroup = Loose<PublishedGradientGroup>;
export type ShownGradient = Omit<NonNullable<PublishedPathways['gradient']>, 'overall' | 'groups'> & {
  overall: ShownGradientGroup;
  groups: ShownGradientGroup[];
};

export type PathwaysShown = WithPublication<
  Omit<PublishedPathways, 'overall' | 'categories' | 'gradient'> & {
    overall: ShownGroup;
    categories: ShownGroup[];
    gradient: ShownGradient | null;
  }
>;
