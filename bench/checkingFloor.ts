import * as validators from 'labelbox-import:precompiled-schema';

/**
 * What the lower bounds (checkingFloorServer.ts, checkingFloorCli.ts) do with a file's text:
 * JSON.parse, and with `withSchema` the schema's validator on each row (the legacy one for a
 * row with "rowData"). Returns the rows the schema rejects (-1 without the schema).
 */
export function checkAgainstSchema(text: string, withSchema: boolean): number {
  const rows = JSON.parse(text) as unknown;
  if (!withSchema || !Array.isArray(rows)) return -1;
  let invalid = 0;
  for (const row of rows) {
    const legacy = row !== null && typeof row === 'object' && Object.hasOwn(row, 'rowData');
    if (!(legacy ? validators.legacyDataRow : validators.currentDataRow)(row)) invalid++;
  }
  return invalid;
}
