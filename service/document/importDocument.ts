import type { JsonNode, JsonValue } from '../json/ast';
import { JsonParser, type ParsedElement, type RootArrayResult, type RootOtherResult, type SyntaxProblem } from '../json/parser';
import type { ImportDiagnostic } from '../diagnostic';
import { RULES } from '../rules';
import { validateParsedRow, validateRow, type RowFacts } from '../validation/validateRow';
import { checkElement, type RowEntry, type RowLink } from './rowEntries';
import { ASSET_KEYS, GLOBAL_KEY } from '../validation/dialect';
import { locatePath, locateTopLevelKey } from '../json/keyLocator';
import type { ValidationContext } from '../validation/validationContext';
import { GlobalKeyIndex } from './globalKeyIndex';
import { ExpiryIndex, startsOf } from './expiryIndex';
import type { SignedUrlFact } from '../validation/signedUrlFact';
import { MAX_CHECKED_ELEMENTS, TOO_MANY_ELEMENTS } from './elementCap';

/** Defined with the code that makes them (rowEntries.ts); importers of the document find them here too. */
export type { RowEntry, RowLink };

/** Index of the last entry starting at or before `offset` in a list sorted by start (-1 when none does). */
function lastStartingAtOrBefore(entries: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = entries.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (entries[middle].start <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Characters after a re-parsed region kept in its text (see reparseRegion). */
const REGION_LOOKAHEAD = 64;

/** Replaces rows [from, to) with `added`, without spreading a pasted million rows into call arguments. */
function replaceRange<T>(list: T[], from: number, to: number, added: T[]): T[] {
  if (added.length < 10_000) return list.splice(from, to - from, ...added);
  const removed = list.slice(from, to);
  const tail = list.slice(to);
  list.length = from;
  for (const item of added) list.push(item);
  for (const item of tail) list.push(item);
  return removed;
}

/** A JSON string value (not a key) that is an http(s) URL. */
const LINK_PATTERN = /"(https?:\/\/[^"\\\s]+)"(?!\s*:)/g;

function findLinks(text: string): RowLink[] {
  const links: RowLink[] = [];
  LINK_PATTERN.lastIndex = 0;
  for (let match = LINK_PATTERN.exec(text); match; match = LINK_PATTERN.exec(text)) {
    links.push({ offset: match.index + 1, length: match[1].length, target: match[1] });
  }
  return links;
}

/** A change to the text, in offsets of the text before the change. */
export interface TextChange {
  offset: number;
  removedLength: number;
  text: string;
}

export type RootLayout = RootArrayResult | RootOtherResult;

/** The rows of a whole text, found and checked, and the syntax problems of the parse (absolute offsets). */
export interface CheckedRows {
  layout: RootLayout;
  rows: RowEntry[];
  problems: readonly SyntaxProblem[];
  /** The root array has more than MAX_CHECKED_ELEMENTS elements: nothing of it is checked (no rows, no problems). */
  tooManyElements?: boolean;
}

/** The rows of a text with too many elements to check: none. */
export function tooManyElementsToCheck(): CheckedRows {
  return { layout: { kind: 'empty', start: 0, end: 0 }, rows: [], problems: [], tooManyElements: true };
}

/** Thrown out of a parse (by `parseWithin`) when it finds one element more than it may take. */
const OVER_THE_CAP = new Error('more elements than are checked');

/**
 * Runs `parse` with `onElement` as its element callback, stopping the parse at the element after
 * the first `allowed`: the parse's result, or undefined when it was stopped.
 */
function parseWithin<T>(
  allowed: number,
  parse: (onElement: (element: ParsedElement) => void) => T,
  onElement: (element: ParsedElement) => void,
): { value: T } | undefined {
  let taken = 0;
  try {
    return {
      value: parse((element) => {
        if (taken++ === allowed) throw OVER_THE_CAP;
        onElement(element);
      }),
    };
  } catch (error) {
    if (error !== OVER_THE_CAP) throw error;
    return undefined;
  }
}

/** What happened in the last update, for the language status and the benchmarks. */
export interface UpdateStats {
  /** 'full' when the whole text is (or, until the rows are next read, will be) parsed again. */
  mode: 'full' | 'incremental';
  rowsParsed: number;
}

/**
 * An import file as a list of independently checked rows. An edit parses and checks again
 * only the rows it touches; rows after it just move. Rules that look across rows (duplicate
 * global keys) read an index that is updated row by row.
 */
export class ImportDocument {
  private textValue: string;
  private reader: ((start: number, end: number) => string) | undefined;
  private rowList: RowEntry[] = [];
  private layoutValue: RootLayout = { kind: 'empty', start: 0, end: 0 };
  /** Syntax problems before the first row (absolute offsets). */
  private prefixProblems: ImportDiagnostic[] = [];
  /** Syntax problems after the root value (absolute offsets). */
  private suffixProblems: ImportDiagnostic[] = [];
  private readonly keyIndex = new GlobalKeyIndex();
  private readonly expiryIndex = new ExpiryIndex();
  private readonly startIndex = new ExpiryIndex(startsOf);
  /**
   * Set when an edit could not be applied to the rows it touched: the whole text is parsed
   * again when the rows are next read, so that a burst of such edits costs one parse.
   */
  private stale = false;
  private readonly problemRows = new Set<RowEntry>();
  private legacyRowCount = 0;
  private tooManyElements = false;
  private treeCache: { entry: RowEntry; tree: JsonNode | undefined } | undefined;
  lastUpdate: UpdateStats = { mode: 'full', rowsParsed: 0 };

  /**
   * @param onProgress called now and then during the first parse with the offset reached, so
   *   that a command-line run on a big file can show how far it is.
   */
  constructor(
    text: string,
    private context: ValidationContext,
    onProgress?: (offset: number) => void,
    /** The rows of `text`, already found and checked (on other threads): the document takes them instead of parsing. */
    checked?: CheckedRows,
  ) {
    this.textValue = text;
    if (checked) this.adopt(checked);
    else this.parseAll(onProgress);
  }

  get text(): string {
    return this.textValue;
  }

  /** Length of the text (reading it does not flatten the text). */
  get length(): number {
    return this.textValue.length;
  }

  get rows(): readonly RowEntry[] {
    this.fresh();
    return this.rowList;
  }

  get layout(): RootLayout {
    this.fresh();
    return this.layoutValue;
  }

  /**
   * Why the text is not checked (its array has more than MAX_CHECKED_ELEMENTS elements), or
   * undefined. Such a document has no rows and no problems: say this reason instead.
   */
  get notCheckedReason(): string | undefined {
    this.fresh();
    return this.tooManyElements ? TOO_MANY_ELEMENTS : undefined;
  }

  get legacyRows(): number {
    this.fresh();
    return this.legacyRowCount;
  }

  /** Rows by global key. */
  get globalKeys(): GlobalKeyIndex {
    this.fresh();
    return this.keyIndex;
  }

  /** Rows by the moments their signed URLs expire. */
  get expiries(): ExpiryIndex {
    this.fresh();
    return this.expiryIndex;
  }

  /** Rows by the moments their signed URLs start to be valid, where the URL states one. */
  get starts(): ExpiryIndex {
    this.fresh();
    return this.startIndex;
  }

  /** Applies edits in order, each in the coordinates of the text left by the previous one. */
  update(changes: readonly TextChange[]): void {
    let rowsParsed = 0;
    let mode: UpdateStats['mode'] = 'incremental';
    for (const change of changes) {
      const stats = this.applyChange(change);
      rowsParsed += stats.rowsParsed;
      if (stats.mode === 'full') mode = 'full';
    }
    this.lastUpdate = { mode, rowsParsed };
  }

  /**
   * Applies one edit. `textAfter`, when given, is the text after the edit as the caller
   * already has it: sharing it saves a copy of a file that may be tens of megabytes. And
   * `sliceBefore`, when given, reads the text before the edit: a caller that keeps the text in
   * pieces can serve the few slices needed without flattening it (a copy of the whole file).
   */
  applyChange(change: TextChange, textAfter?: string, sliceBefore?: (start: number, end: number) => string): UpdateStats {
    const old = this.textValue;
    const end = change.offset + change.removedLength;
    this.textValue = textAfter ?? old.slice(0, change.offset) + change.text + old.slice(end);
    this.treeCache = undefined;
    const parsed = this.stale ? -1 : this.reparseRegion(old.length, sliceBefore ?? ((from, to) => old.slice(from, to)), change);
    if (parsed < 0) this.stale = true;
    this.lastUpdate = parsed >= 0 ? { mode: 'incremental', rowsParsed: parsed } : { mode: 'full', rowsParsed: 0 };
    return this.lastUpdate;
  }

  /**
   * Makes the text one flat string again. After an edit the text is a concatenation that the
   * first reader flattens, a copy of the whole file: calling this when the editor is idle
   * keeps that copy off the path from the next keystroke to its diagnostics.
   */
  settle(): void {
    if (this.textValue.length) this.textValue.charCodeAt(this.textValue.length - 1);
  }

  /**
   * Reads parts of the text through `reader` (the editor's text in pieces) instead of the text
   * string itself, so that reading a row after an edit does not flatten the whole file.
   */
  useTextReader(reader: (start: number, end: number) => string): void {
    this.reader = reader;
  }

  /** Part of the text, without flattening the whole text when a reader is in use. */
  slice(start: number, end: number): string {
    return this.reader ? this.reader(start, end) : this.textValue.slice(start, end);
  }

  /** Replaces the whole text (a full-document sync). */
  setText(text: string): void {
    this.textValue = text;
    this.treeCache = undefined;
    this.stale = true;
    this.lastUpdate = { mode: 'full', rowsParsed: 0 };
  }

  /** Parses the whole text again if an edit left the rows out of date. */
  private fresh(): void {
    if (!this.stale) return;
    this.stale = false;
    this.lastUpdate = { mode: 'full', rowsParsed: this.parseAll() };
  }

  /** What the rows were last checked with. */
  get validationContext(): ValidationContext {
    return this.context;
  }

  /** Checks every row again, e.g. after the organization's metadata schema changed. */
  setContext(context: ValidationContext): void {
    this.fresh();
    this.context = context;
    for (let i = 0; i < this.rowList.length; i++) {
      const entry = this.rowList[i];
      // As on first reading: a row without syntax problems is read with JSON.parse, and parsed
      // with positions only when it has problems to place.
      const result = (entry.syntax.length === 0 ? this.recheckParsed(entry, context) : undefined) ?? validateRow(this.rowTree(i), context);
      this.forgetRow(entry);
      entry.checks = result.diagnostics;
      entry.facts = result.facts;
      this.rememberRow(entry);
    }
  }

  private recheckParsed(entry: RowEntry, context: ValidationContext): ReturnType<typeof validateParsedRow> {
    const rowText = this.slice(entry.start, entry.start + entry.valueLength);
    let value: JsonValue;
    try {
      value = JSON.parse(rowText) as JsonValue;
    } catch {
      return undefined;
    }
    return validateParsedRow(value, rowText, context);
  }

  /** Index of the row whose span (value and the separator after it) contains `offset`, or -1. */
  rowIndexAt(offset: number): number {
    this.fresh();
    const found = lastStartingAtOrBefore(this.rowList, offset);
    if (found < 0) return -1;
    return offset <= this.spanEnd(found) ? found : -1;
  }

  /** Offset just past the row's span: the next row's start or the closing bracket. */
  spanEnd(index: number): number {
    this.fresh();
    const next = this.rowList[index + 1];
    if (next) return next.start;
    const layout = this.layoutValue;
    if (layout.kind === 'array') return layout.closeOffset >= 0 ? layout.closeOffset : this.textValue.length;
    return layout.end;
  }

  /** The row's tree (offsets relative to the row's start), parsed again from the text. */
  rowTree(index: number): JsonNode | undefined {
    this.fresh();
    const entry = this.rowList[index];
    if (!entry) return undefined;
    if (this.treeCache?.entry === entry) return this.treeCache.tree;
    const parser = new JsonParser(this.slice(entry.start, entry.start + entry.valueLength));
    const tree = parser.parseRelativeValue();
    this.treeCache = { entry, tree };
    return tree;
  }

  private parseAll(onProgress?: (offset: number) => void): number {
    const parser = new JsonParser(this.textValue);
    const rows: RowEntry[] = [];
    const parsed = parseWithin(
      MAX_CHECKED_ELEMENTS,
      (onElement) => parser.parseRoot(onElement),
      (element) => {
        rows.push(checkElement(element, this.textValue, 0, this.context));
        if (onProgress && rows.length % 2000 === 0) onProgress(element.valueEnd);
      },
    );
    this.adopt(parsed ? { layout: parsed.value, rows, problems: parser.problems } : tooManyElementsToCheck());
    return this.rowList.length;
  }

  /** Takes the rows of a whole parse, with the syntax problems to give to them. */
  private adopt({ layout, rows, problems, tooManyElements }: CheckedRows): void {
    for (const entry of this.rowList) this.forgetRow(entry);
    this.tooManyElements = tooManyElements === true;
    this.rowList = [];
    this.prefixProblems = [];
    this.suffixProblems = [];
    this.layoutValue = layout;
    const rootEnd = layout.kind === 'array' ? (layout.closeOffset >= 0 ? layout.closeOffset : Number.MAX_SAFE_INTEGER) : layout.end;
    this.distributeProblems(problems, rows, this.prefixProblems, rootEnd);
    this.rowList = rows;
    for (const entry of rows) this.rememberRow(entry);
  }

  /**
   * Parses again the rows an edit touched, plus the row before them, so that the parse
   * starts at an unchanged row start and ends where an unchanged row (or the closing
   * bracket) begins: the parser is then in the same state a full parse would be in. Returns
   * the number of rows parsed, or -1 when the edit changed the file's structure and a full
   * parse is needed. A root array whose "]" is missing ends at the end of the text; an edit
   * after the "]" only checks again what follows it.
   */
  private reparseRegion(oldLength: number, sliceOld: (start: number, end: number) => string, change: TextChange): number {
    const changeStart = change.offset;
    const changeEnd = change.offset + change.removedLength;
    const delta = change.text.length - change.removedLength;
    const layout = this.layoutValue;
    // A text with too many elements is parsed whole again: the edit may have removed enough of them.
    if (layout.kind !== 'array' || this.tooManyElements) return -1;
    const closed = layout.closeOffset >= 0;
    if (closed && changeStart > layout.closeOffset) {
      const from = layout.closeOffset + 1;
      const parser = new JsonParser(sliceOld(from, changeStart) + change.text + sliceOld(changeEnd, oldLength));
      parser.parseAfterRoot();
      this.suffixProblems = parser.problems.map((problem) => syntaxDiagnostic({ ...problem, offset: problem.offset + from }));
      return 0;
    }
    const rootEnd = closed ? layout.closeOffset : oldLength;
    if (changeStart <= layout.openOffset || changeEnd > rootEnd) return -1;
    const rows = this.rowList;
    const first = lastStartingAtOrBefore(rows, changeStart);
    const last = lastStartingAtOrBefore(rows, changeEnd);
    const from = Math.max(first - 1, 0);
    const regionStart = first - 1 >= 0 ? rows[first - 1].start : layout.openOffset + 1;
    const to = last + 1;
    const regionEndBefore = to < rows.length ? rows[to].start : rootEnd;

    // The region's new text is built from slices of the old (flat) text, so that nothing
    // here reads the whole new text. A little of what follows is kept, so that a token
    // running past the region's end is seen to do so, as it would be in the whole text.
    const regionText = sliceOld(regionStart, changeStart) + change.text + sliceOld(changeEnd, Math.min(oldLength, regionEndBefore + REGION_LOOKAHEAD));
    const stopAt = regionEndBefore + delta - regionStart;
    const parser = new JsonParser(regionText, 0);
    const elements: RowEntry[] = [];
    // A region that runs to the end of an unclosed array is parsed as a full parse would: to the end.
    const limit = !closed && to >= rows.length ? Number.MAX_SAFE_INTEGER : stopAt;
    // Past the cap, the whole text is parsed again (and found to have too many elements).
    const parsed = parseWithin(
      MAX_CHECKED_ELEMENTS - (rows.length - (to - from)),
      (onElement) => parser.parseElements(limit, false, onElement),
      (element) => elements.push(checkElement(element, regionText, regionStart, this.context)),
    );
    if (!parsed || parsed.value >= 0 || parser.offset !== stopAt) return -1;

    const startsAtOpen = regionStart === layout.openOffset + 1;
    const prefix: ImportDiagnostic[] = [];
    const problems = parser.problems.map((problem) => ({
      ...problem,
      offset: problem.offset + regionStart,
      firstOffset: problem.firstOffset === undefined ? undefined : problem.firstOffset + regionStart,
    }));
    this.distributeProblems(problems, elements, prefix, Number.MAX_SAFE_INTEGER);
    if (startsAtOpen) this.prefixProblems = [...this.prefixProblems.filter((problem) => problem.offset <= layout.openOffset), ...prefix];

    const removed = replaceRange(rows, from, to, elements);
    for (const entry of removed) this.forgetRow(entry);
    for (const entry of elements) this.rememberRow(entry);
    for (let i = from + elements.length; i < rows.length; i++) rows[i].start += delta;
    if (closed) layout.closeOffset += delta;
    for (const problem of this.suffixProblems) problem.offset += delta;
    return elements.length;
  }

  /** Gives each syntax problem to the row whose span holds it, else to the file's prefix or suffix. */
  private distributeProblems(problems: readonly SyntaxProblem[], rows: readonly RowEntry[], prefix: ImportDiagnostic[], rootEnd: number): void {
    for (const problem of problems) {
      const diagnostic = syntaxDiagnostic(problem);
      // A problem reported at the closing bracket itself came from parsing the last row, and stays
      // with it: an incremental re-parse of that row reports it again.
      if (problem.offset > rootEnd) {
        this.suffixProblems.push(diagnostic);
        continue;
      }
      const owner = lastStartingAtOrBefore(rows, problem.offset);
      if (owner < 0) {
        prefix.push(diagnostic);
        continue;
      }
      const entry = rows[owner];
      diagnostic.offset -= entry.start;
      for (const related of diagnostic.related ?? []) related.offset -= entry.start;
      entry.syntax.push(diagnostic);
    }
    for (const entry of rows) if (entry.syntax.length > 1) entry.syntax.sort((a, b) => a.offset - b.offset);
  }

  /**
   * Fills in where the row's global key and asset key are, for a row checked without
   * positions. Cheap: a scan of the row's top-level keys, no tree.
   */
  locate(entry: RowEntry): RowFacts {
    this.fresh();
    const facts = entry.facts;
    const unplacedGlobalKey = facts.globalKey && facts.globalKey.offset < 0;
    const unplacedAssetKey = facts.assetKey && facts.assetKey.offset < 0;
    if (!unplacedGlobalKey && !unplacedAssetKey) return facts;
    const text = this.slice(entry.start, entry.start + entry.valueLength);
    if (facts.globalKey && unplacedGlobalKey) {
      const found = locateTopLevelKey(text, [GLOBAL_KEY[facts.dialect ?? 'current']]);
      if (found) Object.assign(facts.globalKey, { offset: found.valueOffset, length: found.valueLength });
    }
    if (unplacedAssetKey) {
      const found = locateTopLevelKey(text, ASSET_KEYS);
      if (found) facts.assetKey = { offset: found.keyOffset, length: found.keyLength };
    }
    return facts;
  }

  /**
   * The row's signed URLs, each placed in the row's text (row-relative) for a row checked
   * without positions: a search along each URL's path, done only for the rows whose URLs are
   * reported.
   */
  locateSignedUrls(entry: RowEntry): readonly SignedUrlFact[] {
    this.fresh();
    const facts = entry.facts.signedUrls ?? [];
    if (!facts.some((fact) => fact.offset < 0)) return facts;
    const text = this.slice(entry.start, entry.start + entry.valueLength);
    for (const fact of facts) {
      if (fact.offset >= 0) continue;
      const found = locatePath(text, fact.path);
      if (!found) continue;
      fact.offset = found.offset;
      fact.length = found.length;
    }
    return facts;
  }

  /** Web URLs among the row's string values (row-relative, inside the quotes), found once per row. */
  links(entry: RowEntry): readonly RowLink[] {
    this.fresh();
    entry.links ??= findLinks(this.slice(entry.start, entry.start + entry.valueLength));
    return entry.links;
  }

  /** Rows that have problems of their own, in no particular order. */
  get rowsWithProblems(): ReadonlySet<RowEntry> {
    this.fresh();
    return this.problemRows;
  }

  private rememberRow(entry: RowEntry): void {
    if (entry.syntax.length || entry.checks.length) this.problemRows.add(entry);
    this.keyIndex.add(entry);
    if (entry.facts.signedUrls) {
      this.expiryIndex.add(entry);
      this.startIndex.add(entry);
    }
    if (entry.facts.dialect === 'legacy') this.legacyRowCount++;
  }

  private forgetRow(entry: RowEntry): void {
    this.problemRows.delete(entry);
    this.keyIndex.remove(entry);
    if (entry.facts.signedUrls) {
      this.expiryIndex.remove(entry);
      this.startIndex.remove(entry);
    }
    if (entry.facts.dialect === 'legacy') this.legacyRowCount--;
  }

  get filePrefixProblems(): readonly ImportDiagnostic[] {
    this.fresh();
    return this.prefixProblems;
  }

  get fileSuffixProblems(): readonly ImportDiagnostic[] {
    this.fresh();
    return this.suffixProblems;
  }
}

function syntaxDiagnostic(problem: SyntaxProblem): ImportDiagnostic {
  const diagnostic: ImportDiagnostic = {
    offset: problem.offset,
    length: problem.length,
    severity: RULES[problem.code].severity,
    code: problem.code,
    message: problem.message,
  };
  if (problem.code === 'duplicate-key') {
    diagnostic.fixes = [{ kind: 'removeProperty', title: 'Remove this property' }];
    if (problem.firstOffset !== undefined) diagnostic.related = [{ offset: problem.firstOffset, length: problem.length, message: 'First defined here' }];
  }
  return diagnostic;
}
