/**
 * The command line's lower bound, next to the floor (reading the file plus JSON.parse): the
 * same, plus the import schema's validator on every row (`node checkingFloorCli.js FILE`).
 * Any command that checks the rows against the schema takes at least this long.
 */
import { readFileSync } from 'node:fs';
import { checkAgainstSchema } from './checkingFloor';

const file = process.argv[2];
if (!file) throw new Error('usage: checkingFloorCli.js FILE');
process.stdout.write(`${checkAgainstSchema(readFileSync(file, 'utf8'), true)}\n`);
