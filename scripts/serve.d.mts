// Types of serve.mjs's exports, for the TypeScript tests that serve pages with it.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const STRICT_CSP: string;
export const STRICT_PAGES: Set<string>;
export function handler(
  root: string,
  options?: { csp?: boolean },
): (req: IncomingMessage, res: ServerResponse) => void;
