// Registers a custom element so that a second copy of the kit on the page (a CMS block and a theme
// both including it, or two versions) does no harm: the first registration wins, the second does
// nothing, and a warning appears only when the versions differ.
import { VERSION } from '../../workers/client.js';

type Versioned = CustomElementConstructor & { version?: string };

/** Defines `tag` as `ctor` unless it is already defined; true if this call defined it. */
export function defineElement(tag: string, ctor: Versioned): boolean {
  const registry = globalThis.customElements;
  if (!registry) return false;
  const existing = registry.get(tag) as Versioned | undefined;
  if (existing) {
    if (existing !== ctor && existing.version !== (ctor.version ?? VERSION))
      console.warn(
        `csc-demand-widgets ${ctor.version ?? VERSION}: <${tag}> is already defined by version ` +
          `${existing.version ?? 'unknown'} on this page; that one is used.`,
      );
    return false;
  }
  registry.define(tag, ctor);
  return true;
}
