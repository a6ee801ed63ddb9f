/**
 * A small Markdown reader for RAW_TEXT attachments: paragraphs, headings, lists, quotes,
 * code, emphasis and links. HTML in the text stays text: the parser produces a tree
 * (no DOM, testable anywhere) and the renderer builds nodes with textContent only. Links
 * keep an address only when it is http(s) or mailto.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'link'; href?: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'quote'; children: Block[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'rule' };

const MAX_DEPTH = 8;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_OPENING = /^ {0,3}(#{1,6})/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const isBlank = (character: string | undefined) => character === ' ' || character === '\t';
/** Characters `.` does not match in a regular expression (\n never reaches here). */
const LINE_TERMINATOR = /[\r\u2028\u2029]/;
const ITEM_MARKER = /^( {0,3})([-*+]|\d{1,9}[.)])[ \t]+/;

/**
 * `- text`, `1. text`: the indentation, the marker and the text of a list item. The text is the
 * rest of the line, sliced: written `[ \t]+(.*)$` in the expression, it backtracked over every
 * blank when the line held a character `.` does not match.
 */
function itemOf(line: string): { indent: number; marker: string; text: string } | undefined {
  const match = ITEM_MARKER.exec(line);
  if (!match) return undefined;
  const text = line.slice(match[0].length);
  return LINE_TERMINATOR.test(text) ? undefined : { indent: match[1].length, marker: match[2], text };
}

export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(trimmed) ? trimmed : undefined;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || headingOf(line) !== undefined || RULE.test(line) || QUOTE.test(line) || itemOf(line) !== undefined;
}

/**
 * `# Title #`: the level and the text of an ATX heading, or undefined. Read by hand, in one
 * pass: the regular expression it replaces, /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/,
 * took time quadratic in the blanks of a line (60,000 spaces stalled the preview for seconds).
 * Gives what that expression gave for every line.
 */
export function headingOf(line: string): { level: number; text: string } | undefined {
  const opening = HEADING_OPENING.exec(line);
  if (!opening) return undefined;
  const level = opening[1].length;
  const rest = line.slice(opening[0].length);
  if (!rest) return { level, text: '' };
  if (!isBlank(rest[0])) return undefined;
  let start = 0;
  while (isBlank(rest[start])) start++;
  // The text runs to where the trailing blanks, or blanks then #s then blanks, begin.
  let end = rest.length;
  while (end > start && isBlank(rest[end - 1])) end--;
  let hashes = end;
  while (hashes > start && rest[hashes - 1] === '#') hashes--;
  if (hashes < end && hashes > start && isBlank(rest[hashes - 1])) {
    end = hashes;
    while (end > start && isBlank(rest[end - 1])) end--;
  }
  const text = rest.slice(start, end);
  if (!LINE_TERMINATOR.test(text)) return { level, text };
  // The text cannot hold those characters: the line is a heading only when nothing but closing #s follows.
  return /^([ \t]+#+)?[ \t]*$/.test(rest) ? { level, text: '' } : undefined;
}

export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(marker)) body.push(lines[i++]);
      i++; // the closing fence, or past the end
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading.level, children: parseInline(heading.text, depth) });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      for (let match = QUOTE.exec(line); match; match = i < lines.length ? QUOTE.exec(lines[i]) : null) {
        inner.push(match[1]);
        i++;
      }
      const text = inner.join('\n');
      blocks.push(depth < MAX_DEPTH ? { type: 'quote', children: parseMarkdown(text, depth + 1) } : { type: 'paragraph', children: [{ type: 'text', text }] });
      continue;
    }
    const item = itemOf(line);
    if (item) {
      const ordered = /\d/.test(item.marker);
      const indent = item.indent;
      const items: string[][] = [];
      while (i < lines.length) {
        const current = itemOf(lines[i]);
        if (current && current.indent === indent && /\d/.test(current.marker) === ordered) {
          items.push([current.text]);
          i++;
          continue;
        }
        const text = lines[i];
        const continues = items.length > 0 && (/^\s{2,}\S/.test(text) || (!text.trim() && i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1])));
        if (!continues) break;
        items[items.length - 1].push(text.replace(/^\s{1,4}/, ''));
        i++;
      }
      blocks.push({
        type: 'list',
        ordered,
        start: ordered ? Number.parseInt(item.marker, 10) : 1,
        items: items.map((lines) =>
          depth < MAX_DEPTH ? parseMarkdown(lines.join('\n'), depth + 1) : [{ type: 'paragraph', children: [{ type: 'text', text: lines.join('\n') }] }],
        ),
      });
      continue;
    }
    const paragraph: string[] = [line];
    i++;
    while (i < lines.length && lines[i].trim() && !startsBlock(lines[i])) paragraph.push(lines[i++]);
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n'), depth) });
  }
  return blocks;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const BARE_URL = /^(https?:\/\/[^\s<>"]*[^\s<>".,:;'")\]!?*_~])/i;

const isSpace = (character: string | undefined) => character !== undefined && /\s/.test(character);
/** Characters a link destination stops at. */
const notInDestination = (character: string | undefined) => character === undefined || isSpace(character) || '()<>'.includes(character);

/**
 * `[label](destination "title")` or `![label](…)` starting at `start`: the label, the
 * destination and where the link ends. A label holds no bracket and no line break, so that
 * each character is read by at most one attempt: a line of 100,000 "[" stays linear (a
 * regular expression scanning to the next "]" from every "[" was quadratic).
 */
export function linkAt(text: string, start: number): { label: string; destination: string; end: number } | undefined {
  let i = text[start] === '!' ? start + 1 : start;
  if (text[i] !== '[') return undefined;
  const labelStart = ++i;
  while (i < text.length && text[i] !== ']' && text[i] !== '[' && text[i] !== '\n') i++;
  if (text[i] !== ']' || text[i + 1] !== '(') return undefined;
  const label = text.slice(labelStart, i);
  i += 2;
  while (isSpace(text[i])) i++;
  if (text[i] === '<') i++;
  const destinationStart = i;
  for (;;) {
    if (!notInDestination(text[i])) i++;
    else if (text[i] === '(') {
      // One level of balanced parentheses: (x) in https://en.wikipedia.org/wiki/Bar_(unit).
      let inner = i + 1;
      while (!notInDestination(text[inner])) inner++;
      if (text[inner] !== ')') break;
      i = inner + 1;
    } else break;
  }
  const destination = text.slice(destinationStart, i);
  if (text[i] === '>') i++;
  const close = (from: number) => {
    let at = from;
    while (isSpace(text[at])) at++;
    return text[at] === ')' ? at + 1 : undefined;
  };
  // With a title: blanks, then "…" on one line, then the closing parenthesis.
  let afterTitle: number | undefined;
  let at = i;
  while (isSpace(text[at])) at++;
  if (at > i && text[at] === '"') {
    let quote = at + 1;
    while (quote < text.length && text[quote] !== '"' && text[quote] !== '\n') quote++;
    if (text[quote] === '"') afterTitle = close(quote + 1);
  }
  const end = afterTitle ?? close(i);
  return end === undefined ? undefined : { label, destination, end };
}

/** The position of a closing delimiter: not right after a space, with something between. */
function closing(text: string, marker: string, from: number): number {
  let at = text.indexOf(marker, from + 1);
  while (at > from) {
    if (!/\s/.test(text[at - 1])) return at;
    at = text.indexOf(marker, at + 1);
  }
  return -1;
}

/**
 * A link that starts at `i` (`rest` is the text from there): `[label](destination)`, an image
 * (which becomes a link: nothing is fetched by reading), `<https://…>` or a bare URL; with
 * the offset after it.
 */
function linkToken(text: string, i: number, rest: string, nested: (inner: string) => Inline[]): { node: Inline; end: number } | undefined {
  const character = text[i];
  if (character === '[' || (character === '!' && rest[1] === '[')) {
    const image = character === '!';
    const link = linkAt(text, i);
    if (link) {
      const label = link.label || link.destination;
      // Images are not loaded from text: they become links, so nothing is fetched by reading.
      const children = image ? [{ type: 'text' as const, text: `Image: ${label}` }] : nested(label);
      const href = safeHref(link.destination);
      return { node: href ? { type: 'link', href, children } : { type: 'link', children }, end: link.end };
    }
  }
  if (character === '<') {
    const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
    if (auto) return { node: { type: 'link', href: safeHref(auto[1]), children: [{ type: 'text', text: auto[1] }] }, end: i + auto[0].length };
  }
  if ((character === 'h' || character === 'H') && (i === 0 || !/\w/.test(text[i - 1]))) {
    const bare = BARE_URL.exec(rest);
    if (bare) return { node: { type: 'link', href: safeHref(bare[1]), children: [{ type: 'text', text: bare[1] }] }, end: i + bare[1].length };
  }
  return undefined;
}

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  // Where a delimiter was found to have no closer: none closes it later either, so each
  // search runs once and long runs of unmatched delimiters stay linear.
  const unmatched = new Map<string, number>();
  const closer = (marker: string, from: number) => {
    if (from >= (unmatched.get(marker) ?? Infinity)) return -1;
    const at = closing(text, marker, from);
    if (at < 0) unmatched.set(marker, from);
    return at;
  };
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  const nested = (inner: string) => (depth < MAX_DEPTH ? parseInline(inner, depth + 1) : [{ type: 'text' as const, text: inner }]);
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const character = text[i];
    if (character === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1])) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (character === '\n') {
      flush();
      out.push({ type: 'break' });
      i++;
      continue;
    }
    if (character === '`') {
      const run = /^`+/.exec(rest)![0];
      const end = i >= (unmatched.get(run) ?? Infinity) ? -1 : text.indexOf(run, i + run.length);
      if (end < 0) unmatched.set(run, i);
      if (end > 0) {
        flush();
        out.push({ type: 'code', text: text.slice(i + run.length, end).trim() || text.slice(i + run.length, end) });
        i = end + run.length;
        continue;
      }
      buffer += run;
      i += run.length;
      continue;
    }
    const double = rest.startsWith('**') ? '**' : rest.startsWith('__') ? '__' : rest.startsWith('~~') ? '~~' : undefined;
    if (double && rest.length > 2 && !/\s/.test(rest[2])) {
      const end = closer(double, i + 1);
      if (end > i + 2) {
        flush();
        out.push({ type: double === '~~' ? 'del' : 'strong', children: nested(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((character === '*' || character === '_') && rest.length > 1 && !/\s/.test(rest[1]) && !(character === '_' && i > 0 && /\w/.test(text[i - 1]))) {
      const end = closer(character, i);
      if (end > i + 1 && !(character === '_' && /\w/.test(text[end + 1] ?? ''))) {
        flush();
        out.push({ type: 'em', children: nested(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    const link = linkToken(text, i, rest, nested);
    if (link) {
      flush();
      out.push(link.node);
      i = link.end;
      continue;
    }
    buffer += character;
    i++;
  }
  flush();
  return out;
}

function renderInline(parent: Node, nodes: Inline[], onLink: (href: string) => void): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        parent.appendChild(document.createTextNode(node.text));
        break;
      case 'break':
        parent.appendChild(document.createElement('br'));
        break;
      case 'code': {
        const code = document.createElement('code');
        code.textContent = node.text;
        parent.appendChild(code);
        break;
      }
      case 'strong':
      case 'em':
      case 'del': {
        const element = document.createElement(node.type);
        renderInline(element, node.children, onLink);
        parent.appendChild(element);
        break;
      }
      case 'link': {
        if (!node.href) {
          renderInline(parent, node.children, onLink);
          break;
        }
        const href = node.href;
        const anchor = document.createElement('a');
        anchor.setAttribute('href', href);
        anchor.setAttribute('title', href);
        anchor.addEventListener('click', (event) => {
          event.preventDefault();
          onLink(href);
        });
        renderInline(anchor, node.children, onLink);
        parent.appendChild(anchor);
        break;
      }
    }
  }
}

function renderBlocks(parent: Node, blocks: Block[], onLink: (href: string) => void): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph': {
        const p = document.createElement('p');
        renderInline(p, block.children, onLink);
        parent.appendChild(p);
        break;
      }
      case 'heading': {
        const heading = document.createElement(`h${Math.min(6, block.level + 2)}`);
        renderInline(heading, block.children, onLink);
        parent.appendChild(heading);
        break;
      }
      case 'code': {
        const pre = document.createElement('pre');
        const code = document.createElement('code');
        code.textContent = block.text;
        pre.appendChild(code);
        parent.appendChild(pre);
        break;
      }
      case 'quote': {
        const quote = document.createElement('blockquote');
        renderBlocks(quote, block.children, onLink);
        parent.appendChild(quote);
        break;
      }
      case 'list': {
        const list = document.createElement(block.ordered ? 'ol' : 'ul');
        if (block.ordered && block.start !== 1) list.setAttribute('start', String(block.start));
        for (const item of block.items) {
          const li = document.createElement('li');
          // A one-paragraph item reads better without the paragraph's margins.
          if (item.length === 1 && item[0].type === 'paragraph') renderInline(li, item[0].children, onLink);
          else renderBlocks(li, item, onLink);
          list.appendChild(li);
        }
        parent.appendChild(list);
        break;
      }
      case 'rule':
        parent.appendChild(document.createElement('hr'));
        break;
    }
  }
}

export function renderMarkdown(source: string, onLink: (href: string) => void): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown';
  renderBlocks(container, parseMarkdown(source), onLink);
  return container;
}
