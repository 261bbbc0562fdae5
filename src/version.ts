// The package version, injected by the build (rollup's define) and read from package.json under tsx.
declare const __VERSION__: string | undefined;

/** The version of csc-demand-widgets that produced a result; stamped on every result and summary. */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : '0.2.0';
