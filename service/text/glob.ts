/**
 * Glob patterns, for the CLI's file arguments and the editor's `labelboxImport.files` setting.
 * Both come from outside (a command line, a repository's settings), so a pattern is checked
 * with a clear message when it cannot be used, and matched without backtracking: the pattern
 * becomes a small automaton whose states are all followed at once, one character of the path
 * at a time, so a match costs at most (path length × pattern length) steps whatever the
 * pattern (sixteen `*` included).
 *
 * `*` any run of characters but `/`; `?` one character but `/`; `**` any run of characters;
 * `**` then `/` any number of whole folders; `[abc]`, `[a-z]`, `[!a-z]` one character of a set (never
 * `/`); `{a,b}` either alternative (which may hold patterns and braces of their own).
 */

/** A pattern that cannot be used; the message says why, for the user. */
export class GlobError extends Error {}

export interface Glob {
  readonly pattern: string;
  matches(path: string): boolean;
}

export const MAX_GLOB_LENGTH = 1000;
/** Brace alternatives multiply ({a,b}{c,d} is four patterns): beyond this many, the pattern is refused. */
export const MAX_GLOB_ALTERNATIVES = 256;

type CharTest = (code: number) => boolean;
type State = { kind: 'char'; test: CharTest; next: number } | { kind: 'split'; a: number; b: number } | { kind: 'accept' };

const SLASH = 0x2f;
const anyChar: CharTest = () => true;
const notSlash: CharTest = (code) => code !== SLASH;

/** Compiles a pattern, or throws a GlobError saying what is wrong with it. */
export function compileGlob(pattern: string): Glob {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`${shorten(pattern)} is longer than ${MAX_GLOB_LENGTH} characters.`);
  const automata = expandBraces(pattern).map((alternative) => compileAlternative(alternative, pattern));
  return {
    pattern,
    matches: (path) => automata.some((states) => run(states, path)),
  };
}

/** Why a pattern cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  try {
    compileGlob(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof GlobError) return error.message;
    throw error;
  }
}

const compiled = new Map<string, Glob | GlobError>();
const MAX_CACHED = 500;

function cachedGlob(pattern: string): Glob | undefined {
  let entry = compiled.get(pattern);
  if (!entry) {
    try {
      entry = compileGlob(pattern);
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      entry = error;
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, entry);
  }
  return entry instanceof GlobError ? undefined : entry;
}

/**
 * Whether a file path (any separators) matches one of the globs; a glob without a slash
 * matches the file name anywhere. A pattern that cannot be used matches nothing (the settings
 * reader reports it: see globProblem).
 */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  const withoutRoot = normalized.startsWith('/') ? normalized.slice(1) : normalized;
  return globs.some((glob) => {
    const pattern = glob.includes('/') ? glob : `**/${glob}`;
    const matcher = cachedGlob(pattern.startsWith('/') || pattern.startsWith('**') ? pattern : `**/${pattern}`);
    return matcher !== undefined && (matcher.matches(normalized) || matcher.matches(withoutRoot));
  });
}

/** The pattern with each brace group replaced by one of its alternatives, in every combination. */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  const group = braceGroup(pattern, open);
  if (!group) {
    // No closing brace: the "{" is a plain character; later groups still count.
    return expandBraces(pattern.slice(open + 1)).map((rest) => pattern.slice(0, open + 1) + rest);
  }
  const before = pattern.slice(0, open);
  const rests = expandBraces(pattern.slice(group.end + 1));
  const results: string[] = [];
  for (const option of group.options) {
    for (const inner of expandBraces(option)) {
      for (const rest of rests) {
        results.push(before + inner + rest);
        if (results.length > MAX_GLOB_ALTERNATIVES) {
          throw new GlobError(`${shorten(pattern)} has more than ${MAX_GLOB_ALTERNATIVES} alternatives once its {…} groups are combined.`);
        }
      }
    }
  }
  return results;
}

/** The alternatives of the brace group opening at `open` and where it closes, or undefined when it never closes. */
function braceGroup(pattern: string, open: number): { options: string[]; end: number } | undefined {
  const options: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === '}') {
      options.push(pattern.slice(start, i));
      return { options, end: i };
    } else if (ch === ',' && depth === 0) {
      options.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  return undefined;
}

/** The automaton of a pattern without braces; states[0] is the start. */
function compileAlternative(pattern: string, whole: string): State[] {
  const states: State[] = [];
  // Each piece adds its states; `next` is the index of the state after it, filled in as it is known.
  const consume = (test: CharTest) => {
    states.push({ kind: 'char', test, next: states.length + 1 });
  };
  const repeat = (test: CharTest) => {
    const loop = states.length;
    states.push({ kind: 'split', a: loop + 1, b: loop + 2 }, { kind: 'char', test, next: loop });
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] !== '*') {
        repeat(notSlash);
        continue;
      }
      if (pattern[i + 2] === '/') {
        // `**/`: nothing, or any characters ending with a slash.
        const start = states.length;
        states.push(
          { kind: 'split', a: start + 4, b: start + 1 },
          { kind: 'split', a: start + 2, b: start + 3 },
          { kind: 'char', test: anyChar, next: start + 1 },
          { kind: 'char', test: (code) => code === SLASH, next: start + 4 },
        );
        i += 2;
      } else {
        repeat(anyChar);
        i += 1;
        // More stars mean no more than two.
        while (pattern[i + 1] === '*') i++;
      }
    } else if (ch === '?') {
      consume(notSlash);
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        consume(literal(ch));
      } else {
        consume(characterSet(pattern.slice(i + 1, close), whole));
        i = close;
      }
    } else {
      consume(literal(ch));
    }
  }
  states.push({ kind: 'accept' });
  return states;
}

function literal(ch: string): CharTest {
  const code = ch.charCodeAt(0);
  return (candidate) => candidate === code;
}

/** `abc`, `a-z0-9`, `!a-z` (any but those): the content of a […] group. */
function characterSet(body: string, whole: string): CharTest {
  const negated = body.startsWith('!') || body.startsWith('^');
  const content = negated ? body.slice(1) : body;
  if (!content) throw new GlobError(`${shorten(whole)} has an empty character set "[${body}]".`);
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < content.length; i++) {
    const from = content.charCodeAt(i);
    if (content[i + 1] === '-' && i + 2 < content.length) {
      const to = content.charCodeAt(i + 2);
      if (to < from) {
        throw new GlobError(`${shorten(whole)} has the range "${content[i]}-${content[i + 2]}", which is backwards: write "${content[i + 2]}-${content[i]}".`);
      }
      ranges.push([from, to]);
      i += 2;
    } else {
      ranges.push([from, from]);
    }
  }
  return (code) => code !== SLASH && ranges.some(([from, to]) => code >= from && code <= to) !== negated;
}

/** Follows every state at once over the path's characters: no backtracking. */
function run(states: readonly State[], path: string): boolean {
  let current: number[] = [];
  let next: number[] = [];
  const seen = new Int32Array(states.length).fill(-1);
  const stack: number[] = [];
  const add = (list: number[], start: number, generation: number) => {
    stack.push(start);
    while (stack.length) {
      const index = stack.pop()!;
      if (seen[index] === generation) continue;
      seen[index] = generation;
      const state = states[index];
      if (state.kind === 'split') stack.push(state.b, state.a);
      else list.push(index);
    }
  };
  add(current, 0, 0);
  for (let position = 0; position < path.length && current.length; position++) {
    const code = path.charCodeAt(position);
    next.length = 0;
    for (const index of current) {
      const state = states[index];
      if (state.kind === 'char' && state.test(code)) add(next, state.next, position + 1);
    }
    [current, next] = [next, current];
  }
  return current.some((index) => states[index].kind === 'accept');
}

function shorten(pattern: string): string {
  return JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 77)}…` : pattern);
}
