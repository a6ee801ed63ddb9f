import { resolve } from 'node:path';
import { collectDiagnostics } from '../../server/src/service';
import { checkFile, documentOf, RowCheckers } from '../../server/src/node/checkFile';
import { MetadataSchemas } from '../../server/src/cli/metadataSchemas';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { usePrecompiledSchema } from '../../server/src/service/validation/validationContext';
usePrecompiledSchema(precompiledValidators);
async function main() {
  const file = process.argv[2];
  const mode = process.argv[3];
  const context = new MetadataSchemas(undefined).contextFor(file);
  const checkers = new RowCheckers(mode === 'inline' ? undefined : resolve('/work/wt-huge/dist/checkWorker.js'), () => 2);
  const t = performance.now(); const c = process.cpuUsage();
  const checked = await checkFile(file, context, { checkers });
  const n = collectDiagnostics(documentOf(checked, context)).length;
  const cu = process.cpuUsage(c);
  checkers.close();
  console.log(`${mode}: ${Math.round(performance.now() - t)} ms wall, ${Math.round((cu.user + cu.system) / 1000)} ms cpu, ${n} problems`);
}
main();
