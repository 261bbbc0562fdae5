// The options check shared by loadTable and loadRows: a bad option is the caller's mistake, so it
// throws naming the function, the option, what is allowed and what came (STYLE.md).
import { DataError, type LoadOptions } from './types.js';

/** Check the options every loader takes; throws DataError('invalid-option'). */
export function checkLoadOptions(options: LoadOptions, fn: string): void {
  if (!options || typeof options.fileName !== 'string') {
    throw new DataError(
      `${fn}: invalid fileName; expected a string, got ${String(options?.fileName)}`,
      'invalid-option',
      '',
    );
  }
  const kind = options.kind ?? 'auto';
  if (kind !== 'auto' && kind !== 'assessments' && kind !== 'pupils') {
    throw new DataError(
      `${fn}: invalid kind; expected 'assessments', 'pupils' or 'auto', got '${String(kind)}'`,
      'invalid-option',
      options.fileName,
    );
  }
}
