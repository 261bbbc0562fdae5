// The manifest rollup bakes into dist/embed.js (rollup.config.mjs, from scripts/embed-manifest.mjs).
declare module 'virtual:csc-embed-manifest' {
  const manifest: import('./embed-query.js').EmbedManifest;
  export default manifest;
}
