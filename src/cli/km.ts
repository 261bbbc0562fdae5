// `csc-demand km`: not built yet; its issue replaces this file.
import type { CliIO } from './args.js';

export async function run(_argv: string[], io: CliIO): Promise<number> {
  io.err('csc-demand km: not available in this version yet\n');
  return 1;
}
