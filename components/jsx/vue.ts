// Vue 3 declarations: the kit's tags as global components, so Volar (vue-tsc) checks their props in
// templates once the app imports this module's types:
//
//   import type {} from 'csc-demand-widgets/vue';
//
// Vue must also be told the tags are custom elements (`compilerOptions.isCustomElement: (tag) =>
// tag.includes('-')` in the Vue plugin's options), or it looks for Vue components of those names.
// Vue sets a prop as a DOM property when the element has it (`:data`, `:results` pass objects) and
// `@csc-analysis-complete` listens to the event.
import type { DefineComponent } from 'vue';
import type { CscElements, ElementProperties } from './props.js';
import type { CscEventMap } from '../events.js';

/** The event listeners Vue accepts as props (`onCsc-analysis-complete`, written `@csc-analysis-complete`). */
type VueEventProps = {
  [K in keyof CscEventMap as `on${Capitalize<K>}`]?: (event: CscEventMap[K]) => void;
};

type CscGlobalComponents = {
  [T in keyof CscElements]: DefineComponent<ElementProperties<CscElements[T]> & VueEventProps>;
};

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends CscGlobalComponents {}
}
