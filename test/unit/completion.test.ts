import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImportDocument, createValidationContext, collectDiagnostics } from '../../service';
import { doComplete, type CompletionEntry } from '../../service/features/completion';
import { applyCompletion, atCursor, CUSTOM_FIELDS } from './cursorText';
import { fillPlaceholders } from '../../service/featureHelpers/snippetText';
import { doHover } from '../../service/features/hover';
import schema from '../../schemas/data-row-import.schema.json';

/** Completion at the `|` in the text. */
function complete(textWithCursor: string, customFields = CUSTOM_FIELDS.slice(0, 0)): { items: CompletionEntry[]; text: string; labels: string[] } {
  const { text, offset, document, context } = atCursor(textWithCursor, customFields.length ? customFields : undefined);
  const items = doComplete(document, offset, context, { now: Date.UTC(2024, 4, 2, 7, 45, 10) });
  return { items, text, labels: items.map((item) => item.label) };
}

function item(items: CompletionEntry[], label: string): CompletionEntry {
  const found = items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item "${label}" among ${items.map((i) => i.label).join(', ')}`);
  return found;
}

function errorsOf(text: string): string[] {
  const context = createValidationContext();
  return collectDiagnostics(new ImportDocument(text, context))
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`);
}

test('an empty row offers the current-format keys and the data-row snippets, not legacy keys', () => {
  const { labels, items } = complete('[{|}]');
  for (const key of ['row_data', 'global_key', 'external_id', 'media_type', 'metadata_fields', 'attachments', 'embeddings'])
    assert.ok(labels.includes(key), key);
  for (const key of ['imageUrl', 'externalId', 'globalKey', 'metadataFields', 'info']) assert.ok(!labels.includes(key), key);
  const snippet = item(items, 'Image data row');
  assert.equal(snippet.kind, 'snippet');
  assert.match(snippet.insertText, /"row_data": "\$\{1:https:\/\/example\.com\/images\/img_001\.jpg\}"/);
  assert.ok(labels.includes('Video data row') && labels.includes('PDF data row'));
});

test('a key completion carries the schema docs and inserts the key with a placeholder shaped like the value', () => {
  const { items } = complete('[{"row_data": "https://x.com/a.jpg", |}]');
  const mediaType = item(items, 'media_type');
  assert.equal(mediaType.kind, 'property');
  assert.equal(mediaType.insertText, '"media_type": "$1"');
  assert.equal(mediaType.retrigger, true, 'an enum value is suggested right after');
  assert.equal(mediaType.documentation, (schema.definitions.mediaType as { markdownDescription: string }).markdownDescription);
  assert.equal(item(items, 'attachments').insertText, '"attachments": [$1]');
  assert.equal(item(items, 'media_type').detail, 'media type');
});

test('row keys that raise a problem as soon as they are written are not offered; they are still explained on hover', () => {
  const { labels, text, items } = complete('[{"row_data": "https://x.com/a.jpg", |}]');
  for (const key of ['uid', 'created_at', 'updated_at', 'dataset_id', 'media_attributes', 'metadata']) {
    assert.ok(!labels.includes(key), `${key} is not offered`);
    // Written anyway, the key gets its problem (ignored-field or metadata-alias): the reason it is left out.
    const withKey = text.replace('}]', `"${key}": ${key === 'metadata' ? '[]' : key === 'media_attributes' ? '{}' : '"x"'}}]`);
    assert.ok(
      collectDiagnostics(new ImportDocument(withKey, createValidationContext())).some((d) => d.code === 'ignored-field' || d.code === 'metadata-alias'),
      `${key} raises a problem`,
    );
  }
  assert.ok(labels.includes('metadata_fields'), 'metadata_fields is offered instead of metadata');
  assert.ok(items.length > 5);
  assert.ok(!complete('[{"imageUrl": "https://x.com/a.jpg", |}]').labels.includes('mediaAttributes'));
  for (const key of ['uid', 'metadata']) {
    const { document, offset, context } = atCursor(`[{"row_data": "x", "${key.slice(0, 2)}|${key.slice(2)}": []}]`);
    assert.match(doHover(document, offset, context)?.contents ?? '', /\*\*/, `hover explains ${key}`);
  }
  // Inside objects nothing is held back: an attachment still offers its own keys.
  assert.ok(complete('[{"row_data": "x", "attachments": [{|}]}]').labels.includes('name'));
});

test('keys already in the object are not offered again', () => {
  const { labels } = complete('[{"row_data": "x", "media_type": "IMAGE", | "global_key": "a"}]');
  assert.ok(!labels.includes('row_data'));
  assert.ok(!labels.includes('media_type'));
  assert.ok(!labels.includes('global_key'));
  assert.ok(labels.includes('external_id'));
});

test('a legacy row offers legacy keys only, and no second asset key', () => {
  const { labels } = complete('[{"imageUrl": "https://x.com/a.jpg", |}]');
  for (const key of ['externalId', 'globalKey', 'metadataFields', 'attachments', 'info']) assert.ok(labels.includes(key), key);
  for (const key of ['row_data', 'global_key', 'media_type', 'metadata_fields']) assert.ok(!labels.includes(key), key);
  for (const key of ['videoUrl', 'data', 'tileLayerUrl', 'bounds']) assert.ok(!labels.includes(key), `${key} is ruled out by imageUrl`);
  // Renaming the asset key itself offers the other asset keys.
  assert.ok(complete('[{"externalId": "a", "imageUrl|": "https://x.com/a.jpg"}]').labels.includes('videoUrl'));
  const tiled = complete('[{"tileLayerUrl": "https://t.com/{z}/{x}/{y}.png", |}]').labels;
  for (const key of ['bounds', 'minZoom', 'epsg', 'version']) assert.ok(tiled.includes(key), key);
});

test('a partly typed key is replaced with its quotes, and the result is valid JSON', () => {
  const { items, text } = complete('[{"row_data": "x", "media_t|"}]');
  const mediaType = item(items, 'media_type');
  assert.deepEqual(mediaType.replace, { offset: text.indexOf('"media_t"'), length: '"media_t"'.length });
  assert.equal(mediaType.filterText, '"media_type"');
  assert.deepEqual(JSON.parse(applyCompletion(text, mediaType)), [{ row_data: 'x', media_type: '' }]);
  // A bare word is a key being typed too.
  const bare = complete('[{ro|}]');
  assert.equal(applyCompletion(bare.text, item(bare.items, 'row_data')), '[{"row_data": ""}]');
});

test('renaming a key that has a value replaces only the name', () => {
  const { items, text } = complete('[{"row_data": "x", "media_t|": "IMAGE"}]');
  assert.equal(item(items, 'media_type').insertText, '"media_type"');
  assert.deepEqual(JSON.parse(applyCompletion(text, item(items, 'media_type'))), [{ row_data: 'x', media_type: 'IMAGE' }]);
});

test('commas are added where the new property needs them', () => {
  const before = complete('[{"row_data": "x" |}]');
  assert.deepEqual(JSON.parse(applyCompletion(before.text, item(before.items, 'global_key'))), [{ row_data: 'x', global_key: '' }]);
  const after = complete('[{"row_data": "x", | "media_type": "IMAGE"}]');
  assert.deepEqual(JSON.parse(applyCompletion(after.text, item(after.items, 'global_key'))), [{ row_data: 'x', global_key: '', media_type: 'IMAGE' }]);
});

test('enum values: media_type with what each one means, attachment types with what the labeler sees', () => {
  const { items, text } = complete('[{"row_data": "x", "media_type": "IM|"}]');
  assert.deepEqual(
    items.map((i) => i.label),
    ['IMAGE', 'VIDEO', 'TEXT', 'CONVERSATIONAL', 'PDF', 'AUDIO', 'HTML', 'DICOM', 'TMS_GEO', 'TMS_SIMPLE'],
  );
  const image = item(items, 'IMAGE');
  assert.equal(image.kind, 'enumMember');
  assert.equal(image.documentation, (schema.definitions.mediaType as { markdownEnumDescriptions: string[] }).markdownEnumDescriptions[0]);
  assert.deepEqual(JSON.parse(applyCompletion(text, image)), [{ row_data: 'x', media_type: 'IMAGE' }]);

  const attachment = complete('[{"row_data": "x", "attachments": [{"type":|}]}]');
  const overlay = item(attachment.items, 'IMAGE_OVERLAY');
  assert.match(overlay.documentation ?? '', /layer|overlay/i);
  assert.equal(overlay.insertText, ' "IMAGE_OVERLAY"', 'a space after the colon');
  assert.ok(!attachment.items.some((i) => i.label === 'TEXT'), 'the removed TEXT type is not suggested');
});

test('values inside row_data follow its form: epsg of tiled imagery, booleans of a conversation message', () => {
  assert.deepEqual(complete('[{"row_data": {"tileLayerUrl": "https://t/{z}/{x}/{y}.png", "epsg": "|"}}]').labels, [
    'EPSG4326',
    'EPSG3857',
    'EPSG3395',
    'Simple',
    'SIMPLEPIXEL',
  ]);
  assert.deepEqual(complete('[{"row_data": {"messages": [{"canLabel": |}]}}]').labels, ['true', 'false']);
  // The form is chosen by media_type while the object is empty.
  const pdf = complete('[{"row_data": {|}, "media_type": "PDF"}]').labels;
  assert.ok(pdf.includes('pdf_url') && !pdf.includes('tileLayerUrl'), pdf.join());
  const tiled = complete('[{"row_data": {"tileLayerUrl": "u", |}}]').labels;
  assert.ok(tiled.includes('bounds') && !tiled.includes('messages') && !tiled.includes('pdf_url'), tiled.join());
});

test("metadata name completes the reserved fields, then the organization's custom fields when known", () => {
  const reserved = complete('[{"row_data": "x", "metadata_fields": [{"name": "|"}]}]');
  assert.deepEqual(reserved.labels, ['captureDateTime', 'skipNFrames', 'split', 'tag', 'embedding']);
  assert.equal(item(reserved.items, 'embedding').deprecated, true);
  assert.match(item(reserved.items, 'split').documentation ?? '', /`train`: `cko8sbscr0003h2dk04w86hof`/);

  const custom = complete('[{"row_data": "x", "metadata_fields": [{"name": "|"}]}]', CUSTOM_FIELDS);
  for (const name of ['weather', 'altitude_m', 'site', 'split']) assert.ok(custom.labels.includes(name), name);
  assert.equal(item(custom.items, 'altitude_m').detail, 'Number');
  assert.match(item(custom.items, 'site').documentation ?? '', /Where the survey was made/);
});

test('metadata fields already set in the row are not offered again', () => {
  const { labels } = complete('[{"row_data": "x", "metadata_fields": [{"name": "split", "value": "train"}, {"name": "|"}]}]');
  assert.ok(!labels.includes('split'));
  assert.ok(labels.includes('tag'));
});

test('schema_id completes field ids labelled with the field name and kind', () => {
  const { items, labels } = complete('[{"row_data": "x", "metadata_fields": [{"schema_id": "|"}]}]', CUSTOM_FIELDS);
  const split = item(items, 'cko8sbczn0002h2dkdaxb5kal');
  assert.equal(split.description, 'split');
  assert.equal(split.detail, 'split (Enum)');
  assert.match(split.filterText ?? '', /split/, 'typing the name finds the id');
  assert.equal(item(items, 'clw8x1y2z0000abcd1234efgh').detail, 'weather (Enum)');
  assert.ok(!labels.includes('skipNFrames'), 'a field without a published id');
  // Legacy rows spell it schemaId.
  assert.ok(complete('[{"imageUrl": "x", "metadataFields": [{"schemaId": "|"}]}]').labels.includes('cko8s9r5v0001h2dk9elqdidh'));
});

test('value of an enum field: option names with name, option ids (labelled with the name) with schema_id', () => {
  assert.deepEqual(complete('[{"row_data": "x", "metadata_fields": [{"name": "split", "value": "|"}]}]').labels, ['train', 'valid', 'test']);
  const byId = complete('[{"row_data": "x", "metadata_fields": [{"schema_id": "cko8sbczn0002h2dkdaxb5kal", "value": "|"}]}]');
  assert.deepEqual(byId.labels, ['cko8sbscr0003h2dk04w86hof', 'cko8sc2yr0004h2dk69aj5x63', 'cko8scbz70005h2dkastwhgqt']);
  assert.equal(item(byId.items, 'cko8sc2yr0004h2dk69aj5x63').description, 'valid');
  const custom = complete('[{"row_data": "x", "metadata_fields": [{"name": "weather", "value": |}]}]', CUSTOM_FIELDS);
  assert.deepEqual(custom.labels, ['sunny', 'overcast']);
  assert.deepEqual(JSON.parse(applyCompletion(custom.text, item(custom.items, 'overcast')))[0].metadata_fields[0], { name: 'weather', value: 'overcast' });
});

test('value of a date-time field suggests the current time in UTC', () => {
  const { items } = complete('[{"row_data": "x", "metadata_fields": [{"name": "captureDateTime", "value": "|"}]}]');
  assert.deepEqual(
    items.map((i) => i.insertText),
    ['"2024-05-02T07:45:10Z"'],
  );
});

test('metadata keys: "value" gets a placeholder for the field\'s kind', () => {
  const number = complete('[{"row_data": "x", "metadata_fields": [{"name": "altitude_m", |}]}]', CUSTOM_FIELDS);
  assert.equal(item(number.items, 'value').insertText, '"value": $1');
  const enumField = complete('[{"row_data": "x", "metadata_fields": [{"name": "split", |}]}]');
  assert.equal(item(enumField.items, 'value').insertText, '"value": "$1"');
  assert.equal(item(enumField.items, 'value').retrigger, true);
});

test('global_key suggests the bucket and path of the row URL, the external id and the file name, sanitized', () => {
  const { labels } = complete(
    '[{"row_data": "https://field-survey.s3.eu-west-1.amazonaws.com/2024/plot-12/IMG_0412.jpg", "external_id": "IMG 0412#a.jpg", "global_key": "|"}]',
  );
  assert.deepEqual(labels, ['field-survey/2024/plot-12/IMG_0412.jpg', 'IMG 0412_a.jpg', 'IMG_0412.jpg']);
  assert.deepEqual(complete('[{"row_data": "gs://bucket-a/dir%20x/a.png", "global_key": |}]').labels, ['bucket-a/dir x/a.png', 'a.png']);
  assert.deepEqual(complete('[{"imageUrl": "https://cdn.example.com/img/cat.jpg?sig=1", "globalKey": "|"}]').labels, ['img/cat.jpg', 'cat.jpg']);
});

test('global_key does not suggest a key another row already uses', () => {
  const { labels } = complete('[{"row_data": "https://h.com/a/b.jpg", "global_key": "a/b.jpg"}, {"row_data": "https://h.com/a/b.jpg", "global_key": "|"}]');
  assert.deepEqual(labels, ['b.jpg']);
});

test('between rows, before the first and in an empty array: data-row snippets, with the commas they need', () => {
  for (const input of ['[|]', '[\n  |\n]', '[{"row_data": "a"},\n  |\n]', '[\n  |\n  {"row_data": "a"}\n]', '[{"row_data": "a"} |]']) {
    const { items, text } = complete(input);
    const video = item(items, 'Video data row');
    const rows = JSON.parse(applyCompletion(text, video)) as unknown[];
    assert.ok(
      rows.some((row) => (row as { media_type?: string }).media_type === 'VIDEO'),
      input,
    );
  }
});

test('typing a new row: an unclosed "{" between rows offers keys and snippets', () => {
  const { labels } = complete('[\n  {"row_data": "a"},\n  {|\n  {"row_data": "b"}\n]');
  assert.ok(labels.includes('row_data') && labels.includes('Image data row'), labels.join());
});

test('an empty file offers whole import files', () => {
  const { items, text } = complete('|');
  const image = item(items, 'Image data row');
  assert.deepEqual(errorsOf(applyCompletion(text, image)), []);
});

test('every data-row snippet inserted into an empty row gives a row without errors', () => {
  const { items, text } = complete('[\n  {|}\n]');
  const snippets = items.filter((i) => i.kind === 'snippet');
  assert.equal(snippets.length, (schema.definitions.currentDataRow as { defaultSnippets: unknown[] }).defaultSnippets.length);
  for (const snippet of snippets) assert.deepEqual(errorsOf(applyCompletion(text, snippet)), [], snippet.label);
});

test('array items: attachment snippets of each type, metadata entry snippets', () => {
  const attachments = complete('[{"row_data": "x", "attachments": [|]}]');
  for (const type of ['IMAGE', 'VIDEO', 'RAW_TEXT', 'TEXT_URL', 'HTML', 'IMAGE_OVERLAY', 'PDF_URL', 'CAMERA_IMAGE']) {
    const snippet = item(attachments.items, `${type} attachment`);
    assert.deepEqual(errorsOf(applyCompletion(attachments.text, snippet)), [], type);
  }
  const metadata = complete('[{"row_data": "x", "metadata_fields": [{"name": "tag", "value": "a"}, |]}]');
  const split = item(metadata.items, 'split');
  assert.deepEqual(JSON.parse(applyCompletion(metadata.text, split))[0].metadata_fields[1], { name: 'split', value: 'train' });
  // The property value itself: the array with a first item.
  const wrapped = complete('[{"row_data": "x", "attachments": |}]');
  assert.deepEqual(JSON.parse(applyCompletion(wrapped.text, item(wrapped.items, '[RAW_TEXT attachment]')))[0].attachments[0].type, 'RAW_TEXT');
});

test('in a 50,000-row file only the row under the cursor is parsed', () => {
  const rows: string[] = [];
  for (let i = 0; i < 50_000; i++) rows.push(`  {"row_data": "https://h.com/img_${i}.jpg", "global_key": "img_${i}", "media_type": "IMAGE"}`);
  const middle = 25_000;
  rows[middle] = '  {"row_data": "https://h.com/mid.jpg", "media_type": "IMAGE", |}';
  const { text, offset, document, context } = atCursor(`[\n${rows.join(',\n')}\n]`);
  const parsed: number[] = [];
  const rowTree = document.rowTree.bind(document);
  document.rowTree = (index: number) => {
    parsed.push(index);
    return rowTree(index);
  };
  const items = doComplete(document, offset, context);
  assert.ok(text.length > 4_000_000);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('global_key') && !labels.includes('media_type') && !labels.includes('row_data'), labels.join());
  assert.deepEqual([...new Set(parsed)], [middle]);
});

test('outside the root array nothing is offered', () => {
  assert.deepEqual(complete('[{"row_data": "x"}] |').items, []);
  assert.deepEqual(complete('| [{"row_data": "x"}]').items, []);
});

test('row_data value: an object form with its required keys, placeholders numbered in order', () => {
  const { items } = complete('[{"row_data": |}]');
  assert.equal(item(items, 'New conversation').insertText, '{ "type": "application/vnd.labelbox.conversational", "version": 1, "messages": [$1] }');
  // Model chat evaluations have two documented forms (the draft needs draft: true, the offline conversation has none): one snippet each.
  const draft = JSON.parse(fillPlaceholders(item(items, 'Model chat evaluation draft (live project)').insertText));
  assert.deepEqual(draft, {
    type: 'application/vnd.labelbox.conversational.model-chat-evaluation',
    draft: true,
    rootMessageIds: [],
    actors: {},
    version: 2,
    messages: {},
  });
  const offline = JSON.parse(fillPlaceholders(item(items, 'Model chat evaluation conversation (offline project)').insertText));
  assert.equal(offline.version, 2);
  assert.ok(!('draft' in offline));
  assert.deepEqual(offline.rootMessageIds, ['message-1']);
});
