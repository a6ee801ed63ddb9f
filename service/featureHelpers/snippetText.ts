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

/**
 * What a snippet inserts when every placeholder keeps its default: for documentation, and for
 * editors without snippets. `$1` and `${1}` insert nothing, `${1:text}` its text, `${1|a,b|}`
 * its first choice; `\$`, `\}` and `\\` are the characters themselves. Read in one pass (text
 * from the file reaches here through global key suggestions; the regular expressions this
 * replaces were quadratic on "${1|" followed by a long text, and took an escaped "\${1:x}" for a
 * placeholder).
 */
export function fillPlaceholders(snippet: string): string {
  let out = '';
  // The next unescaped "}" from a position: searched again only past the last one found, so
  // the text is read once however many placeholders open (Infinity: there is none).
  let close = -1;
  const nextClose = (from: number) => {
    if (close === Infinity || close >= from) return close;
    close = Infinity;
    for (let j = from; j < snippet.length; j++) {
      if (snippet[j] === '\\') j++;
      else if (snippet[j] === '}') {
        close = j;
        break;
      }
    }
    return close;
  };
  for (let i = 0; i < snippet.length; i++) {
    const character = snippet[i];
    if (character === '\\' && '\\$}'.includes(snippet[i + 1] ?? 'x')) {
      out += snippet[++i];
      continue;
    }
    if (character !== '$') {
      out += character;
      continue;
    }
    let digits = i + 1;
    const braced = snippet[digits] === '{';
    if (braced) digits++;
    let end = digits;
    while (end < snippet.length && snippet[end] >= '0' && snippet[end] <= '9') end++;
    if (end === digits) {
      out += character;
      continue;
    }
    if (!braced) {
      i = end - 1;
      continue;
    }
    const kind = snippet[end];
    const closing = kind === '}' ? end : kind === ':' || kind === '|' ? nextClose(end) : -1;
    if (closing < 0 || closing === Infinity || (kind === '|' && snippet[closing - 1] !== '|')) {
      out += character;
      continue;
    }
    if (kind === ':') out += unescapeSnippet(snippet.slice(end + 1, closing));
    else if (kind === '|') out += unescapeSnippet(snippet.slice(end + 1, closing - 1).split(',')[0]);
    i = closing;
  }
  return out;
}

function unescapeSnippet(text: string): string {
  return text.replace(/\\([\\$}])/g, '$1');
}
