import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createValidationContext, checkInPieces, checkBatchHere, type RowBatchChecker } from '../../server/src/service';
import { CheckWorkerPool } from '../../server/src/node/checkWorkerPool';
import * as precompiledValidators from 'labelbox-import:precompiled-schema';
import { usePrecompiledSchema } from '../../server/src/service/validation/validationContext';
usePrecompiledSchema(precompiledValidators);
const text = readFileSync(process.argv[2], 'utf8');
const mode = process.argv[3];
const context = createValidationContext();
async function main() {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 4 << 20) pieces.push(text.slice(i, i + (4 << 20)));
  const pool = new CheckWorkerPool(resolve('/work/wt-huge/dist/checkWorker.js'), Number(process.argv[4] ?? 2));
  for (let run = 0; run < 4; run++) {
    let checkMs = 0;
    const timed: RowBatchChecker = { check: (b, c) => { const t = performance.now(); const r = (mode === 'inline' ? checkBatchHere : pool).check(b, c); checkMs += performance.now() - t; return r; } };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { checked } = await checkInPieces(pieces, context, { checker: timed, batchLength: Number(process.argv[5] ?? 512 * 1024) });
    const c1 = process.cpuUsage(c0);
    console.log(`${mode} run ${run}: ${Math.round(performance.now() - t0)} ms wall, ${Math.round((c1.user + c1.system) / 1000)} ms cpu (process), dispatch ${Math.round(checkMs)} ms, rows ${checked.rows.length}`);
  }
  pool.close();
}
main();
