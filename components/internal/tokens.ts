// Design tokens: every colour, font and space the elements use, as CSS custom properties a page can
// set on any ancestor (`body { --csc-color-text: #000 }`) or on the element itself. The defaults sit
// well on GOV.UK-style pages: GOV.UK text and link colours, the yellow focus, and the Government
// Analysis Function accessible categorical palette (#12436D #28A197 #801650 #F46A25 #3D3D3D #A285D1).
//
// Inside the shadow roots the public tokens are read through private `--_` names, so a page's value
// always wins and the defaults live in one place. Dark mode follows `prefers-color-scheme` unless the
// element says `theme="light"`; `theme="dark"` forces it. Forced-colors mode uses system colours, the
// chart palette included (six that a high-contrast theme keeps distinct). Print uses the light values.
import { css } from 'lit';

/**
 * Light-mode values of the public tokens. The comment after each one is its documentation: the
 * custom elements manifest (custom-elements-manifest.config.mjs) and the README's tables read it.
 */
export const TOKENS = {
  '--csc-font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', // font of text and charts
  '--csc-font-size': '1rem', // base font size (headings and tables scale from it)
  '--csc-color-text': '#0b0c0c', // body text, table figures, chart labels and axes
  '--csc-color-secondary-text': '#484949', // captions, notes and secondary text
  '--csc-color-background': '#ffffff', // background of the element and its charts
  '--csc-color-surface': '#f3f2f1', // buttons and raised areas
  '--csc-color-border': '#b1b4b6', // table rules, borders and chart grid lines
  '--csc-color-link': '#1d70b8', // links
  '--csc-color-focus': '#ffdd00', // focus highlight (GOV.UK yellow)
  '--csc-color-focus-text': '#0b0c0c', // text on the focus highlight
  '--csc-color-error': '#d4351c', // border of the error box
  '--csc-color-button': '#00703c', // primary button
  '--csc-color-button-text': '#ffffff', // text on the primary button
  '--csc-color-1': '#12436D', // chart palette, first colour (dark blue)
  '--csc-color-2': '#28A197', // chart palette, second colour (turquoise)
  '--csc-color-3': '#801650', // chart palette, third colour (dark pink)
  '--csc-color-4': '#F46A25', // chart palette, fourth colour (orange)
  '--csc-color-5': '#3D3D3D', // chart palette, fifth colour (dark grey)
  '--csc-color-6': '#A285D1', // chart palette, sixth colour (light purple)
  '--csc-space': '0.5rem', // unit of spacing (margins and padding are multiples of it)
} as const;

export const tokens = css`
  :host {
    --_font: var(
      --csc-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      Helvetica,
      Arial,
      sans-serif
    );
    --_size: var(--csc-font-size, 1rem);
    --_text: var(--csc-color-text, #0b0c0c);
    --_text-2: var(--csc-color-secondary-text, #484949);
    --_bg: var(--csc-color-background, #ffffff);
    --_surface: var(--csc-color-surface, #f3f2f1);
    --_border: var(--csc-color-border, #b1b4b6);
    --_link: var(--csc-color-link, #1d70b8);
    --_focus: var(--csc-color-focus, #ffdd00);
    --_focus-text: var(--csc-color-focus-text, #0b0c0c);
    --_error: var(--csc-color-error, #d4351c);
    --_button: var(--csc-color-button, #00703c);
    --_button-text: var(--csc-color-button-text, #ffffff);
    --_c1: var(--csc-color-1, #12436d);
    --_c2: var(--csc-color-2, #28a197);
    --_c3: var(--csc-color-3, #801650);
    --_c4: var(--csc-color-4, #f46a25);
    --_c5: var(--csc-color-5, #3d3d3d);
    --_c6: var(--csc-color-6, #a285d1);
    --_space: var(--csc-space, 0.5rem);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_text: var(--csc-color-text-dark, #f3f2f1);
      --_text-2: var(--csc-color-secondary-text-dark, #c8cacb);
      --_bg: var(--csc-color-background-dark, #1b1b1b);
      --_surface: var(--csc-color-surface-dark, #2b2b2b);
      --_border: var(--csc-color-border-dark, #6f777b);
      --_link: var(--csc-color-link-dark, #8fc1ec);
      --_error: var(--csc-color-error-dark, #ff8a73);
      --_c1: var(--csc-color-1-dark, #6ea6da);
      --_c5: var(--csc-color-5-dark, #b1b4b6);
      --_c3: var(--csc-color-3-dark, #e07bb5);
    }
  }
  :host([theme='dark']) {
    --_text: var(--csc-color-text-dark, #f3f2f1);
    --_text-2: var(--csc-color-secondary-text-dark, #c8cacb);
    --_bg: var(--csc-color-background-dark, #1b1b1b);
    --_surface: var(--csc-color-surface-dark, #2b2b2b);
    --_border: var(--csc-color-border-dark, #6f777b);
    --_link: var(--csc-color-link-dark, #8fc1ec);
    --_error: var(--csc-color-error-dark, #ff8a73);
    --_c1: var(--csc-color-1-dark, #6ea6da);
    --_c5: var(--csc-color-5-dark, #b1b4b6);
    --_c3: var(--csc-color-3-dark, #e07bb5);
  }
  @media (forced-colors: active) {
    :host {
      --_text: CanvasText;
      --_text-2: CanvasText;
      --_bg: Canvas;
      --_surface: Canvas;
      --_border: CanvasText;
      --_link: LinkText;
      --_focus: Highlight;
      --_focus-text: HighlightText;
      --_error: CanvasText;
      --_button: ButtonFace;
      --_button-text: ButtonText;
      /* Six system colours a high-contrast theme keeps apart; labels and dashes still name the groups. */
      --_c1: CanvasText;
      --_c2: LinkText;
      --_c3: Highlight;
      --_c4: VisitedText;
      --_c5: GrayText;
      --_c6: ActiveText;
    }
  }
  /* Paper is white: print in the light colours whatever the screen's scheme (charts: vega-chart.ts). */
  @media print {
    :host,
    :host([theme]),
    :host(:not([theme='light'])) {
      --_text: #0b0c0c;
      --_text-2: #484949;
      --_bg: #ffffff;
      --_surface: #ffffff;
      --_border: #b1b4b6;
      --_link: #1d70b8;
      --_error: #d4351c;
      --_c1: var(--csc-color-1, #12436d);
      --_c3: var(--csc-color-3, #801650);
      --_c5: var(--csc-color-5, #3d3d3d);
    }
  }
`;
