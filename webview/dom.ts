/**
 * Builds the page with DOM calls only: text goes in through textContent and attributes
 * through setAttribute, so no string from the document is ever parsed as HTML.
 */
import { DATA_IMAGE_URL } from '../common/urls';

export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | undefined>;

const URL_ATTRIBUTES = new Set(['src', 'href', 'data', 'poster', 'action', 'formaction', 'srcset', 'xlink:href']);

/** Whether the page may load or link an address: https/http, blob:, or an image data: URL. Never javascript: or data:text/html. */
export function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  return /^(https?:\/\/|blob:)/i.test(trimmed) || DATA_IMAGE_URL.test(trimmed);
}

export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    const lower = name.toLowerCase();
    // Event handler attributes would be inline scripts; the policy blocks them, and so does this.
    if (lower.startsWith('on')) throw new Error(`Refusing to set the event attribute ${name}.`);
    if (URL_ATTRIBUTES.has(lower) && !(lower === 'href' && value === '#') && !isSafeUrl(String(value))) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small icon from SVG path data (24×24 box), hidden from screen readers. */
export function icon(paths: string[], className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

/** A button that runs an action on click, Enter and Space (buttons do all three). */
export function button(label: string, action: () => void, attributes: Attributes = {}, ...children: Child[]): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, ...(children.length ? children : [label]));
  if (children.length && !attributes['aria-label']) element.setAttribute('aria-label', label);
  element.addEventListener('click', action);
  return element;
}
