// Styles every element shares from its first paint: type, headings, the one-sentence summary,
// buttons, the progress bar, the error box; the GOV.UK focus style on everything focusable; reduced
// motion, forced colours and print. What only the ready state shows (tables of numbers, downloads,
// each element's own styles) is styled from the lazily loaded view modules instead
// (ready-styles.ts), keeping it out of the first load. Element styles add to these, never repeat them.
import { css } from 'lit';
import { tokens } from './tokens.js';

export const sharedStyles = [
  tokens,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      font-size: var(--_size);
      line-height: 1.4;
      color: var(--_text);
      background: var(--_bg);
      container-type: inline-size;
    }
    :host([hidden]) {
      display: none;
    }
    * {
      box-sizing: border-box;
    }
    .heading {
      font-size: 1.5em;
      font-weight: 700;
      line-height: 1.2;
      margin: 0 0 calc(var(--_space) * 2);
    }
    h3,
    .subheading {
      font-size: 1.15em;
      font-weight: 700;
      margin: calc(var(--_space) * 4) 0 var(--_space);
    }
    p {
      margin: 0 0 calc(var(--_space) * 2);
    }
    .summary {
      font-size: 1.15em;
      max-width: 40em;
    }
    .caption,
    .secondary {
      color: var(--_text-2);
    }
    a {
      color: var(--_link);
    }
    button,
    .button {
      font: inherit;
      font-size: 0.95em;
      cursor: pointer;
      color: var(--_text);
      background: var(--_surface);
      border: 2px solid var(--_border);
      border-radius: 0;
      box-shadow: 0 2px 0 var(--_border);
      padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
      margin: 0 var(--_space) var(--_space) 0;
    }
    button.primary {
      color: var(--_button-text);
      background: var(--_button);
      border-color: transparent;
      box-shadow: 0 2px 0 #002d18;
    }
    :focus {
      outline: none;
    }
    :focus-visible {
      outline: 3px solid transparent;
      color: var(--_focus-text);
      background-color: var(--_focus);
      box-shadow:
        0 -2px var(--_focus),
        0 4px var(--_focus-text);
      text-decoration: none;
    }
    .loading {
      margin: calc(var(--_space) * 2) 0;
    }
    .loading label {
      display: block;
      margin-bottom: var(--_space);
    }
    progress {
      display: block;
      width: 100%;
      max-width: 30em;
      height: 1.25em;
      accent-color: var(--_c1);
    }
    .error {
      border: 5px solid var(--_error);
      padding: calc(var(--_space) * 2);
      margin: calc(var(--_space) * 2) 0;
    }
    .error-title {
      font-weight: 700;
      font-size: 1.15em;
    }
    .error ul {
      padding-left: 1.25em;
      margin: 0 0 calc(var(--_space) * 2);
    }
    .empty {
      color: var(--_text-2);
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px !important;
      height: 1px !important;
      margin: 0 !important;
      padding: 0 !important;
      overflow: hidden !important;
      clip: rect(0 0 0 0) !important;
      clip-path: inset(50%) !important;
      border: 0 !important;
      white-space: nowrap !important;
    }
    @media (prefers-reduced-motion: reduce) {
      * {
        animation: none !important;
        transition: none !important;
      }
    }
    @media (forced-colors: active) {
      :focus-visible {
        outline: 3px solid Highlight;
      }
      .error {
        border-color: CanvasText;
      }
    }
    @media print {
      :host {
        color: #000;
        background: #fff;
      }
      button,
      .downloads,
      .no-print {
        display: none !important;
      }
    }
  `,
];
