// The analysis worker's entry point: exposes the core (worker-impl.ts) through comlink and nothing
// else (but a spare's signs of life). Built as its own module (dist/analysis.worker.js); see
// client.ts for how pages start it.
import { expose } from 'comlink';
import { createAnalysisImpl } from './worker-impl.js';
import { signsOfLife } from './spare-reader.js';

expose(createAnalysisImpl(true));
// Started as another worker's spare, it tells that worker it is alive (spare-reader.ts).
signsOfLife();
