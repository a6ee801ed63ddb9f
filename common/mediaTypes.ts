/**
 * The media types an import file may name, in the order the preview's gallery offers them.
 * The schema's enum of media_type holds the same set (test/unit/mediaTypes.test.ts).
 */
export const MEDIA_TYPES = ['IMAGE', 'VIDEO', 'AUDIO', 'TEXT', 'HTML', 'PDF', 'CONVERSATIONAL', 'TMS_GEO', 'TMS_SIMPLE', 'DICOM'] as const;
