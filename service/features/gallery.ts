import type { GalleryFilter, GalleryTile } from '../../common/gallery';
import type { ImportDocument } from '../document/importDocument';
import { countRowProblems } from './rows';

/** A gallery tile as the service describes it: with the row's offset, which the server turns into a line. */
export type GalleryEntry = Omit<GalleryTile, 'line'> & {
  /** Absolute offset of the row's start. */
  start: number;
};

export interface GalleryPage {
  /** Rows matching the filter, in all pages. */
  total: number;
  /** Rows in the whole file. */
  rowCount: number;
  tiles: GalleryEntry[];
}

/**
 * One page of the rows matching a filter. Filtering runs over the rows' kept facts, so a
 * page of a 50,000-row file costs no parsing.
 */
export function galleryPage(document: ImportDocument, from: number, count: number, filter: Partial<GalleryFilter> = {}): GalleryPage {
  const text = filter.text?.trim().toLowerCase();
  const tiles: GalleryEntry[] = [];
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
