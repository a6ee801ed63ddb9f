/** An edit of the text, in absolute offsets of the text it applies to. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** Applies edits that do not overlap, in any order (for tests and previews of fixes). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}
