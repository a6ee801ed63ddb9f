import type { RuleCode, Severity } from './rules';

/**
 * A quick fix that travels with a diagnostic. It is described, not computed: the edit is made
 * from the document as it is when the user asks for it, so it never goes stale.
 */
export type FixData =
  /** Replace the diagnostic's range with `text` (a key or value, JSON-encoded). */
  | { kind: 'replace'; title: string; text: string }
  /** Remove the property whose key or value the diagnostic covers. */
  | { kind: 'removeProperty'; title: string }
  /** Add or change the row's media_type. */
  | { kind: 'setMediaType'; title: string; mediaType: string }
  /** Give the row's global key a suffix that makes it unique in the file. */
  | { kind: 'uniqueGlobalKey'; title: string }
  /** Rewrite the legacy row as a current-format row. */
  | { kind: 'convertRow'; title: string };

export interface RelatedLocation {
  offset: number;
  length: number;
  message: string;
}

/** A related place in another file (zero-based line and UTF-16 character, on one line). */
export interface RelatedElsewhere {
  uri: string;
  /** The file as the user knows it (relative to its workspace folder or the current folder). */
  label: string;
  line: number;
  character: number;
  length: number;
  message: string;
}

/** A problem found in an import file. Offsets are absolute positions in the text. */
export interface ImportDiagnostic {
  offset: number;
  length: number;
  severity: Severity;
  code: RuleCode;
  message: string;
  fixes?: FixData[];
  related?: RelatedLocation[];
  /** Related places in other files (a global key another import file uses first). */
  relatedElsewhere?: RelatedElsewhere[];
}
