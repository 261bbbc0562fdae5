// Types of rollup-module-workers.mjs, for consumer.test.ts.
import type { Plugin } from 'rollup';

export default function moduleWorkers(): Plugin;
