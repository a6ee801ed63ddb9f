import { setOwnValue } from '../../common/ownKeys';

/**
 * Syntax tree of a JSON value. Offsets are relative to the start of the row (or whatever
 * `base` the parser was given), so a row's tree stays valid when text before it changes.
 */

export type JsonNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;
export type ContainerNode = ObjectNode | ArrayNode;

interface NodeBase {
  offset: number;
  length: number;
  parent: ContainerNode | PropertyNode | undefined;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  properties: PropertyNode[];
  /** A direct lookup by name, where the node has one (trees over parsed values): see getProperty. */
  propertyNamed?(name: string): PropertyNode | undefined;
  /** A direct read of a string property without making nodes, where the node has one (trees over parsed values): see stringProperty. */
  stringNamed?(name: string): string | undefined;
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  items: JsonNode[];
}

export interface PropertyNode {
  type: 'property';
  offset: number;
  length: number;
  key: StringNode;
  /** Offset of the ':' or -1 when it is missing. */
  colonOffset: number;
  /** Missing when the text after the key is not a value. */
  value: JsonNode | undefined;
  parent: ObjectNode;
}

export interface StringNode extends NodeBase {
  type: 'string';
  value: string;
}

export interface NumberNode extends NodeBase {
  type: 'number';
  value: number;
  isInteger: boolean;
}

export interface BooleanNode extends NodeBase {
  type: 'boolean';
  value: boolean;
}

export interface NullNode extends NodeBase {
  type: 'null';
  value: null;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonPathSegment = string | number;

export function getProperty(node: ObjectNode, name: string): PropertyNode | undefined {
  if (node.propertyNamed) return node.propertyNamed(name);
  const properties = node.properties;
  if (properties.length > SEARCHED_UP_TO) return propertyIndexOf(node).get(name);
  // Last one wins, as in JSON.parse and in Labelbox's own parser.
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i].key.value === name) return properties[i];
  }
  return undefined;
}

/**
 * Objects with more properties than this are looked up in an index, not searched (here and in
 * the trees over parsed values): a row of 300,000 unknown keys, each looked up to be reported,
 * took minutes searched one by one.
 */
export const SEARCHED_UP_TO = 32;

const propertyIndexes = new WeakMap<ObjectNode, { count: number; byName: Map<string, PropertyNode> }>();

/** The object's properties by name (the last one of a name, as getProperty finds it), made once per object. */
function propertyIndexOf(node: ObjectNode): Map<string, PropertyNode> {
  const properties = node.properties;
  let index = propertyIndexes.get(node);
  // Made again if properties were added since (the parser's trees do not change once made).
  if (!index || index.count !== properties.length) {
    const byName = new Map<string, PropertyNode>();
    for (const property of properties) byName.set(property.key.value, property);
    index = { count: properties.length, byName };
    propertyIndexes.set(node, index);
  }
  return index.byName;
}

/**
 * The property's value when it is a string: what `getProperty(node, name)?.value` holds then.
 * On a tree over a parsed value it makes no nodes, which only a problem to report needs.
 */
export function stringProperty(node: ObjectNode, name: string): string | undefined {
  if (node.stringNamed) return node.stringNamed(name);
  const value = getProperty(node, name)?.value;
  return value?.type === 'string' ? value.value : undefined;
}

export function getPropertyValue(node: ObjectNode, name: string): JsonNode | undefined {
  return getProperty(node, name)?.value;
}

/** The plain value of a node. Properties without a value are left out. */
export function toValue(node: JsonNode): JsonValue {
  switch (node.type) {
    case 'object': {
      const result: { [key: string]: JsonValue } = {};
      for (const property of node.properties) {
        // Defined, not assigned: a "__proto__" key stays a key, as in JSON.parse, instead of becoming the prototype.
        if (property.value) setOwnValue(result, property.key.value, toValue(property.value));
      }
      return result;
    }
    case 'array': {
      const result = new Array<JsonValue>(node.items.length);
      for (let i = 0; i < node.items.length; i++) result[i] = toValue(node.items[i]);
      return result;
    }
    default:
      return node.value;
  }
}

/** Follows a path of property names and array indexes from `root`. */
export function findNodeAtPath(root: JsonNode, path: readonly JsonPathSegment[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === 'object' && typeof segment === 'string') {
      node = getPropertyValue(node, segment);
    } else if (node.type === 'array' && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

/** The innermost node whose span contains `offset` (end inclusive, so the cursor after a value finds it). */
export function findNodeAtOffset(root: JsonNode, offset: number): JsonNode | undefined {
  if (offset < root.offset || offset > root.offset + root.length) return undefined;
  let node: JsonNode = root;
  for (;;) {
    let child: JsonNode | undefined;
    if (node.type === 'object') {
      for (const property of node.properties) {
        if (offset < property.offset) break;
        if (offset <= property.key.offset + property.key.length && offset >= property.key.offset) {
          return property.key;
        }
        const value = property.value;
        if (value && offset >= value.offset && offset <= value.offset + value.length) {
          child = value;
          break;
        }
      }
    } else if (node.type === 'array') {
      for (const item of node.items) {
        if (offset < item.offset) break;
        if (offset <= item.offset + item.length) {
          child = item;
          break;
        }
      }
    }
    if (!child) return node;
    node = child;
  }
}

/** Path from the root to `node`; for a property key, the path of its property. */
export function getNodePath(node: JsonNode): JsonPathSegment[] {
  const path: JsonPathSegment[] = [];
  let current: JsonNode | PropertyNode = node;
  while (current.parent) {
    const parent: ContainerNode | PropertyNode = current.parent;
    if (parent.type === 'property') {
      path.push(parent.key.value);
      current = parent.parent;
    } else if (parent.type === 'array') {
      path.push(parent.items.indexOf(current));
      current = parent;
    } else {
      // A key node: its parent is the object, reached through the property holding it.
      const owner = parent.properties.find((p) => p.key === current);
      if (owner) path.push(owner.key.value);
      current = parent;
    }
  }
  return path.reverse();
}

/** The property whose key is `node`, if `node` is a key. */
export function propertyOfKey(node: JsonNode): PropertyNode | undefined {
  if (node.type !== 'string' || node.parent?.type !== 'object') return undefined;
  return node.parent.properties.find((p) => p.key === node);
}
