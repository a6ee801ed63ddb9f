import { format } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from '../json/parser';
import type { TextEdit } from '../featureHelpers/textEdit';
import { formatCount } from '../../common/formatCount';

export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
  insertFinalNewline?: boolean;
}

/** Wider indentation than this is taken as this: a tab size of 1e9 would build strings of gigabytes. */
export const MAX_TAB_SIZE = 32;
/**
 * Formatting indents every line by its depth, so what it writes grows with depth times lines:
 * 10,000 nested brackets would need 400 million characters. Beyond this many characters of
 * indentation, plus twice the text's length, the document is not formatted (50,000 rows on one
 * line need 16 million; a text nested deeper than the parser reads is not formatted either).
 */
export const MAX_FORMATTED_INDENTATION = 16 * 1024 * 1024;

export type FormatResult = { edits: TextEdit[] } | { refused: string };

/**
 * JSON formatting, the same as VS Code's own JSON formatter (both use jsonc-parser), so that
 * import files format as they did before they became import files; bounded in the size of
 * what it produces.
 */
export function formatEdits(text: string, options: FormattingOptions, range?: { offset: number; length: number }): FormatResult {
  const tabSize = Number.isFinite(options.tabSize) ? Math.min(MAX_TAB_SIZE, Math.max(1, Math.floor(options.tabSize))) : 4;
  const unit = options.insertSpaces ? tabSize : 1;
  const from = range ? text.lastIndexOf('\n', range.offset - 1) + 1 : 0;
  const to = range ? range.offset + range.length : text.length;
  const { indentation, depth } = indentationSize(text, from, to, unit);
  if (depth > MAX_NESTING_DEPTH)
    return { refused: `This document is nested more than ${MAX_NESTING_DEPTH} levels deep, too deep to format. It was left as it is.` };
  if (indentation > MAX_FORMATTED_INDENTATION + 2 * (to - from)) {
    return {
      refused: `This document is nested too deeply to format: its indentation alone would take ${formatCount(Math.round(indentation / 1024 / 1024))} MB. It was left as it is.`,
    };
  }
  const edits = format(text, range, {
    tabSize,
    insertSpaces: options.insertSpaces,
    insertFinalNewline: options.insertFinalNewline ?? false,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    keepLines: false,
  }).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.content }));
  return { edits };
}

/**
 * How many characters of indentation formatting `text` from `from` to `to` writes (a close
 * upper bound): every bracket and comma starts a line indented by its depth. Strings are
 * skipped; the part's own first-line indentation counts on every line.
 */
function indentationSize(text: string, from: number, to: number, unit: number): { indentation: number; depth: number } {
  let base = 0;
  while (from + base < to && (text[from + base] === ' ' || text[from + base] === '\t')) base++;
  let depth = 0;
  let deepest = 0;
  let total = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < to; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c /* \ */) i++;
        else if (inner === 0x22 || inner === 0x0a) break;
      }
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth++;
      deepest = Math.max(deepest, depth);
      total += base + depth * unit;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
      total += base + depth * unit;
    } else if (ch === 0x2c /* , */) {
      total += base + depth * unit;
    }
  }
  return { indentation: total, depth: deepest };
}
