/**
 * Lookups by a string that came from a file or a workspace. A plain object answers
 * "constructor", "toString" or "__proto__" with what it inherits from Object.prototype (and
 * assigning "__proto__" replaces the prototype), so such a string is looked up in a Map or,
 * for parsed JSON values, among the object's own properties only.
 * scripts/checkHostileLookups.ts (run by the unit tests) allows no other lookup of that kind.
 */

/** The object's own property `key`, never an inherited one. */
export function ownValue<T>(object: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * ownValue for a value JSON.parse made, which holds no undefined: a key the object lacks (the
 * usual case when rules look for optional keys) is answered without the own-property test.
 */
export function ownParsedValue<T>(object: { readonly [key: string]: T }, key: string): T | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  // Object.prototype has no string, number or boolean properties: such a value is the object's own.
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  return Object.hasOwn(object, key) ? value : undefined;
}

/** Whether `key` is one of the object's own properties. */
export function hasOwnKey(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** A lookup table written as an object literal, kept as a Map. */
export function tableOf<T>(entries: { readonly [key: string]: T }): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}

/** Sets an own property, as JSON.parse does: a key "__proto__" stays a key instead of replacing the prototype. */
export function setOwnValue<T>(object: { [key: string]: T }, key: string, value: T): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Object keys in a value JSON.parse made, at every depth; -1 when it nests more than
 * `depthLeft` objects and arrays. Read with for-in, which makes no array of keys or values:
 * about twice as fast as Object.values on every row of a big file. The keys for-in yields are
 * the object's own: JSON.parse makes plain objects, and Object.prototype has no enumerable
 * property (nothing in this project adds one).
 */
export function countParsedKeys(value: unknown, depthLeft: number): number {
  if (value === null || typeof value !== 'object') return 0;
  return Array.isArray(value) ? keysInItems(value, depthLeft) : keysIn(value as { readonly [key: string]: unknown }, depthLeft);
}

// Strings, numbers and the like are skipped without a call. `depthLeft`: containers that may
// still be entered; -1 (returned up) when the value is deeper.
function keysInItems(items: readonly unknown[], depthLeft: number): number {
  if (--depthLeft < 0) return -1;
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'object' || item === null) continue;
    const inner = Array.isArray(item) ? keysInItems(item, depthLeft) : keysIn(item as { readonly [key: string]: unknown }, depthLeft);
    if (inner < 0) return -1;
    count += inner;
  }
  return count;
}

function keysIn(object: { readonly [key: string]: unknown }, depthLeft: number): number {
  if (--depthLeft < 0) return -1;
  let count = 0;
  // eslint-disable-next-line no-restricted-syntax -- a value JSON.parse made inherits only Object.prototype's keys, none enumerable.
  for (const key in object) {
    count++;
    const item = object[key];
    if (typeof item !== 'object' || item === null) continue;
    const inner = Array.isArray(item) ? keysInItems(item, depthLeft) : keysIn(item as { readonly [key: string]: unknown }, depthLeft);
    if (inner < 0) return -1;
    count += inner;
  }
  return count;
}
