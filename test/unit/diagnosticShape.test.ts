import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from './helpers/markedDocument';

/**
 * Diagnostics are plain data: they travel to the editor and the CLI as JSON, and they are
 * kept after a row's tree is dropped, so they must not hold tree nodes.
 */

test('diagnostics and their related locations hold only plain positions and text', () => {
  const doc = marked(`[
  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "k", "media_type": "IMAGE", "global_key": "k",
    "metadata_fields": [{ "name": "tag", "value": "a" }, { "name": "tag", "value": "b" }] },
  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": 1, "messages": [
    { "messageId": "m0", "content": "Hi", "user": { "userId": "u", "name": "U" } },
    { "messageId": "m0", "content": "Hi", "user": { "userId": "u", "name": "U" } }] }, "global_key": "K", "media_type": "CONVERSATIONAL" }
]`);
  const withRelated = doc.diagnostics.filter((d) => d.related?.length);
  assert.deepEqual(withRelated.map((d) => d.code).sort(), [
    'duplicate-global-key',
    'duplicate-global-key',
    'duplicate-key',
    'duplicate-message-id',
    'duplicate-metadata-field',
  ]);
  for (const diagnostic of doc.diagnostics) {
    assert.doesNotThrow(() => JSON.stringify(diagnostic), diagnostic.code);
    for (const related of diagnostic.related ?? []) assert.deepEqual(Object.keys(related).sort(), ['length', 'message', 'offset'], diagnostic.code);
  }
});
