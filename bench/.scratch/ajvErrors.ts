import { readFileSync } from 'node:fs';
import { createValidationContext } from '../../server/src/service';
import { JsonParser } from '../../server/src/service/json/parser';
const text = readFileSync(process.argv[2], 'utf8');
const context = createValidationContext();
const validate = context.schema.definition('currentDataRow');
let failing = 0, total = 0; const byPath = new Map<string, number>();
new JsonParser(text).parseRoot((e) => {
  total++;
  if (e.value && !validate(e.value)) { failing++; for (const err of validate.errors ?? []) { const k = `${err.instancePath.replace(/\/\d+/g, '/N')} ${err.keyword}`; byPath.set(k, (byPath.get(k) ?? 0) + 1); } }
});
console.log(total, 'rows', failing, 'fail ajv');
console.log([...byPath].sort((a, b) => b[1] - a[1]).slice(0, 15));
