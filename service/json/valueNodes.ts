import { countParsedKeys, ownParsedValue } from '../../common/ownKeys';
import { SEARCHED_UP_TO, type ArrayNode, type ContainerNode, type JsonNode, type JsonValue, type ObjectNode, type PropertyNode, type StringNode } from './ast';

/**
 * Trees over values that came from JSON.parse, with the shape of the parser's trees but no
 * positions (offset -1). A row that parsed cleanly is checked on such a tree; only a row
 * with problems is parsed again with positions, to place them. Children are made when first
 * read, since the rules look at a few parts of a row only.
 */

export const NO_OFFSET = -1;

type Parent = ContainerNode | PropertyNode | undefined;

class ValueObjectNode implements ObjectNode {
  readonly type = 'object';
  readonly offset = NO_OFFSET;
  readonly length = 0;
  private cachedProperties: PropertyNode[] | undefined;
  /** Property nodes made so far, by lookup or listing; one per key, so that nodes keep their identity. */
  private made: ValuePropertyNode[] | undefined;
  /** Instead of `made` once there are more than SEARCHED_UP_TO: the same nodes by name. */
  private madeByName: Map<string, ValuePropertyNode> | undefined;

  constructor(
    private readonly object: { [key: string]: JsonValue },
    public parent: Parent,
  ) {}

  get properties(): PropertyNode[] {
    this.cachedProperties ??= Object.keys(this.object).map((key) => this.propertyNamed(key)!);
    return this.cachedProperties;
  }

  /** Rules mostly look up a few keys by name: that makes only the nodes they ask for. */
  propertyNamed(name: string): PropertyNode | undefined {
    // The same few keys are asked for again and again (row_data by most rules): look among the nodes made first.
    const made = this.made;
    const byName = this.madeByName;
    if (byName) {
      const found = byName.get(name);
      if (found) return found;
    } else if (made) for (let i = 0; i < made.length; i++) if (made[i].name === name) return made[i];
    // Once every key is listed, a name not among them is not a key: rules ask for many absent keys.
    if (this.cachedProperties) return undefined;
    const raw = ownParsedValue(this.object, name);
    if (raw === undefined) return undefined;
    const property = new ValuePropertyNode(this, name, raw);
    if (byName) byName.set(name, property);
    else if ((this.made ??= []).push(property) > SEARCHED_UP_TO) {
      this.madeByName = new Map(this.made.map((node) => [node.name, node]));
      this.made = undefined;
    }
    return property;
  }

  stringNamed(name: string): string | undefined {
    if (this.cachedProperties) {
      const property = this.propertyNamed(name);
      return property ? stringOf(property.value) : undefined;
    }
    const raw = ownParsedValue(this.object, name);
    return typeof raw === 'string' ? raw : undefined;
  }
}

class ValuePropertyNode implements PropertyNode {
  readonly type = 'property';
  readonly offset = NO_OFFSET;
  readonly length = 0;
  readonly colonOffset = NO_OFFSET;
  private cachedKey: StringNode | undefined;
  private cachedValue: JsonNode | undefined;

  constructor(
    readonly parent: ObjectNode,
    readonly name: string,
    private readonly raw: JsonValue,
  ) {}

  get key(): StringNode {
    this.cachedKey ??= { type: 'string', offset: NO_OFFSET, length: 0, value: this.name, parent: this.parent };
    return this.cachedKey;
  }

  get value(): JsonNode {
    this.cachedValue ??= nodeOfValue(this.raw, this);
    return this.cachedValue;
  }
}

class ValueArrayNode implements ArrayNode {
  readonly type = 'array';
  readonly offset = NO_OFFSET;
  readonly length = 0;
  private cachedItems: JsonNode[] | undefined;

  constructor(
    private readonly array: JsonValue[],
    public parent: Parent,
  ) {}

  get items(): JsonNode[] {
    this.cachedItems ??= this.array.map((item) => nodeOfValue(item, this));
    return this.cachedItems;
  }
}

function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? node.value : undefined;
}

export function nodeOfValue(value: JsonValue, parent: Parent = undefined): JsonNode {
  if (value === null) return { type: 'null', offset: NO_OFFSET, length: 0, value: null, parent };
  switch (typeof value) {
    case 'string':
      return { type: 'string', offset: NO_OFFSET, length: 0, value, parent };
    case 'number':
      return { type: 'number', offset: NO_OFFSET, length: 0, value, isInteger: Number.isInteger(value), parent };
    case 'boolean':
      return { type: 'boolean', offset: NO_OFFSET, length: 0, value, parent };
    default:
      return Array.isArray(value) ? new ValueArrayNode(value, parent) : new ValueObjectNode(value, parent);
  }
}

/**
 * Number of object keys in a value, to compare with the keys in its text (a repeated key
 * disappears in JSON.parse); -1 when it nests more than `maxDepth` objects and arrays.
 */
export function countKeys(value: JsonValue, maxDepth = Number.MAX_SAFE_INTEGER): number {
  return countParsedKeys(value, maxDepth);
}
