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
