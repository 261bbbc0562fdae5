// The main-thread side of the worker (built in the foundation issue).
export { VERSION } from '../src/version.js';
