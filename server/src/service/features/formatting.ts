import { format } from 'jsonc-parser';
import type { TextEdit } from './textEdit';

export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
  insertFinalNewline?: boolean;
}

/**
 * JSON formatting, the same as VS Code's own JSON formatter (both use jsonc-parser), so that
 * import files format as they did before they became import files.
 */
export function formatEdits(text: string, options: FormattingOptions, range?: { offset: number; length: number }): TextEdit[] {
  return format(text, range, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    insertFinalNewline: options.insertFinalNewline ?? false,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    keepLines: false,
  }).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.content }));
}
