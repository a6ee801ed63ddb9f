import { test } from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../schemas/data-row-import.schema.json';
import { MEDIA_TYPES } from '../../common/mediaTypes';

test("the one list of media types (the gallery's filter, the row model) is the schema's enum of media_type", () => {
  const inSchema = (schema.definitions.mediaType as { enum: string[] }).enum;
  assert.deepEqual([...MEDIA_TYPES].sort(), [...inSchema].sort());
  assert.equal(new Set(MEDIA_TYPES).size, MEDIA_TYPES.length);
});
