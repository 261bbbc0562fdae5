// The columnar datasets the data layer produces and every analysis consumes. Contract:
// - one entry per kept row in every column (length `n`); rows the reader excluded are absent and
//   counted in `LoadResult.excluded` by reason;
// - dates are whole days since 1970-01-01 (UTC calendar days, no time zone), `MISSING_DAY` when absent;
// - numbers are Float64Array with NaN when absent; strings are dictionary-encoded (`Categorical`);
// - the factors identified at assessment are a row-major bitset: row i, code j is bit (j % 32) of
//   `factors[i * factorWords + (j >> 5)]`, code j being `factorCodes[j]` (see `hasFactor`).
// Everything here is plain data (typed arrays, arrays, numbers, strings): structured-clone friendly.
import type { LevelCodes } from '../math/level-codes.js';
import type { Warning } from '../warnings.js';

/** Day number of a missing date (the smallest Int32), never a real day. */
export const MISSING_DAY = -2147483648;

/** Dictionary-encoded strings: `levels[codes[i]]`, code -1 = missing (empty cell). */
export interface Categorical extends LevelCodes {
  codes: Int32Array;
  /** Distinct values in order of first appearance. */
  levels: string[];
}

/** One row per kept assessment (DESIGN.md "Inputs / Assessments"). */
export interface AssessmentData {
  kind: 'assessments';
  n: number;
  /** Source line (CSV, 1 = header) or row number (JSON, 1 = first row) of each kept row. */
  line: Int32Array;
  childId: Categorical;
  referralDate: Int32Array;
  assessmentDate: Int32Array;
  closureDate: Int32Array;
  dateOfBirth: Int32Array;
  cppStart: Int32Array;
  cppEnd: Int32Array;
  /** The plan's initial category of abuse (CIN census InitialCategoryOfAbuse: NEG, PHY, SAB, EMO, MUL). */
  cppCategory: Categorical;
  careStart: Int32Array;
  careEnd: Int32Array;
  /** The `age` column if given, else completed years at referral from the date of birth; NaN if neither. */
  age: Float64Array;
  /** `imd_decile` or `idaci_decile`, 1 = most deprived; NaN missing (4 bytes a row: column-store.ts narrowKind). */
  deprivationDecile: Float32Array;
  /** RC1-RC8 (upper case), missing while the episode is open. */
  closureReason: Categorical;
  referralSource: Categorical;
  primaryNeed: Categorical;
  gender: Categorical;
  ethnicity: Categorical;
  disability: Categorical;
  /** Normalised factor codes (cin-codes.ts), dictionary codes first in the guide's order, then unknown codes. */
  factorCodes: string[];
  /** Assessments with each code (parallel to factorCodes). */
  factorCounts: number[];
  /** 32-bit words per row in `factors`. */
  factorWords: number;
  /** Row-major bitset, n * factorWords words. */
  factors: Uint32Array;
  /**
   * Frequency weights, when each row stands for that many identical assessments (rows rebuilt from a
   * SQL engine's aggregates, src/sql/): the demand analysis counts a row this many times. Absent: 1.
   */
  weight?: Float64Array;
}

/** One row per kept pupil and key stage (DESIGN.md "Inputs / Pupils"). */
export interface PupilData {
  kind: 'pupils';
  n: number;
  line: Int32Array;
  /**
   * Each row's pupil, numbered (the same pupil, the same code). Codes only: no analysis reads the
   * ids themselves, and at national scale their strings (4.6 million) would take about 200 MB and
   * slow every garbage collection.
   */
  pupilId: { codes: Int32Array };
  /** The child in the assessments file; missing (-1) = not known to children's social care. */
  childId: Categorical;
  /** 2 or 4. */
  keyStage: Uint8Array;
  /** Year of the exam (academic year in which it was sat, e.g. 2019). */
  year: Int32Array;
  /** KS4 Attainment 8, 0-90. */
  attainment8: Float64Array;
  /** KS2 reading, writing and maths at the expected standard, 0/1. Flags and deciles are
   * Float32Array (4 bytes a row, every value exact: column-store.ts narrowKind). */
  ks2Rwm: Float32Array;
  /** KS2 scaled scores, 80-120. */
  ks2Reading: Float64Array;
  ks2Maths: Float64Array;
  priorAttainment: Float64Array;
  idaciDecile: Float32Array;
  /** Free school meals, 0/1, NaN missing. */
  fsm: Float32Array;
  /** none / support / ehcp (lower case). */
  sen: Categorical;
  gender: Categorical;
  ethnicity: Categorical;
  /**
   * School outcomes in the exam year, 0/1 (NaN missing): missed 50% or more of possible sessions
   * (severe) or 10% or more (persistent), from the flag columns or else from `sessions_missed` /
   * `sessions_possible`; at least one suspension; a permanent exclusion.
   */
  severeAbsence: Float32Array;
  persistentAbsence: Float32Array;
  suspended: Float32Array;
  permanentlyExcluded: Float32Array;
}

export type Dataset = AssessmentData | PupilData;
export type DatasetKind = Dataset['kind'];

/** Machine codes of the row problems; each excluded row is counted under its first problem's code. */
export type ProblemCode =
  | 'ragged-row'
  | 'unclosed-quote'
  | 'missing-value'
  | 'invalid-date'
  | 'invalid-number'
  | 'out-of-range'
  | 'invalid-flag'
  | 'invalid-value'
  | 'invalid-character'
  | 'unknown-closure-reason'
  | 'closure-before-referral'
  | 'assessment-before-referral'
  | 'end-before-start'
  | 'birth-after-referral';

/** One problem in one row: everything a person needs to find and fix it. */
export interface Problem {
  file: string;
  /** CSV line where the row starts (the header is line 1), or the JSON row number (1-based). */
  line: number;
  /** Column as named in the file's header ('' for whole-row problems such as a ragged row). */
  column: string;
  /** The offending value as written (truncated to 80 characters). */
  value: string;
  /** What was expected, e.g. 'a date such as 2023-04-01 or 01/04/2023'. */
  expected: string;
  code: ProblemCode;
  /** "assessments.csv line 14, column referral_date: '31/02/2021' is not a date; expected ..." */
  message: string;
}

/** How one header column was used. */
export interface ColumnUse {
  /** As written in the file. */
  header: string;
  /** The DESIGN.md field it feeds (`referral_date`, `factor:3B` for a wide factor column), or null if ignored. */
  field: string | null;
}

/** A parsed, validated dataset with the account of everything that was not kept. */
export interface LoadResult<T extends Dataset = Dataset> {
  data: T;
  file: string;
  /** 'utf-8', 'windows-1252' or 'json'. */
  encoding: string;
  /** ',', ';' or '\t' ('' for JSON rows). */
  delimiter: string;
  columns: ColumnUse[];
  /** Data rows read (blank lines not counted). */
  rowsRead: number;
  rowsKept: number;
  /** Excluded rows by problem code. */
  excluded: Partial<Record<ProblemCode, number>>;
  /** The first `MAX_PROBLEMS` problems, in file order. */
  problems: Problem[];
  /** All problems found (may exceed problems.length; a row may have several). */
  problemCount: number;
  /** Factor codes the dictionary lacks: kept as bits, reported here with the number of assessments. */
  unknownFactorCodes: { code: string; count: number }[];
  warnings: Warning[];
  /** For CIN census returns (XML): each return read, and what merging several of them did. */
  returns?: CinReturnInfo[];
  merged?: { episodes: number; assessments: number };
}

/** One CIN census return read (load-cin.ts). */
export interface CinReturnInfo {
  file: string;
  /** The header's ReferenceDate as written ('' when absent). */
  referenceDate: string;
  /** Declared encoding, lower case ('utf-8' when not declared). */
  encoding: string;
  /** Namespace URIs declared on the root or below (empty for none). */
  namespaces: string[];
  children: number;
  assessments: number;
}

/** How many problems a LoadResult lists in full. */
export const MAX_PROBLEMS = 200;

export interface LoadOptions {
  /** Name used in messages (e.g. 'assessments.csv'). */
  fileName: string;
  /** Which input; 'auto' (default) decides from the header. */
  kind?: DatasetKind | 'auto';
  /** Read `01/04/2023` as 4 January (US order); default false: UK day first. */
  monthFirst?: boolean;
  /**
   * Grow the columns in SharedArrayBuffers (Node's worker threads, a page that is cross-origin
   * isolated): a thread the dataset is posted to then reads them without a copy. Default false.
   */
  sharedMemory?: boolean;
  /** Size of the source in bytes, for progress (Uint8Array and string sources know their own). */
  totalBytes?: number;
  /** Called after each chunk with bytes read so far and the total (NaN if unknown). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Checked between chunks; when it returns true the load throws an Error named 'AbortError'. */
  isCancelled?: () => boolean;
}

/** Anything the reader can stream bytes from: a whole buffer, a string, Node or web streams. */
export type ByteSource = Uint8Array | string | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** File-level errors: a load that cannot yield a usable dataset. */
export type DataErrorCode =
  | 'empty-file'
  | 'missing-column'
  | 'unknown-kind'
  | 'no-usable-rows'
  | 'invalid-option'
  | 'invalid-source'
  /** XML that is not well-formed, or not a CIN census return. */
  | 'invalid-xml'
  /** XML that ends before its document does (a file cut short). */
  | 'truncated-file'
  /** Text whose encoding cannot be told (UTF-16 without a byte order mark that is not recognised). */
  | 'unreadable-encoding';

/**
 * Thrown when a file cannot be used at all (no rows, a required column missing, every row bad).
 * Carries plain data so a worker can pass it on: `details` holds the first problems when rows were bad.
 */
export class DataError extends Error {
  override name = 'DataError';
  constructor(
    message: string,
    readonly code: DataErrorCode,
    readonly file: string,
    readonly details: {
      problems?: Problem[];
      problemCount?: number;
      excluded?: Partial<Record<ProblemCode, number>>;
      rowsRead?: number;
    } = {},
  ) {
    super(message);
  }
}

/** Whether row i of an assessment dataset has factor code index j. */
export function hasFactor(data: AssessmentData, i: number, j: number): boolean {
  return ((data.factors[i * data.factorWords + (j >> 5)]! >>> (j & 31)) & 1) === 1;
}
