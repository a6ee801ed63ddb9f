import { readFileSync } from 'node:fs';
import { createValidationContext, ImportDocument } from '../../server/src/service';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { usePrecompiledSchema } from '../../server/src/service/validation/validationContext';
usePrecompiledSchema(precompiledValidators);
const text = readFileSync(process.argv[2], 'utf8');
const context = createValidationContext();
for (let i = 0; i < Number(process.argv[3]); i++) {
const c0 = process.cpuUsage(); const t0 = performance.now();
new ImportDocument(text, context);
const c1 = process.cpuUsage(c0);
console.log(`run ${i}: ${Math.round(performance.now() - t0)} ms wall ${Math.round((c1.user + c1.system) / 1000)} ms cpu`);
}
