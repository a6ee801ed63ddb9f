import type { ImportDocument } from '../document/importDocument';

export interface DocumentLink {
  offset: number;
  length: number;
  target: string;
}

/** Links on every web URL of every row, from the links kept for each row when it was checked. */
export function documentLinks(document: ImportDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const entry of document.rows) {
    for (const link of entry.facts.links ?? []) links.push({ offset: entry.start + link.offset, length: link.length, target: link.target });
  }
  return links;
}
