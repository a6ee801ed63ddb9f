import type { JsonNode, JsonValue } from '../../json/ast';
import { getProperty } from '../../json/ast';
import type { Span } from '../rowCheck';
import type { RowCheck } from '../rowCheck';
import { fieldsOf, type ParsedFields } from './parsedFields';
import { formatCount } from '../../../common/formatCount';

export const MAX_MESSAGES = 250;
export const MAX_MESSAGE_LENGTH = 10_000;

/** Limits of an inline conversation (row_data object, or legacy conversationalData). */
export function checkConversation(check: RowCheck): void {
  // Most rows hold no conversation, and most conversations are within the limits: read from the plain values.
  if (mayBreakLimits(messagesValueOf(check))) reportConversationOnTree(check);
}

/** The conversation's messages in the row's plain value, where reportConversationOnTree looks for them. */
function messagesValueOf(check: RowCheck): JsonValue | undefined {
  const row = check.value as ParsedFields;
  return check.dialect === 'legacy' ? row.conversationalData : fieldsOf(row.row_data)?.messages;
}

/**
 * False only when reportConversationOnTree certainly reports nothing, with the same tests on
 * plain values. A tree holds the value's strings or fewer (a property the tolerant parser read
 * without a value is missing from the tree, not from the value), so it breaks no limit the
 * value keeps.
 */
function mayBreakLimits(messages: JsonValue | undefined): boolean {
  if (!Array.isArray(messages)) return false;
  if (messages.length > MAX_MESSAGES) return true;
  let ids: Set<string> | undefined;
  for (const item of messages) {
    const message = fieldsOf(item);
    if (!message) continue;
    const content = message.content;
    if (typeof content === 'string' && content.length >= MAX_MESSAGE_LENGTH) return true;
    const id = message.messageId;
    if (typeof id !== 'string') continue;
    if (ids?.has(id)) return true;
    (ids ??= new Set()).add(id);
  }
  return false;
}

/** checkConversation on the row's tree, which decides and words each report. */
export function reportConversationOnTree(check: RowCheck): void {
  let messages: JsonNode | undefined;
  let anchor: Span | undefined;
  if (check.dialect === 'current') {
    const rowData = check.property('row_data')?.value;
    if (rowData?.type !== 'object') return;
    const property = getProperty(rowData, 'messages');
    messages = property?.value;
    anchor = property?.key;
  } else {
    const property = check.property('conversationalData');
    messages = property?.value;
    anchor = property?.key;
  }
  if (messages?.type !== 'array' || !anchor) return;
  if (messages.items.length > MAX_MESSAGES) {
    check.report(anchor, 'too-many-messages', `This conversation has ${messages.items.length} messages; Labelbox accepts at most ${MAX_MESSAGES}.`);
  }
  const ids = new Map<string, Span>();
  for (const message of messages.items) {
    if (message.type !== 'object') continue;
    const content = getProperty(message, 'content')?.value;
    if (content?.type === 'string' && content.value.length >= MAX_MESSAGE_LENGTH) {
      check.report(content, 'message-too-long', `This message has ${formatCount(content.value.length)} characters; a message must have fewer than 10,000.`);
    }
    const id = getProperty(message, 'messageId')?.value;
    if (id?.type !== 'string') continue;
    const first = ids.get(id.value);
    if (first) {
      check.report(
        id,
        'duplicate-message-id',
        `The messageId "${id.value}" is already used in this conversation; the docs say it must be unique within a conversation (it identifies the message in labels and exports).`,
        {
          related: [{ offset: first.offset, length: first.length, message: 'First used here' }],
        },
      );
    } else {
      ids.set(id.value, id);
    }
  }
}
