import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSignedUrlExpiry } from '../../common/signedUrls';

/**
 * The expiry of signed URLs, read from the URL alone. The URLs are the examples of each
 * provider's documentation (named per test), so that the parameter names, the time formats
 * and the arithmetic are theirs.
 */

const at = (iso: string) => Date.parse(iso);

test('Amazon S3, Signature Version 4: X-Amz-Date plus X-Amz-Expires seconds (example of the S3 API reference)', () => {
  const url =
    'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
  assert.deepEqual(readSignedUrlExpiry(url), {
    form: 'aws-v4',
    expiresAt: at('2013-05-25T00:00:00Z'),
    startsAt: at('2013-05-24T00:00:00Z'),
    lifetimeSeconds: 86400,
  });
});

test('Google Cloud Storage V4: X-Goog-Date plus X-Goog-Expires (python-storage signer test data, "Simple GET")', () => {
  const url =
    'https://storage.googleapis.com/test-bucket/test-object?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=test%40example.iam.gserviceaccount.com%2F20190201%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20190201T090000Z&X-Goog-Expires=10&X-Goog-SignedHeaders=host&X-Goog-Signature=95e6a13d43a1d1962e667f17397f2b80ac9bdd1669210d5e08e0135df9dff4e5';
  assert.deepEqual(readSignedUrlExpiry(url), {
    form: 'gcs-v4',
    expiresAt: at('2019-02-01T09:00:10Z'),
    startsAt: at('2019-02-01T09:00:00Z'),
    lifetimeSeconds: 10,
  });
});

test('the older forms: S3 Signature Version 2 and Cloud Storage V2 give Expires in seconds since 1970', () => {
  const s3 =
    'https://awsexamplebucket1.s3.us-west-1.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620';
  assert.deepEqual(readSignedUrlExpiry(s3), { form: 'aws-v2', expiresAt: 1175139620 * 1000 });
  const gcs =
    'https://storage.googleapis.com/example-bucket/cat.jpeg?GoogleAccessId=example%40example-project.iam.gserviceaccount.com&Expires=1331155464&Signature=BClz9e4UA2MRRDX62TPd8sNpUCxVsqUDG3YGPWvPcwN%2BmWBPqwgUYcOSszCPlgWREeF7oPGowkeKk7J4WApzkzxERdOQmAdrvshKSzUHg8Jqu1mz%2FyddwhxzbnmV';
  assert.deepEqual(readSignedUrlExpiry(gcs), { form: 'gcs-v2', expiresAt: 1331155464 * 1000 });
});

test('Azure shared access signature: se, and st when given, in ISO 8601 with percent-encoded colons (Microsoft Learn example)', () => {
  const url =
    'https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2015-04-05&st=2015-04-29T22%3A18%3A26Z&se=2015-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D';
  assert.deepEqual(readSignedUrlExpiry(url), { form: 'azure-sas', expiresAt: at('2015-04-30T02:23:26Z'), startsAt: at('2015-04-29T22:18:26Z') });
  const forms = ['2026-03-01', '2026-03-01T10:30Z', '2026-03-01T10:30:15.1234567Z', '2026-03-01T12:30:15%2B02:00', '2026-03-01T12:30:15+02:00'];
  const expected = [
    at('2026-03-01T00:00:00Z'),
    at('2026-03-01T10:30:00Z'),
    at('2026-03-01T10:30:15.123Z'),
    at('2026-03-01T10:30:15Z'),
    at('2026-03-01T10:30:15Z'),
  ];
  assert.deepEqual(
    forms.map((se) => (readSignedUrlExpiry(`https://a.blob.core.windows.net/c/b.jpg?sv=2022-11-02&se=${se}&sp=r&sig=x`) as { expiresAt: number }).expiresAt),
    expected,
  );
});

test('CloudFront: a canned policy gives Expires; a custom policy its DateLessThan and DateGreaterThan (CloudFront developer guide)', () => {
  const canned =
    'https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium&Expires=1767290400&Signature=nitfHRCrtziwO2HwPfWw~yYDhUF5EwRunQA-j19DzZrvDh6hQ73lDx~-ar3UocvvRQVw6EkC~GdpGQyyOSKQim-TxAnW7d8F5Kkai9HVx0FIu-5jcQb0UEmatEXAMPLE3ReXySpLSMj0yCd3ZAB4UcBCAqEijkytL6f3fVYNGQI6&Key-Pair-Id=K2JCJMDEHXQW5F';
  assert.deepEqual(readSignedUrlExpiry(canned), { form: 'cloudfront-canned', expiresAt: at('2026-01-01T18:00:00Z') });
  const policy = (statement: object) =>
    Buffer.from(JSON.stringify({ Statement: [statement] }))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/=/g, '_')
      .replace(/\//g, '~');
  const custom = policy({
    Resource: 'https://d111111abcdef8.cloudfront.net/game_download.zip',
    Condition: { IpAddress: { 'AWS:SourceIp': '192.0.2.0/24' }, DateLessThan: { 'AWS:EpochTime': 1296860226 } },
  });
  assert.deepEqual(readSignedUrlExpiry(`https://d111111abcdef8.cloudfront.net/game_download.zip?Policy=${custom}&Signature=x&Key-Pair-Id=K2JCJMDEHXQW5F`), {
    form: 'cloudfront-custom',
    expiresAt: 1296860226 * 1000,
  });
  const window = policy({ Condition: { DateGreaterThan: { 'AWS:EpochTime': 1700000000 }, DateLessThan: { 'AWS:EpochTime': 1700086400 } } });
  assert.deepEqual(readSignedUrlExpiry(`https://d.cloudfront.net/a.jpg?Policy=${window}&Signature=x&Key-Pair-Id=K`), {
    form: 'cloudfront-custom',
    expiresAt: 1700086400 * 1000,
    startsAt: 1700000000 * 1000,
  });
});

test('names are read without regard to case; a URL that is not signed has no expiry', () => {
  assert.equal(
    (readSignedUrlExpiry('https://b.s3.amazonaws.com/a.jpg?x-amz-date=20240101T000000Z&x-amz-expires=60&x-amz-signature=s') as { expiresAt: number }).expiresAt,
    at('2024-01-01T00:01:00Z'),
  );
  for (const url of [
    'https://example.com/a.jpg',
    'https://example.com/a.jpg?Expires=1700000000',
    'https://example.com/a.jpg?se=2026-01-01',
    'gs://bucket/a.jpg',
    'https://example.com/a.jpg#X-Amz-Date=20240101T000000Z&X-Amz-Expires=60',
  ]) {
    assert.equal(readSignedUrlExpiry(url), undefined, url);
  }
});

test('a signed URL whose time cannot be read says why, and is never given a moment', () => {
  const cases: Array<[string, RegExp]> = [
    ['https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=2024-01-01&X-Amz-Expires=60&X-Amz-Signature=s', /not of the form YYYYMMDDTHHMMSSZ/],
    ['https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=20240101T000000Z&X-Amz-Expires=soon&X-Amz-Signature=s', /not a whole number of seconds/],
    ['https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=20240230T000000Z&X-Amz-Expires=60', /YYYYMMDDTHHMMSSZ/],
    ['https://a.blob.core.windows.net/c/b.jpg?se=tomorrow&sig=x', /not a UTC date and time/],
    ['https://d.cloudfront.net/a.jpg?Expires=-1&Signature=x&Key-Pair-Id=K', /not a time in seconds since 1970/],
    ['https://d.cloudfront.net/a.jpg?Policy=not*base64&Signature=x&Key-Pair-Id=K', /no DateLessThan time/],
  ];
  for (const [url, problem] of cases) {
    const validity = readSignedUrlExpiry(url);
    assert.ok(validity && 'problem' in validity, url);
    assert.match(validity.problem, problem, url);
  }
});

test('hostile URLs: prototype names as parameters, a policy naming __proto__, long queries', () => {
  assert.equal(readSignedUrlExpiry('https://e.com/a.jpg?__proto__=1&constructor=2&toString=3'), undefined);
  const policy = Buffer.from('{"__proto__":{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]}}').toString('base64');
  assert.match(
    (readSignedUrlExpiry(`https://d.cloudfront.net/a.jpg?Policy=${policy}&Signature=x&Key-Pair-Id=K`) as { problem: string }).problem,
    /no DateLessThan/,
  );
  const long = `https://e.com/a.jpg?${'a=1&'.repeat(15_000)}X-Amz-Date=20240101T000000Z&X-Amz-Expires=60`;
  assert.equal((readSignedUrlExpiry(long) as { expiresAt: number }).expiresAt, at('2024-01-01T00:01:00Z'));
  assert.ok(readSignedUrlExpiry(`https://e.com/a.jpg?${'='.repeat(100_000)}`) === undefined);
});
