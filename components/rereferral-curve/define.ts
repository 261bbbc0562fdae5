// Registers <rereferral-curve>; safe to import twice.
import { defineElement } from '../internal/define.js';
import { CscRereferralCurve } from './rereferral-curve.js';

/** Registers <rereferral-curve> (the kit's entry calls it: see components/index.ts). */
export function defineRereferralCurve(): void {
  defineElement('rereferral-curve', CscRereferralCurve);
}

defineRereferralCurve();
