import { readFileSync } from 'node:fs';
import { JsonParser } from '../../server/src/service/json/parser';
import { validateParsedRow } from '../../server/src/service/validation/validateRow';
import { createValidationContext } from '../../server/src/service';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { usePrecompiledSchema } from '../../server/src/service/validation/validationContext';
usePrecompiledSchema(precompiledValidators);
const text = readFileSync(process.argv[2], 'utf8');
const context = createValidationContext();
const els: Array<{ start: number; valueEnd: number; value?: unknown }> = [];
new JsonParser(text).parseRoot((e) => els.push({ start: e.start, valueEnd: e.valueEnd }));
const repeats = Number(process.argv[3] ?? 5);
for (let r = 0; r < repeats; r++) {
  const t = performance.now();
  let parseMs = 0;
  for (const e of els) {
    const t0 = performance.now();
    const slice = text.slice(e.start, e.valueEnd);
    const value = JSON.parse(slice);
    parseMs += performance.now() - t0;
    validateParsedRow(value, slice, context);
  }
  console.log(`parse ${Math.round(parseMs)} check ${Math.round(performance.now() - t - parseMs)}`);
}
