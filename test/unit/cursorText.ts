import { ImportDocument, MetadataCatalog, createValidationContext, type MetadataField, type ValidationContext } from '../../service';
import type { CompletionEntry } from '../../service/features/completion';
import { fillPlaceholders } from '../../service/featureHelpers/snippetText';
import { applyEdits } from '../../service/featureHelpers/textEdit';

/** Helpers for tests that write the cursor as `|` inside the document text. */

export interface AtCursor {
  text: string;
  offset: number;
  document: ImportDocument;
  context: ValidationContext;
}

export function atCursor(textWithCursor: string, customFields?: MetadataField[]): AtCursor {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0 || textWithCursor.indexOf('|', offset + 1) >= 0) throw new Error('Write exactly one | for the cursor');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const context = createValidationContext(new MetadataCatalog(customFields));
  return { text, offset, document: new ImportDocument(text, context), context };
}

/** The text after accepting an item with every placeholder left at its default. */
export function applyCompletion(text: string, item: CompletionEntry): string {
  return applyEdits(text, [...(item.additionalEdits ?? []), { ...item.replace, newText: fillPlaceholders(item.insertText) }]);
}

/** An organization's custom fields, as the metadata schema file would give them. */
export const CUSTOM_FIELDS: MetadataField[] = [
  {
    id: 'clw8x1y2z0000abcd1234efgh',
    name: 'weather',
    kind: 'enum',
    reserved: false,
    options: [
      { id: 'clw8x1y2z0001abcd1234efgh', name: 'sunny' },
      { id: 'clw8x1y2z0002abcd1234efgh', name: 'overcast' },
    ],
  },
  { id: 'clw8x1y2z0003abcd1234efgh', name: 'altitude_m', kind: 'number', reserved: false, options: [] },
  { id: 'clw8x1y2z0004abcd1234efgh', name: 'site', kind: 'string', reserved: false, options: [], description: 'Where the survey was made.' },
];
