/** "Did you mean" suggestions for misspelt keys and values. */

function normalize(word: string): string {
  return word.toLowerCase().replace(/[_\-\s]/g, '');
}

/**
 * Edits (insert, delete, replace, or swap two neighbouring letters) that turn `a` into `b`.
 * A swap counts as one edit: `trian` is one typo away from `train`.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
      }
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/** Rows of the bounded distance, reused: it runs hundreds of times per misspelt id. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * `editDistance(a, b)` when it is at most `max`, else `max + 1`. Only the diagonal band of width
 * 2·max+1 is computed, so comparing against hundreds of 25-character ids stays cheap.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return over;
  if (rows[0].length <= b.length + 1) rows = rows.map(() => new Int32Array(b.length * 2 + 2));
  let [beforePrevious, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[from - 1] = from === 1 ? (i <= max ? i : over) : over;
    if (to < b.length) current[to + 1] = over;
    let best = current[from - 1];
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const other = b.charCodeAt(j - 1);
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (code === other ? 0 : 1), over);
      // Two neighbouring letters swapped count as one edit, as in editDistance.
      if (i > 1 && j > 1 && code === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === other) value = Math.min(value, beforePrevious[j - 2] + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return over;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length], over);
}

/**
 * The candidate the user most likely meant: the same word in another case or spelling
 * (`rowData` → `row_data`, `image` → `IMAGE`), else the nearest one within a few typos.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (!input) return undefined;
  const wanted = normalize(input);
  const normalized = normalizedList(candidates);
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i] !== input && normalized[i] === wanted) return candidates[i];
  }
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i] === input) continue;
    // Bounded: only a distance below the best so far matters.
    const distance = boundedEditDistance(wanted, normalized[i], bestDistance - 1);
    if (distance < bestDistance) {
      best = candidates[i];
      bestDistance = distance;
    }
  }
  if (best || wanted.length < 3) return best;
  // An abbreviation: `IMG` for IMAGE, `vid` for VIDEO.
  const abbreviated = candidates.filter((_, i) => normalized[i].length <= wanted.length * 2 && isSubsequence(wanted, normalized[i]));
  return abbreviated.length === 1 ? abbreviated[0] : undefined;
}

/** Normalized candidate lists, kept for lists used again and again (rule constants, the metadata catalog's names). */
const normalizedLists = new WeakMap<readonly string[], string[]>();

function normalizedList(candidates: readonly string[]): string[] {
  let list = normalizedLists.get(candidates);
  if (!list) {
    list = candidates.map(normalize);
    normalizedLists.set(candidates, list);
  }
  return list;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}

/** `a, b or c` for messages. */
export function listWords(words: readonly string[], conjunction = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
