// JSX declarations for React 19: `<rereferral-curve src="..." view="km" />` type-checks in a .tsx file
// once the app imports this module's types:
//
//   import type {} from 'csc-demand-widgets/react';   // or "types": ["csc-demand-widgets/react"]
//
// React 19 sets a prop as the element's property when the element has one (so `data`, `file` and
// `results` pass objects, not strings) and as an attribute otherwise; `on` + an event's name adds a
// listener (`oncsc-analysis-complete`). React's own HTML attributes include `results` (a number, for
// Safari's search inputs), which would clash with the elements' `results` (a summary or a result):
// the kit's meaning wins here.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CscElements, ElementProperties, EventProps } from './props.js';

/** The props of one of the kit's elements in React 19 JSX. */
export type CscReactProps<E extends HTMLElement> = Omit<
  DetailedHTMLProps<HTMLAttributes<E>, E>,
  keyof ElementProperties<E> | 'results'
> &
  ElementProperties<E> &
  EventProps;

type CscIntrinsicElements = { [T in keyof CscElements]: CscReactProps<CscElements[T]> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CscIntrinsicElements {}
  }
}
