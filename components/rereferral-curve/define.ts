// Registers <rereferral-curve> (and the chart it draws with); safe to import twice.
import '../internal/define-chart.js';
import { defineElement } from '../internal/define.js';
import { CscRereferralCurve } from './rereferral-curve.js';

defineElement('rereferral-curve', CscRereferralCurve);

declare global {
  interface HTMLElementTagNameMap {
    'rereferral-curve': CscRereferralCurve;
  }
}
