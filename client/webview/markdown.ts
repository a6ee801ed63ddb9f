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
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;

export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(trimmed) ? trimmed : undefined;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
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
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1].length, children: parseInline(heading[2] ?? '', depth) });
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
    const item = ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const indent = item[1].length;
      const items: string[][] = [];
      while (i < lines.length) {
        const current = ITEM.exec(lines[i]);
        if (current && current[1].length === indent && /\d/.test(current[2]) === ordered) {
          items.push([current[3]]);
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
        start: ordered ? Number.parseInt(item[2], 10) : 1,
        items: items.map((lines) => (depth < MAX_DEPTH ? parseMarkdown(lines.join('\n'), depth + 1) : [{ type: 'paragraph', children: [{ type: 'text', text: lines.join('\n') }] }])),
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

/** The position of a closing delimiter: not right after a space, with something between. */
function closing(text: string, marker: string, from: number): number {
  let at = text.indexOf(marker, from + 1);
  while (at > from) {
    if (!/\s/.test(text[at - 1])) return at;
    at = text.indexOf(marker, at + 1);
  }
  return -1;
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
    if (character === '[' || (character === '!' && rest[1] === '[')) {
      const image = character === '!';
      const link = /^!?\[([^\]\n]*)\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)>?(?:\s+"[^"\n]*")?\s*\)/.exec(rest);
      if (link) {
        flush();
        const label = link[1] || link[2];
        // Images are not loaded from text: they become links, so nothing is fetched by reading.
        const children = image ? [{ type: 'text' as const, text: `Image: ${label}` }] : nested(label);
        const href = safeHref(link[2]);
        out.push(href ? { type: 'link', href, children } : { type: 'link', children });
        i += link[0].length;
        continue;
      }
    }
    if (character === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
      if (auto) {
        flush();
        out.push({ type: 'link', href: safeHref(auto[1]), children: [{ type: 'text', text: auto[1] }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((character === 'h' || character === 'H') && (i === 0 || !/\w/.test(text[i - 1]))) {
      const bare = BARE_URL.exec(rest);
      if (bare) {
        flush();
        out.push({ type: 'link', href: safeHref(bare[1]), children: [{ type: 'text', text: bare[1] }] });
        i += bare[1].length;
        continue;
      }
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
