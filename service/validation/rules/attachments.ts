import type { JsonNode, ObjectNode } from '../../json/ast';
import { getProperty, stringProperty } from '../../json/ast';
import { looksLikeUrl } from '../../../common/urls';
import type { RowCheck } from '../rowCheck';

export const MAX_IMAGE_OVERLAYS = 9;

/** Attachment types whose value is a URL. */
const URL_TYPES = new Set(['IMAGE', 'VIDEO', 'TEXT_URL', 'HTML', 'IMAGE_OVERLAY', 'PDF_URL', 'CAMERA_IMAGE', 'AUDIO']);

function attachmentsOf(check: RowCheck): ObjectNode[] {
  const list = check.property('attachments')?.value;
  const result = list?.type === 'array' ? list.items.filter((item): item is ObjectNode => item.type === 'object') : [];
  const info = check.dialect === 'legacy' ? check.property('info')?.value : undefined;
  if (info?.type === 'object') result.push(info);
  return result;
}

/** Attachment types that are deprecated, docs-only or renamed; URL values; the overlay limit. */
export function checkAttachments(check: RowCheck): void {
  let overlays = 0;
  for (const attachment of attachmentsOf(check)) {
    // Strings first: the nodes are made only for a problem.
    const type = stringProperty(attachment, 'type');
    if (type === undefined) continue;
    const value = stringProperty(attachment, 'value');
    const typeNode = () => nodeAt(attachment, 'type');
    switch (type) {
      case 'TEXT': {
        const replacement = value && looksLikeUrl(value) ? 'TEXT_URL' : 'RAW_TEXT';
        check.report(
          typeNode(),
          'deprecated-attachment-type',
          `The TEXT attachment type depends on the SDK version: 6.0 and later reject it, 3.49 to 5.x convert it to RAW_TEXT, and the docs no longer list it. Use ${replacement}${replacement === 'TEXT_URL' ? ' for a URL of a text file' : ' for text'}.`,
          {
            fixes: [{ kind: 'replace', title: `Change to "${replacement}"`, text: JSON.stringify(replacement) }],
          },
        );
        break;
      }
      case 'AUDIO':
        check.report(
          typeNode(),
          'unsupported-attachment-type',
          "AUDIO attachments are listed in the docs, but the SDK (6.0) does not know the type and rejects it; the web app's upload is not confirmed either way.",
        );
        break;
      case 'TEXT_FILE':
        check.report(typeNode(), 'invalid-value', 'TEXT_FILE was renamed TEXT_URL.', {
          fixes: [{ kind: 'replace', title: 'Change to "TEXT_URL"', text: '"TEXT_URL"' }],
        });
        break;
      case 'IMAGE_OVERLAY':
        overlays++;
        if (overlays > MAX_IMAGE_OVERLAYS) {
          check.report(
            typeNode(),
            'too-many-image-overlays',
            `This is image overlay number ${overlays}; the editor shows at most ${MAX_IMAGE_OVERLAYS} per data row.`,
          );
        }
        break;
    }
    if (URL_TYPES.has(type) && value && !looksLikeUrl(value)) {
      check.report(
        nodeAt(attachment, 'value'),
        'attachment-not-url',
        `${/^(?:[AEIOU]|HTML)/.test(type) ? 'An' : 'A'} ${type} attachment needs the URL of the file${type === 'TEXT_URL' ? '; for the text itself use RAW_TEXT' : ''}.`,
      );
    }
  }
}

/** The value node of a property known to be there. */
function nodeAt(object: ObjectNode, name: string): JsonNode {
  return getProperty(object, name)!.value!;
}
