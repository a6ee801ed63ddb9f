import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, createValidationContext, ImportDocument, nextSignedUrlChange } from '../../service';
import { Random } from '../../bench/random';
import { apply, clamp, randomEdit, type Edit } from './helpers/randomEdits';

/**
 * Signed URLs under random edits: the expiry verdicts of an incrementally updated document
 * equal those of a fresh parse of its text, for the same fixed `now` (and for a second `now`
 * five hours later, so that the index of expiry moments is read at more than one place), and
 * so does the moment the verdicts next change by themselves.
 */

const SEQUENCES = Number(process.env.INCREMENTAL_SEQUENCES ?? 150);
const NOW = Date.parse('2026-12-05T12:00:00Z');
const LATER = NOW + 5 * 3_600_000;
const DAY = 86_400_000;
const context = createValidationContext();

function amzDate(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A row whose URL is signed around NOW: expired, expiring within the day, or valid for days; in row_data or an attachment. */
function signedRow(random: Random, index: number): string {
  const signedAt = NOW + random.int(-3 * DAY, DAY);
  const seconds = random.pick([60, 3600, 7 * 3600, 86_400, 604_800, 1_209_600]);
  const url = `https://lab-${index % 3}.s3.eu-west-1.amazonaws.com/img-${index}.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${amzDate(signedAt)}&X-Amz-Expires=${seconds}&X-Amz-Signature=ab${index}`;
  const se = `se=${new Date(signedAt + random.int(0, 2 * DAY)).toISOString().slice(0, 19)}Z`;
  // Now and then a start (st), before or after NOW.
  const st = random.chance(0.5) ? `st=${new Date(signedAt - random.int(-DAY, DAY)).toISOString().slice(0, 19)}Z&` : '';
  const azure = `https://lab.blob.core.windows.net/c/${index}.png?sv=2022-11-02&${st}${se}&sp=r&sig=x${index}`;
  if (random.chance(0.3))
    return `{ "row_data": "https://lab.example.org/${index}.jpg", "global_key": "k${index}", "media_type": "IMAGE", "attachments": [{ "type": "IMAGE_OVERLAY", "value": "${azure}" }] }`;
  return `{ "row_data": "${url}", "global_key": "k${index}", "media_type": "IMAGE" }`;
}

function startText(random: Random): string {
  const rows = Array.from({ length: random.int(0, 15) }, (_, index) =>
    random.chance(0.7) ? signedRow(random, index) : `{ "row_data": "https://lab.example.org/plain-${index}.jpg", "global_key": "p${index}" }`,
  );
  return random.chance(0.3) ? `[${rows.join(',')}]` : `[\n  ${rows.join(',\n  ')}\n]`;
}

/** Edits that touch the expiry: a digit of a date or a lifetime changed, a signed row pasted. */
function expiryEdit(random: Random, text: string): Edit {
  const places = [...text.matchAll(/X-Amz-(Date|Expires)=|se=|st=/g)].map((match) => match.index + match[0].length);
  if (places.length && random.chance(0.6)) {
    const offset = random.pick(places) + random.int(0, 9);
    return { change: { offset, removedLength: 1, text: String(random.int(0, 9)) }, via: random.chance(0.5) ? 'update' : 'applyChange' };
  }
  const at = text.indexOf('{', random.int(0, text.length));
  return {
    change: { offset: at < 0 ? Math.max(0, text.length - 1) : at, removedLength: 0, text: `${signedRow(random, random.int(100, 999))},` },
    via: 'update',
  };
}

function verdicts(document: ImportDocument) {
  return {
    now: collectDiagnostics(document, { now: NOW, maxProblems: 100_000 }),
    later: collectDiagnostics(document, { now: LATER, maxProblems: 100_000, expiringSoonMs: 6 * 3_600_000 }),
    capped: collectDiagnostics(document, { now: NOW, maxProblems: 3 }),
    next: nextSignedUrlChange(document, NOW, DAY),
  };
}

test(`signed URL verdicts: incremental equals fresh for a fixed now, over ${SEQUENCES} random edit sequences`, () => {
  let reported = 0;
  for (let seed = 1; seed <= SEQUENCES; seed++) {
    const random = new Random(seed);
    let text = startText(random);
    const document = new ImportDocument(text, context);
    for (let count = random.int(1, 15); count > 0; count--) {
      const edit = random.chance(0.5) ? expiryEdit(random, text) : randomEdit(random, text);
      const change = clamp(edit.change, text.length);
      text = apply(text, change);
      if (edit.via === 'update') document.update([change]);
      else document.applyChange(change, text);
      const incremental = verdicts(document);
      assert.deepStrictEqual(
        incremental,
        verdicts(new ImportDocument(text, context)),
        `seed ${seed} (INCREMENTAL_SEQUENCES=${seed}), after ${JSON.stringify(change)}`,
      );
      reported += incremental.now.filter((d) => d.code.startsWith('signed-url-')).length;
    }
  }
  // The sequences must have shown the rules at work, or this test would prove little.
  assert.ok(reported > SEQUENCES, `only ${reported} signed URL problems reported`);
});
