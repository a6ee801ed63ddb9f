import type { JsonNode, ObjectNode } from '../../json/ast';
import { getProperty, stringProperty } from '../../json/ast';
import { looksLikeUrl } from '../../../common/urls';
import type { RowCheck } from '../rowCheck';
import { fieldsOf, type ParsedFields } from './parsedFields';

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
  // Most rows' attachments are fine: that is read from the plain values, without making nodes.
  if (mayHaveAttachmentProblem(check)) reportAttachmentsOnTree(check);
}

/**
 * False only when reportAttachmentsOnTree certainly reports nothing: read from the row's plain
 * value, with the same tests. A tree holds the value's strings or fewer (a property the
 * tolerant parser read without a value is missing from the tree, not from the value), so it
 * has no problem the value lacks.
 */
function mayHaveAttachmentProblem(check: RowCheck): boolean {
  let overlays = 0;
  const list = (check.value as ParsedFields).attachments;
  if (Array.isArray(list)) {
    for (const item of list) {
      const attachment = fieldsOf(item);
      const type = attachment?.type;
      if (!attachment || typeof type !== 'string') continue;
      if (type === 'IMAGE_OVERLAY') overlays++;
      if (mayReport(type, attachment, overlays)) return true;
    }
  }
  const info = check.dialect === 'legacy' ? fieldsOf((check.value as ParsedFields).info) : undefined;
  const type = info?.type;
  return !!info && typeof type === 'string' && mayReport(type, info, overlays + (type === 'IMAGE_OVERLAY' ? 1 : 0));
}

/** Whether reportAttachmentsOnTree may report on this attachment, the `overlays`-th image overlay so far. */
function mayReport(type: string, attachment: ParsedFields, overlays: number): boolean {
  if (type === 'TEXT' || type === 'AUDIO' || type === 'TEXT_FILE') return true;
  if (type === 'IMAGE_OVERLAY' && overlays > MAX_IMAGE_OVERLAYS) return true;
  if (!URL_TYPES.has(type)) return false;
  const value = attachment.value;
  return typeof value === 'string' && value !== '' && !looksLikeUrl(value);
}

/** checkAttachments on the row's tree, which decides and words each report. */
export function reportAttachmentsOnTree(check: RowCheck): void {
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
