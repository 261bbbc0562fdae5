// Registers <rereferral-curve>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscRereferralCurve } from './rereferral-curve.js';

defineElement('rereferral-curve', CscRereferralCurve);

declare global {
  interface HTMLElementTagNameMap {
    'rereferral-curve': CscRereferralCurve;
  }
}
