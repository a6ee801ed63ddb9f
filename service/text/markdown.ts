/** Markdown for hovers and completion documentation, from text that may hold anything. */

/** Escapes text (names, descriptions from the organization's schema) so it shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, '\\$&');
}

/** Text as a markdown code span, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${oneLine} ${fence}` : `${fence}${oneLine}${fence}`;
}

/** A fenced JSON code block. */
export function jsonBlock(text: string): string {
  const fence = text.includes('```') ? '````' : '```';
  return `${fence}json\n${text}\n${fence}`;
}
