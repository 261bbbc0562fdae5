// The shape every result uses for statistical trouble that is reported rather than thrown
// (non-convergence, boundary estimates, separation, unknown codes): see ../shared/STYLE.md.

/** A diagnostic carried in a result: a stable machine code and a sentence for a person. */
export interface Warning {
  code: string;
  message: string;
}
