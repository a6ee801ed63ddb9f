import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, createValidationContext, ImportDocument, MetadataCatalog, type ImportDiagnostic } from '../../service';
import { doComplete } from '../../service/features/completion';
import { convertFileEdits } from '../../service/features/convertToCurrentFormat';
import { documentLinks } from '../../service/features/documentLinks';
import { documentSymbols } from '../../service/features/documentSymbols';
import { foldingSpans } from '../../service/features/foldingRanges';
import { formatEdits } from '../../service/features/formatting';
import { galleryPage } from '../../service/features/gallery';
import { doHover } from '../../service/features/hover';
import { quickFixEdits } from '../../service/features/quickFixes';
import { rowDetails } from '../../service/features/rows';
import { addressesOf, describeRow, isRowModel } from '../../common/preview/rowModel';
import { Random } from '../../bench/random';
import { applyEdit, hostileDocument, hostileEdits, PROTOTYPE_NAMES, unreadable } from './hostileDocuments';

/**
 * The language service on thousands of hostile documents, in this process: every feature an
 * editor asks for, at random places, answers without throwing and in bounded time, every
 * problem has a readable message at a place inside the text, and a document edited step by
 * step ends with the problems a fresh check of its final text finds. The seed is printed with
 * any failure; FUZZ_SEED and FUZZ_DOCUMENTS replay or widen a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 1000);
const EDITED_DOCUMENTS = Math.round(DOCUMENTS / 6);
/**
 * A generous guard per document: a few seconds, and 10 µs per character for the megabyte
 * ones (linear work takes about a tenth of that); a quadratic blow-up takes far longer.
 */
const boundMs = (text: string) => 5000 + text.length / 100;

/** A schema whose field and option names are Object.prototype's too. */
const catalog = new MetadataCatalog(
  PROTOTYPE_NAMES.map((name, index) => ({
    id: `cl${String(index).padStart(23, '0')}`,
    name,
    kind: index % 2 ? 'enum' : 'string',
    reserved: false,
    options: index % 2 ? [{ id: `op${String(index).padStart(23, '0')}`, name }] : [],
  })),
  { source: 'prototype-named.json' },
);
const contexts = [createValidationContext(), createValidationContext(catalog)];

function checkDiagnostics(diagnostics: readonly ImportDiagnostic[], text: string, where: string): void {
  for (const diagnostic of diagnostics) {
    const problem = unreadable(diagnostic.message, text);
    assert.equal(problem, undefined, `${where}: ${diagnostic.code} has ${problem}`);
    assert.ok(
      diagnostic.offset >= 0 && diagnostic.length >= 0 && diagnostic.offset + diagnostic.length <= text.length + 1,
      `${where}: ${diagnostic.code} at ${diagnostic.offset}+${diagnostic.length} in ${text.length}`,
    );
    for (const related of diagnostic.related ?? []) assert.equal(unreadable(related.message, text), undefined, `${where}: related of ${diagnostic.code}`);
  }
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** Asks for every feature an editor uses, at a few random places. */
function exerciseFeatures(document: ImportDocument, text: string, random: Random, where: string, context = contexts[0]): void {
  const offsets = [0, text.length, ...Array.from({ length: 4 }, () => random.int(0, text.length))];
  for (const offset of offsets) {
    const completion = doComplete(document, offset, context);
    for (const entry of completion) assert.equal(unreadable(entry.label, text), undefined, `${where}: completion at ${offset}`);
    const hover = doHover(document, offset, context);
    if (hover) assert.doesNotMatch(hover.contents, /\[native code\]|\[object Object\]/, `${where}: hover at ${offset}`);
  }
  for (const diagnostic of collectDiagnostics(document)) {
    for (const fix of diagnostic.fixes ?? []) quickFixEdits(document, diagnostic.offset, diagnostic.length, fix);
  }
  documentSymbols(document);
  documentLinks(document);
  foldingSpans(document, 5000, () => true);
  const formatted = formatEdits(text, { tabSize: random.pick([2, 4, 1e9, 0, -3, Number.NaN]), insertSpaces: random.chance(0.5) });
  if ('refused' in formatted) assert.match(formatted.refused, /too deep/);
  convertFileEdits(document);
  galleryPage(document, 0, 50, { text: random.pick(PROTOTYPE_NAMES) });
  for (let index = 0; index < Math.min(document.rows.length, 3); index++) {
    const details = rowDetails(document, index);
    if (!details) continue;
    const model = describeRow(details.value, details.facts.mediaType ?? details.facts.inferredMediaType, {});
    addressesOf(model);
    // What the panel sends, the page accepts.
    assert.ok(isRowModel(JSON.parse(JSON.stringify(model))), `${where}: row model of row ${index}`);
    for (const text of strings(model)) assert.doesNotMatch(text, /\[native code\]|function Object\(/, `${where}: preview of row ${index}`);
  }
}

test(`${DOCUMENTS} hostile documents: every feature answers, every problem reads (seed ${SEED})`, () => {
  const random = new Random(SEED);
  for (let n = 0; n < DOCUMENTS; n++) {
    const text = hostileDocument(random);
    const where = `document ${n} of seed ${SEED}`;
    const started = performance.now();
    const context = random.pick(contexts);
    const document = new ImportDocument(text, context);
    checkDiagnostics(collectDiagnostics(document, { maxProblems: random.pick([1, 1000]) }), text, where);
    exerciseFeatures(document, text, random, where, context);
    const ms = performance.now() - started;
    assert.ok(ms < boundMs(text), `${where} took ${Math.round(ms)} ms: ${JSON.stringify(text.slice(0, 120))}…`);
  }
});

test(`${EDITED_DOCUMENTS} hostile edit sequences end as a fresh check of their text (seed ${SEED + 1})`, () => {
  const random = new Random(SEED + 1);
  const context = contexts[1];
  for (let n = 0; n < EDITED_DOCUMENTS; n++) {
    let text = hostileDocument(random);
    const document = new ImportDocument(text, context);
    const edits = hostileEdits(random, text, random.int(3, 15));
    edits.forEach((edit, step) => {
      document.applyChange(edit);
      text = applyEdit(text, edit);
      // Some features between edits, as an editor asks for them while typing.
      if (step % 4 === 1) doComplete(document, Math.min(text.length, edit.offset + edit.text.length), context);
    });
    const where = `edited document ${n} of seed ${SEED + 1}`;
    assert.equal(document.text, text, `${where}: text`);
    const diagnostics = collectDiagnostics(document);
    checkDiagnostics(diagnostics, text, where);
    assert.deepEqual(diagnostics, collectDiagnostics(new ImportDocument(text, context)), `${where}: diagnostics after ${JSON.stringify(edits).slice(0, 300)}`);
  }
});
