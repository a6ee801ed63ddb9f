import { getProperty, type JsonNode, type ObjectNode, type PropertyNode, type StringNode } from './ast';

/** One step down from a container: to a property's key or value, or to an array item. */
export type PathStep = { kind: 'key' | 'value'; name: string } | { kind: 'item'; index: number };

/** Whether `node` is the key of one of `object`'s properties (keys point at their object, not their property). */
function isKeyOf(node: StringNode, object: ObjectNode): boolean {
  return getProperty(object, node.value)?.key === node;
}

/**
 * The steps from `root` down to `node`, or undefined when `node` is not inside `root`. A key
 * step can only be the last one. Keys are told apart by name, so the path is only meaningful
 * in an object without repeated keys.
 */
export function pathTo(node: JsonNode, root: JsonNode): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let current: JsonNode = node;
  while (current !== root) {
    const parent: JsonNode | PropertyNode | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'property') {
      steps.push({ kind: 'value', name: parent.key.value });
      current = parent.parent;
    } else if (parent.type === 'array') {
      const index = parent.items.indexOf(current);
      if (index < 0) return undefined;
      steps.push({ kind: 'item', index });
      current = parent;
    } else if (current.type === 'string' && isKeyOf(current, parent)) {
      steps.push({ kind: 'key', name: current.value });
      current = parent;
    } else {
      return undefined;
    }
  }
  return steps.reverse();
}
