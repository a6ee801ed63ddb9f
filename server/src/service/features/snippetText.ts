/**
 * Text of the snippets that completion inserts. Strings in a schema snippet's body are
 * snippet syntax already (`${1:placeholder}`); everything else is written as literal JSON.
 */

/** Escapes literal text so that a snippet inserts it as written. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** A JSON value as literal snippet text. */
export function literalSnippet(value: unknown): string {
  return escapeSnippet(JSON.stringify(value) ?? 'null');
}

const SINGLE_LINE_LIMIT = 80;

/** A snippet body as JSON text, small objects on one line, bigger ones indented with tabs. */
export function snippetBodyText(body: unknown, indent = ''): string {
  if (Array.isArray(body)) {
    const items = body.map((item) => snippetBodyText(item, indent + '\t'));
    return layout('[', ']', items, indent, body.some(isContainer));
  }
  if (isObject(body)) {
    const members = Object.entries(body).map(([key, value]) => `${escapeSnippet(JSON.stringify(key))}: ${snippetBodyText(value, indent + '\t')}`);
    return layout('{', '}', members, indent, Object.values(body).some(isContainer));
  }
  if (typeof body === 'string') return `"${body.replace(/"/g, '\\"')}"`;
  return literalSnippet(body);
}

/** The members of an object body, one per line, to insert between the braces of an existing object. */
export function snippetMembersText(body: Record<string, unknown>, indent = ''): string[] {
  return Object.entries(body).map(([key, value]) => `${escapeSnippet(JSON.stringify(key))}: ${snippetBodyText(value, indent)}`);
}

function layout(open: string, close: string, parts: string[], indent: string, nested: boolean): string {
  if (!parts.length) return open + close;
  const oneLine = open === '{' ? `{ ${parts.join(', ')} }` : `[${parts.join(', ')}]`;
  if (!nested && oneLine.length <= SINGLE_LINE_LIMIT && !oneLine.includes('\n')) return oneLine;
  return `${open}\n${parts.map((part) => `${indent}\t${part}`).join(',\n')}\n${indent}${close}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/** What a snippet inserts when every placeholder keeps its default: for documentation, and for editors without snippets. */
export function fillPlaceholders(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}
