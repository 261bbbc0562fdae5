// A Rollup plugin for module workers, as a Rollup app that uses the kit needs one (Vite and webpack 5
// do this themselves): each `new Worker(new URL('./x.js', import.meta.url), ...)` in the code becomes
// a chunk of the build (shared chunks and all) and the URL its hashed file name. The pattern from
// Rollup's documentation of `import.meta.ROLLUP_FILE_URL_<referenceId>`; the README shows it.
const WORKER = /new\s+Worker\(\s*new\s+URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

export default function moduleWorkers() {
  return {
    name: 'module-workers',
    async transform(code, id) {
      if (!code.includes('new Worker')) return null;
      let out = '';
      let last = 0;
      for (const m of code.matchAll(WORKER)) {
        const resolved = await this.resolve(m[2], id);
        if (!resolved) this.error(`module-workers: cannot resolve the worker ${m[2]} from ${id}`);
        const ref = this.emitFile({ type: 'chunk', id: resolved.id });
        out += `${code.slice(last, m.index)}new Worker(import.meta.ROLLUP_FILE_URL_${ref}`;
        last = m.index + m[0].length;
      }
      return last === 0 ? null : { code: out + code.slice(last), map: null };
    },
  };
}
