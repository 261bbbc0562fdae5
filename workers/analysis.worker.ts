// The analysis worker's entry point: exposes the core (worker-impl.ts) through comlink and nothing
// else. Built as its own module (dist/analysis.worker.js); see client.ts for how pages start it.
import { expose } from 'comlink';
import { createAnalysisImpl } from './worker-impl.js';

expose(createAnalysisImpl(true));
