// Writes the per-rule properties of the `labelboxImport.severity` setting in package.json
// from the rule registry, so that settings.json completes every rule code.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULES } from '../server/src/service/rules';

const path = resolve(__dirname, '../package.json');
const manifest = JSON.parse(readFileSync(path, 'utf8'));
const setting = manifest.contributes.configuration.properties['labelboxImport.severity'];
setting.properties = Object.fromEntries(
  Object.entries(RULES)
    .filter(([code]) => code !== 'too-many-problems')
    .map(([code, rule]) => [
      code,
      { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], markdownDescription: `${rule.description} Default: \`${rule.severity}\`.` },
    ]),
);
setting.additionalProperties = false;
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
