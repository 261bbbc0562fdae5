// The documentation pages' script: the kit, for the live examples, and the page's load held until
// their figures are in (for screenshots).
import '../../dist/csc-demand-widgets.js';
import { holdLoadUntilSettled } from '../settle.js';

holdLoadUntilSettled();
