// The analysis worker: exposes the core through comlink (built in the foundation issue).
export {};
