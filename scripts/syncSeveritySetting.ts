// Writes what the rule registry says about each rule where users read it: the per-rule
// properties of the `labelboxImport.severity` setting in package.json (so that settings.json
// completes every rule code), and the rules table of README.md (between its markers).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULES } from '../service/rules';
import { rulesTable, settingDescription, TABLE_END, TABLE_START } from './ruleDocs';

const manifestPath = resolve(__dirname, '../package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const setting = manifest.contributes.configuration.properties['labelboxImport.severity'];
setting.properties = Object.fromEntries(
  Object.entries(RULES)
    .filter(([code]) => code !== 'too-many-problems')
    .map(([code, rule]) => [code, { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], markdownDescription: settingDescription(rule) }]),
);
setting.additionalProperties = false;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

const readmePath = resolve(__dirname, '../README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(TABLE_START);
const end = readme.indexOf(TABLE_END);
if (start < 0 || end < start) throw new Error(`README.md has no rules table between "${TABLE_START}" and "${TABLE_END}".`);
writeFileSync(readmePath, readme.slice(0, start) + rulesTable() + readme.slice(end + TABLE_END.length));
