// `csc-demand lca`: not built yet; its issue replaces this file.
import type { CliIO } from './args.js';

export async function run(_argv: string[], io: CliIO): Promise<number> {
  io.err('csc-demand lca: not available in this version yet\n');
  return 1;
}
