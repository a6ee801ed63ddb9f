import type { Position } from 'vscode-languageserver-protocol';

/** Splits a test document written with the cursor as `|` into its text and the cursor's position. */
export function withCursor(textWithCursor: string): { text: string; position: Position } {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0) throw new Error('Write | for the cursor');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
