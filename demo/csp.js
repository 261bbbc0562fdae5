// The strict-CSP demo page's script: the kit, and the page's load held until the figures are in.
import '../dist/csc-demand-widgets.js';
import { holdLoadUntilSettled } from './settle.js';

holdLoadUntilSettled();
