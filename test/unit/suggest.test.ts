import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../service/text/suggest';
import { expectProblem, marked } from './helpers/markedDocument';

/** "Did you mean" suggestions. */

test('editDistance counts inserts, deletes, replacements and swapped neighbours as one edit each', () => {
  assert.equal(editDistance('train', 'train'), 0);
  assert.equal(editDistance('trian', 'train'), 1);
  assert.equal(editDistance('tran', 'train'), 1);
  assert.equal(editDistance('trainn', 'train'), 1);
  assert.equal(editDistance('trein', 'train'), 1);
  assert.equal(editDistance('test', 'valid'), 5);
});

test('closestMatch: other spellings of the same word first, then the nearest within a few typos', () => {
  assert.equal(closestMatch('rowData', ['row_data', 'global_key']), 'row_data');
  assert.equal(closestMatch('image', ['IMAGE', 'VIDEO']), 'IMAGE');
  assert.equal(closestMatch('trian', ['train', 'valid', 'test']), 'train');
  assert.equal(closestMatch('gloabl_key', ['row_data', 'global_key']), 'global_key');
  assert.equal(closestMatch('colour', ['row_data', 'global_key']), undefined);
});

test('a swapped pair of letters in an enum value gets a did-you-mean', () => {
  const doc = marked(`[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": ⟦"IAMGE"⟧ }\n]`);
  expectProblem(doc, 'invalid-value', { range: 0, message: 'Did you mean "IMAGE"?' });
});
