import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument } from '../../service';
import { convertFileEdits } from '../../service/features/convertToCurrentFormat';
import { conversionMessage, problemsAdded } from '../../service/features/conversionReport';

const context = createValidationContext();

function convert(text: string): string {
  const document = new ImportDocument(text, context);
  let result = text;
  for (const edit of [...convertFileEdits(document)].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}

test('each key is renamed where it is; values keep their text; the row keeps its layout', () => {
  const text =
    '[\n\t{\n\t\t"globalKey": "a",\n\t\t"imageUrl": "https://x.com/a.jpg",\n\t\t"customKey": 1.50,\n\t\t"metadataFields": [ {"schemaId": "cko8s9r5v0001h2dk9elqdidh" , "value": "x"} ]\n\t}\n]';
  assert.equal(
    convert(text),
    '[\n\t{\n\t\t"global_key": "a",\n\t\t"row_data": "https://x.com/a.jpg",\n\t\t"media_type": "IMAGE",\n\t\t"customKey": 1.50,\n\t\t"metadata_fields": [ {"schema_id": "cko8s9r5v0001h2dk9elqdidh" , "value": "x"} ]\n\t}\n]',
  );
});

test('info joins a multi-line attachments array as its last element, indented like the others', () => {
  const text = [
    '[',
    '  {',
    '    "externalId": "v",',
    '    "info": { "type": "TEXT", "value": "https://x.com/t.txt" },',
    '    "videoUrl": "https://x.com/v.mp4",',
    '    "attachments": [',
    '      { "type": "IMAGE", "value": "https://x.com/a.png" }',
    '    ]',
    '  }',
    ']',
  ].join('\n');
  assert.equal(
    convert(text),
    [
      '[',
      '  {',
      '    "external_id": "v",',
      '    "row_data": "https://x.com/v.mp4",',
      '    "media_type": "VIDEO",',
      '    "attachments": [',
      '      { "type": "IMAGE", "value": "https://x.com/a.png" },',
      '      { "type": "TEXT_URL", "value": "https://x.com/t.txt" }',
      '    ]',
      '  }',
      ']',
    ].join('\n'),
  );
});

test('tiled imagery keys and conversation messages move into row_data, one level deeper, in their order', () => {
  const text = [
    '[',
    '  {',
    '    "externalId": "map",',
    '    "bounds": [[37.87, -122.31], [37.88, -122.30]],',
    '    "tileLayerUrl": "https://t.x.com/{z}/{x}/{y}.png",',
    '    "alternativeLayers": [',
    '      { "tileLayerUrl": "https://t.x.com/sat/{z}/{x}/{y}.jpg", "name": "Satellite" }',
    '    ]',
    '  },',
    '  {',
    '    "type": "application/vnd.labelbox.conversational",',
    '    "version": 1,',
    '    "externalId": "chat",',
    '    "conversationalData": [',
    '      { "messageId": "m0", "content": "Hi",',
    '        "user": { "userId": "u", "name": "U" } }',
    '    ]',
    '  }',
    ']',
  ].join('\n');
  assert.equal(
    convert(text),
    [
      '[',
      '  {',
      '    "external_id": "map",',
      '    "row_data": {',
      '      "bounds": [[37.87, -122.31], [37.88, -122.30]],',
      '      "tileLayerUrl": "https://t.x.com/{z}/{x}/{y}.png",',
      '      "alternativeLayers": [',
      '        { "tileLayerUrl": "https://t.x.com/sat/{z}/{x}/{y}.jpg", "name": "Satellite" }',
      '      ]',
      '    },',
      '    "media_type": "TMS_GEO"',
      '  },',
      '  {',
      '    "external_id": "chat",',
      '    "row_data": {',
      '      "type": "application/vnd.labelbox.conversational",',
      '      "version": 1,',
      '      "messages": [',
      '        { "messageId": "m0", "content": "Hi",',
      '          "user": { "userId": "u", "name": "U" } }',
      '      ]',
      '    },',
      '    "media_type": "CONVERSATIONAL"',
      '  }',
      ']',
    ].join('\n'),
  );
});

test('the report names the problems the converted rows have and the legacy rows did not', () => {
  const text =
    '[\n  { "externalId": "a", "imageUrl": "https://x.com/a.jpg" },\n  { "externalId": "b", "globalKey": "b", "imageUrl": "https://x.com/b.jpg" }\n]';
  const document = new ImportDocument(text, context);
  const added = problemsAdded(document, convertFileEdits(document), context);
  assert.deepEqual(
    added.map(({ code, severity, rows }) => ({ code, severity, rows })),
    [{ code: 'missing-global-key', severity: 'information', rows: 1 }],
  );
  assert.match(
    conversionMessage(2, added),
    /^Converted 2 rows to the current import format\. The current format reports what the legacy one did not: missing-global-key \(information\) in 1 row: This row has an external_id but no global_key\./,
  );
  // Turned off in the settings: not reported.
  assert.deepEqual(problemsAdded(document, convertFileEdits(document), context, { 'missing-global-key': 'off' }), []);
  assert.equal(conversionMessage(1, []), 'Converted 1 row to the current import format. It adds no problem the legacy rows did not have.');
});
