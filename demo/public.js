// The public page's script: the kit, and the page's load held until the figures are in. Nothing
// else: the elements read the published summary themselves (results-src), without the worker.
import '../dist/csc-demand-widgets.js';
import { holdLoadUntilSettled } from './settle.js';

holdLoadUntilSettled();
