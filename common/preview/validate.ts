/** Small checks for values that crossed a trust boundary (a webview message, saved state). */

export type Plain = Record<string, unknown>;

export function isRecord(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function isShortString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

export function optionalString(value: unknown, maxLength: number): value is string | undefined {
  return value === undefined || isShortString(value, maxLength);
}
