import type { ImportDocument } from '../document/importDocument';
import { countRowProblems } from './rows';

export interface GalleryFilter {
  /** Part of the global key or external id, any case. */
  text?: string;
  mediaType?: string;
  problemsOnly?: boolean;
}

export interface GalleryTile {
  index: number;
  /** Absolute offset of the row's start. */
  start: number;
  globalKey?: string;
  externalId?: string;
  /** The row's media_type, or the type its asset suggests (then mediaTypeInferred is set). */
  mediaType?: string;
  mediaTypeInferred?: boolean;
  assetUrl?: string;
  legacy: boolean;
  errors: number;
  warnings: number;
}

export interface GalleryPage {
  /** Rows matching the filter, in all pages. */
  total: number;
  /** Rows in the whole file. */
  rowCount: number;
  tiles: GalleryTile[];
}

/**
 * One page of the rows matching a filter. Filtering runs over the rows' kept facts, so a
 * page of a 50,000-row file costs no parsing.
 */
export function galleryPage(document: ImportDocument, from: number, count: number, filter: GalleryFilter = {}): GalleryPage {
  const text = filter.text?.trim().toLowerCase();
  const tiles: GalleryTile[] = [];
  let total = 0;
  const rows = document.rows;
  for (let index = 0; index < rows.length; index++) {
    const entry = rows[index];
    const facts = entry.facts;
    const mediaType = facts.mediaType ?? facts.inferredMediaType;
    if (filter.mediaType && mediaType !== filter.mediaType) continue;
    if (text && !(facts.globalKey?.value.toLowerCase().includes(text) || facts.externalId?.toLowerCase().includes(text))) continue;
    const needsCounts = filter.problemsOnly || (total >= from && tiles.length < count);
    const counts = needsCounts ? countRowProblems(document, entry) : undefined;
    if (filter.problemsOnly && counts && counts.errors + counts.warnings === 0) continue;
    if (total >= from && tiles.length < count && counts) {
      tiles.push({
        index,
        start: entry.start,
        globalKey: facts.globalKey?.value,
        externalId: facts.externalId,
        mediaType,
        ...(facts.mediaType === undefined && mediaType !== undefined ? { mediaTypeInferred: true } : {}),
        assetUrl: facts.assetUrl,
        legacy: facts.dialect === 'legacy',
        errors: counts.errors,
        warnings: counts.warnings,
      });
    }
    total++;
  }
  return { total, rowCount: rows.length, tiles };
}
