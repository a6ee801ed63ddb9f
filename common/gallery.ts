/** The preview's gallery: what it filters by and what a tile shows, one definition for the service, the server and the page. */

export interface GalleryFilter {
  /** Part of the global key or external id, any case. */
  text: string;
  /** Empty: every media type. */
  mediaType: string;
  problemsOnly: boolean;
}

/** A row as the gallery shows it, as the server sends it. */
export interface GalleryTile {
  index: number;
  /** The line the row starts on. */
  line: number;
  globalKey?: string;
  externalId?: string;
  /** The row's media_type, or the type its asset suggests (then mediaTypeInferred is set). */
  mediaType?: string;
  mediaTypeInferred?: boolean;
  assetUrl?: string;
  legacy: boolean;
  errors: number;
  warnings: number;
  /** The asset access check found that the asset cannot be loaded: the rule code and why (text from a server: shown as text only). */
  assetProblem?: { code: string; detail: string };
}
