import type { ImportDocument } from '../document/importDocument';

export interface DocumentLink {
  offset: number;
  length: number;
  target: string;
}

/**
 * Links on the web URLs of every row: assets, attachments, tile layers (any string value that
 * is an http(s) URL). Each row's links are found once and kept until the row changes.
 */
export function documentLinks(document: ImportDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const entry of document.rows) {
    for (const link of document.links(entry)) links.push({ offset: entry.start + link.offset, length: link.length, target: link.target });
  }
  return links;
}
