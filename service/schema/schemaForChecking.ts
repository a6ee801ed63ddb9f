/** The name of the current data row with any row_data, in the schema rows are checked against (schemaForChecking). */
export const CURRENT_ROW_BESIDE_ROW_DATA = 'currentDataRowBesideRowData';

type Definitions = { $id: string; definitions: Record<string, unknown> };

/**
 * The import schema as rows are checked against it: the published schema plus a current data
 * row that takes any row_data. checkRowData checks row_data against the one form the row means
 * and words its problems, so the schema's errors under row_data are not shown for current rows;
 * with this definition the union of row_data's forms is not even tried (Ajv tries each object
 * form in turn, most of the schema's time on rows of PDFs or conversations). The current row
 * sets no condition across its keys, so its other errors are the same
 * (test/unit/rowDataBesideSchema.test.ts).
 */
export function schemaForChecking<T extends Definitions>(schema: T): T {
  const current = schema.definitions.currentDataRow as { properties: Record<string, unknown> };
  const besideRowData = { ...current, properties: { ...current.properties, row_data: true } };
  return { ...schema, definitions: { ...schema.definitions, [CURRENT_ROW_BESIDE_ROW_DATA]: besideRowData } };
}
