import { tableOf } from '../common/ownKeys';
import { icon } from './dom';

/** Line icons (24×24, drawn with the text colour) for media types and states. */
const PATHS = tableOf({
  IMAGE: ['M3 5h18v14H3z', 'M3 17l5-5 4 4 3-3 6 6', 'M15.5 8.5h.01'],
  VIDEO: ['M3 6h13v12H3z', 'M16 10l5-3v10l-5-3z'],
  AUDIO: ['M4 9v6h4l5 4V5L8 9z', 'M16 9a4 4 0 0 1 0 6', 'M18.5 6.5a7.5 7.5 0 0 1 0 11'],
  TEXT: ['M5 6h14', 'M5 10h14', 'M5 14h10', 'M5 18h12'],
  HTML: ['M8 7l-5 5 5 5', 'M16 7l5 5-5 5', 'M14 5l-4 14'],
  PDF: ['M6 3h9l4 4v14H6z', 'M15 3v4h4', 'M9 12h7', 'M9 16h7'],
  CONVERSATIONAL: ['M4 5h16v10H9l-5 4z', 'M8 9h8', 'M8 12h5'],
  TMS_GEO: ['M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2z', 'M9 4v14', 'M15 6v14'],
  TMS_SIMPLE: ['M3 3h18v18H3z', 'M3 9h18', 'M3 15h18', 'M9 3v18', 'M15 3v18'],
  DICOM: ['M9 3h6v6h6v6h-6v6H9v-6H3V9h6z'],
  UNKNOWN: ['M6 3h9l4 4v14H6z', 'M10 11a2.5 2.5 0 1 1 3 2.4c-.6.2-1 .7-1 1.4', 'M12 18h.01'],
  error: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M9 9l6 6', 'M15 9l-6 6'],
  warning: ['M12 3l10 18H2z', 'M12 10v5', 'M12 18h.01'],
  information: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M12 11v6', 'M12 7.5h.01'],
  blocked: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M5.6 5.6l12.8 12.8'],
  external: ['M14 4h6v6', 'M20 4l-9 9', 'M18 14v6H4V6h6'],
  previous: ['M15 5l-7 7 7 7'],
  next: ['M9 5l7 7-7 7'],
});
const UNKNOWN_PATHS = PATHS.get('UNKNOWN')!;

export function mediaIcon(mediaType: string | undefined): SVGSVGElement {
  return icon((mediaType !== undefined ? PATHS.get(mediaType) : undefined) ?? UNKNOWN_PATHS, 'icon media-icon');
}

export function namedIcon(name: string): SVGSVGElement {
  return icon(PATHS.get(name) ?? UNKNOWN_PATHS);
}
