import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doHover, type HoverResult } from '../../service/features/hover';
import { atCursor, CUSTOM_FIELDS } from './cursorText';
import schema from '../../schemas/data-row-import.schema.json';

/** Hover at the `|` in the text; also returns the hovered text. */
function hover(textWithCursor: string, custom = false): (HoverResult & { hovered: string }) | undefined {
  const { text, offset, document, context } = atCursor(textWithCursor, custom ? CUSTOM_FIELDS : undefined);
  const result = doHover(document, offset, context);
  return result && { ...result, hovered: text.slice(result.offset, result.offset + result.length) };
}

function contents(textWithCursor: string, custom = false): string {
  const result = hover(textWithCursor, custom);
  assert.ok(result, `no hover at ${textWithCursor}`);
  return result.contents;
}

const definitions = schema.definitions as unknown as Record<
  string,
  {
    markdownDescription: string;
    markdownEnumDescriptions?: string[];
    properties?: Record<string, { markdownDescription: string; markdownEnumDescriptions?: string[] }>;
  }
>;

test('on a key: the schema documentation and the allowed values', () => {
  const result = hover('[{"row_data": "x", "media_t|ype": "IMAGE"}]');
  assert.ok(result);
  assert.equal(result.hovered, '"media_type"');
  assert.ok(result.contents.startsWith(definitions.mediaType.markdownDescription));
  assert.match(result.contents, /Allowed values:\n- `"IMAGE"`: `row_data` is the URL of an image/);
  assert.match(result.contents, /- `"TMS_SIMPLE"`/);
  // A key without values to list: just its documentation.
  assert.equal(contents('[{"row_data": "x", "glo|bal_key": "a"}]'), definitions.globalKey.markdownDescription);
});

test('on keys of a legacy row and inside row_data: the documentation of that dialect and form', () => {
  assert.match(contents('[{"image|Url": "https://x.com/a.jpg"}]'), /^\*\*Image URL \(legacy\)\*\*/);
  assert.match(contents('[{"row_data": {"tileLayerUrl": "u", "ep|sg": "EPSG4326"}}]'), /Allowed values:\n- `"EPSG4326"`/);
  assert.match(contents('[{"row_data": "x", "attachments": [{"ty|pe": "IMAGE", "value": "v"}]}]'), /- `"CAMERA_IMAGE"`/);
});

test('on an enum value: what that value means', () => {
  const result = hover('[{"row_data": "x", "attachments": [{"type": "IMAGE_OV|ERLAY", "value": "https://x.com/o.png"}]}]');
  assert.ok(result);
  assert.equal(result.hovered, '"IMAGE_OVERLAY"');
  const types = definitions.attachment.properties!.type;
  assert.equal(result.contents, `\`"IMAGE_OVERLAY"\`: ${types.markdownEnumDescriptions![5]}`);
});

test("on a schema_id: the field's name, kind and options", () => {
  const result = hover('[{"row_data": "x", "metadata_fields": [{"schema_id": "cko8sbczn00|02h2dkdaxb5kal", "value": "cko8sbscr0003h2dk04w86hof"}]}]');
  assert.ok(result);
  assert.equal(result.hovered, '"cko8sbczn0002h2dkdaxb5kal"');
  assert.match(result.contents, /^\*\*split\*\*: Enum metadata field, reserved by Labelbox\./);
  assert.match(result.contents, /- `valid`: `cko8sc2yr0004h2dk69aj5x63`/);
  assert.match(
    contents('[{"imageUrl": "x", "metadataFields": [{"schemaId": "cko8sdzv700|06h2dk8jg64zvb", "value": "2024-01-01T00:00:00Z"}]}]'),
    /^\*\*captureDateTime\*\*: DateTime/,
  );
  assert.match(
    contents('[{"row_data": "x", "metadata_fields": [{"schema_id": "clw8x1y2z0003abcd|1234efgh", "value": 3}]}]', true),
    /^\*\*altitude\\_m\*\*: Number metadata field, from your organization's metadata schema\./,
  );
});

test('on an option id given as schema_id: which option it is and what to write instead', () => {
  const text = contents('[{"row_data": "x", "metadata_fields": [{"schema_id": "cko8sbscr00|03h2dk04w86hof", "value": "x"}]}]');
  assert.match(text, /\*\*train\*\*: option of the Enum field \*\*split\*\*/);
  assert.match(text, /put the field's id \(`cko8sbczn0002h2dkdaxb5kal`\) in `schema_id`/);
});

test('on an unknown schema id or name: says so, and how custom fields become known', () => {
  assert.match(
    contents('[{"row_data": "x", "metadata_fields": [{"name": "wea|ther", "value": "sunny"}]}]'),
    /No reserved metadata field is named `weather`\..*metadata schema/,
  );
  assert.match(contents('[{"row_data": "x", "metadata_fields": [{"name": "wea|ther", "value": "sunny"}]}]', true), /^\*\*weather\*\*: Enum metadata field/);
});

test('on an option id or name in value: the option and its field', () => {
  const byId = hover('[{"row_data": "x", "metadata_fields": [{"schema_id": "cko8sbczn0002h2dkdaxb5kal", "value": "cko8scbz7|0005h2dkastwhgqt"}]}]');
  assert.ok(byId);
  assert.equal(byId.hovered, '"cko8scbz70005h2dkastwhgqt"');
  assert.equal(byId.contents, '**test**: option of the Enum field **split**.\n\nOption id: `cko8scbz70005h2dkastwhgqt`');
  assert.match(
    contents('[{"row_data": "x", "metadata_fields": [{"name": "weather", "value": "over|cast"}]}]', true),
    /\*\*overcast\*\*: option of the Enum field \*\*weather\*\*\.\n\nOption id: `clw8x1y2z0002abcd1234efgh`/,
  );
});

test('on an image URL: a small thumbnail and the host', () => {
  const result = hover('[{"row_data": "https://images.example.com/a (1).jpg?sig=x|y", "media_type": "IMAGE"}]');
  assert.ok(result);
  assert.equal(result.hovered, '"https://images.example.com/a (1).jpg?sig=xy"');
  assert.match(result.contents, /^!\[Image preview\]\(https:\/\/images\.example\.com\/a%20%281%29\.jpg\?sig=xy\|width=240\)/);
  assert.match(result.contents, /Host: `images\.example\.com`/);
  // Legacy imageUrl, image attachments, and an image row without media_type (by extension).
  for (const input of [
    '[{"imageUrl": "https://h.com/|a.png"}]',
    '[{"row_data": "x", "attachments": [{"type": "CAMERA_IMAGE", "value": "https://h.com/|c.jpg"}]}]',
    '[{"externalId": "a", "data": "t", "info": {"type": "IMAGE", "value": "https://h.com/|i.jpg"}}]',
    '[{"row_data": "https://h.com/|photo.JPG"}]',
  ]) {
    assert.match(contents(input), /^!\[Image preview\]\(https:\/\/h\.com\/\w+\.\w+\|width=240\)/, input);
  }
});

test('the thumbnail markdown in full', () => {
  assert.equal(
    contents('[{"row_data": "x", "attachments": [{"type": "IMAGE_OVERLAY", "value": "https://h.com:8443/|o.png"}]}]'),
    '![Image preview](https://h.com:8443/o.png|width=240)\n\nHost: `h.com:8443`',
  );
});

test('no thumbnail for what is not an http(s) image', () => {
  for (const input of [
    '[{"row_data": "javascript:alert(1)//|a.png"}]',
    '[{"row_data": "data:image/png;base64,AAA|A", "media_type": "IMAGE"}]',
    '[{"row_data": "https://h.com/|clip.mp4", "media_type": "VIDEO"}]',
    '[{"row_data": "x", "attachments": [{"type": "RAW_TEXT", "value": "https://h.com/|a.png"}]}]',
  ]) {
    assert.doesNotMatch(hover(input)?.contents ?? '', /!\[/, input);
  }
  assert.match(
    contents('[{"row_data": "gs://bucket-a/|a.png", "media_type": "IMAGE"}]'),
    /^No thumbnail: the image is in the Google Cloud Storage bucket `bucket-a`/,
  );
  assert.match(contents('[{"row_data": "s3://bucket-b/|a.png", "media_type": "IMAGE"}]'), /^No thumbnail: the image is in the S3 bucket `bucket-b`/);
});

test('nothing on punctuation, between rows or outside the array', () => {
  assert.equal(hover('[{"row_data": "x"},| {"row_data": "y"}]'), undefined);
  assert.equal(hover('[{"row_data"|: "x"}]'), undefined);
  assert.equal(hover('|[{"row_data": "x"}]'), undefined);
  assert.equal(hover('[{"unknown_k|ey": "x"}]'), undefined);
});

test('on a signed URL: when it stops working, read from the URL (an image keeps its thumbnail, a text URL its docs)', () => {
  const s3 =
    'https://examplebucket.s3.amazonaws.com/te|st.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-Signature=aeee';
  const text = contents(`[{"row_data": "${s3}", "media_type": "TEXT"}]`);
  assert.match(text, /Amazon S3 presigned URL \(Signature Version 4\): valid until \*\*2013-05-25 00:00 UTC\*\* \(its `X-Amz-Date \+ X-Amz-Expires`\)\.$/);
  const image = contents(
    '[{"row_data": "https://lab.blob.core.windows.net/c/|a.png?sv=2022-11-02&se=2026-12-06T09%3A30%3A00Z&sp=r&sig=x", "media_type": "IMAGE"}]',
  );
  assert.match(image, /^!\[Image preview\]/);
  assert.match(image, /\n\nAzure shared access signature: valid until \*\*2026-12-06 09:30 UTC\*\* \(its `se`\)\.$/);
  assert.doesNotMatch(contents('[{"row_data": "https://h.com/|a.png?size=large", "media_type": "IMAGE"}]'), /valid until/);
});
