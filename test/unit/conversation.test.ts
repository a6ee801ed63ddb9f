import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** Conversations: too-many-messages, message-too-long, duplicate-message-id, message keys. */

/** `id` and `content` are JSON text, so that they can carry range markers. */
const message = (id: string, content = '"Which plan includes phone support?"') =>
  `{ "messageId": ${id}, "content": ${content}, "user": { "userId": "u-77", "name": "Visitor" } }`;
const conversation = (messages: string[], keyMarker = false) =>
  `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": 1, ${keyMarker ? '⟦"messages"⟧' : '"messages"'}: [${messages.join(', ')}] }, "global_key": "chat/1", "media_type": "CONVERSATIONAL" }\n]`;

test('too-many-messages: more than 250, on the messages key', () => {
  const doc = marked(
    conversation(
      Array.from({ length: 251 }, (_, i) => message(`"m${i}"`)),
      true,
    ),
  );
  expectProblem(doc, 'too-many-messages', { range: 0, severity: 'error', message: 'This conversation has 251 messages; Labelbox accepts at most 250.' });
});

test('too-many-messages: exactly 250 is fine', () => {
  const doc = marked(conversation(Array.from({ length: 250 }, (_, i) => message(`"m${i}"`))));
  expectNoProblem(doc, 'too-many-messages');
  assert.deepEqual(doc.diagnostics, []);
});

test('too-many-messages: legacy conversationalData too', () => {
  const messages = Array.from({ length: 251 }, (_, i) => message(`"m${i}"`));
  const doc = marked(`[\n  { "externalId": "chat-1", ⟦"conversationalData"⟧: [${messages.join(', ')}] }\n]`);
  expectProblem(doc, 'too-many-messages', { range: 0 });
});

test('message-too-long: 10,000 characters or more, on the content', () => {
  const doc = marked(conversation([message('"m0"'), message('"m1"', `⟦"${'a'.repeat(10_000)}"⟧`)]));
  expectProblem(doc, 'message-too-long', {
    range: 0,
    severity: 'error',
    message: 'This message has 10,000 characters; a message must have fewer than 10,000.',
  });
});

test('message-too-long: 9,999 characters are fine', () => {
  expectNoProblem(marked(conversation([message('"m0"', `"${'a'.repeat(9_999)}"`)])), 'message-too-long');
});

test('duplicate-message-id: an error on the second id (the docs: "must be unique"), pointing at the first', () => {
  const doc = marked(conversation([message('⟦"m0"⟧'), message('"m1"'), message('⟦"m0"⟧')]));
  const problem = expectProblem(doc, 'duplicate-message-id', {
    range: 1,
    severity: 'error',
    message: /^The messageId "m0" is already used in this conversation; the docs say it must be unique/,
  });
  assert.equal(problem.related?.[0].offset, doc.ranges[0].offset);
  expectProblemCount(doc, 'duplicate-message-id', 1);
});

test('duplicate-message-id: distinct ids are fine', () => {
  expectNoProblem(marked(conversation([message('"m0"'), message('"m1"'), message('"m2"')])), 'duplicate-message-id');
});

test('message keys in row_data: unknown and missing keys are warnings (the SDK does not look inside row_data)', () => {
  const doc = marked(
    `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": 1, "messages": [⟦{⟧ "messageId": "m0", "content": "Hi", ⟦"role"⟧: "user" }] }, "global_key": "c", "media_type": "CONVERSATIONAL" }\n]`,
  );
  expectProblem(doc, 'missing-property', { range: 0, severity: 'warning', message: 'Missing property "user" in this message.' });
  expectProblem(doc, 'unknown-property', {
    range: 1,
    severity: 'warning',
    message: /^Unknown property "role" in a message\. Labelbox's docs do not list it here/,
  });
});

test('message keys in legacy conversationalData: an unknown key is an error (the SDK raises "Invalid … key found!")', () => {
  const doc = marked(`[\n  { "conversationalData": [{ "messageId": "m0", "content": "Hi", "user": { "userId": "u", "name": "U" }, ⟦"role"⟧: "user" }] }\n]`);
  expectProblem(doc, 'unknown-property', { range: 0, severity: 'error', message: 'Unknown property "role" in a message.' });
});

test('message keys: every documented key is accepted, and model outputs too', () => {
  const doc = marked(
    `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational", "version": 1, "messages": [{ "messageId": "m0", "timestampUsec": 1530718491, "content": "Hi", "user": { "userId": "c-9", "name": "Customer" }, "align": "right", "canLabel": true }], "modelOutputs": [{ "title": "Response A", "content": "Hello", "modelConfigName": "model-a" }] }, "global_key": "c", "media_type": "CONVERSATIONAL" }\n]`,
  );
  assert.deepEqual(doc.diagnostics, []);
});

test("a model chat evaluation draft (the SDK's ModelEvaluationTemplate) has no problems; a wrong fixed value is reported", () => {
  const ok = marked(
    `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational.model-chat-evaluation", "draft": true, "rootMessageIds": [], "actors": {}, "version": 2, "messages": {} }, "global_key": "mmc/1", "media_type": "CONVERSATIONAL" }\n]`,
  );
  assert.deepEqual(ok.diagnostics, []);
  const bad = marked(
    `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational.model-chat-evaluation", "draft": true, "rootMessageIds": [], "actors": {}, "version": ⟦1⟧, "messages": {} }, "global_key": "mmc/1", "media_type": "CONVERSATIONAL" }\n]`,
  );
  expectProblem(bad, 'invalid-value', { range: 0, severity: 'warning', message: /must be 2\./ });
});

test("an offline model chat evaluation (conversation version 2 without draft, as the SDK's tests create it) has no problems", () => {
  const doc = marked(
    `[\n  { "row_data": { "type": "application/vnd.labelbox.conversational.model-chat-evaluation", "version": 2, "actors": { "a1": { "role": "human", "metadata": { "name": "User" } } }, "messages": { "m1": { "actorId": "a1", "content": [{ "type": "text", "content": "Hello" }], "childMessageIds": [] } }, "rootMessageIds": ["m1"] }, "global_key": "mmc/2", "media_type": "CONVERSATIONAL" }\n]`,
  );
  assert.deepEqual(doc.diagnostics, []);
});
