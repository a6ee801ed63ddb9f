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

/**
 * The candidate the user most likely meant: the same word in another case or spelling
 * (`rowData` → `row_data`, `image` → `IMAGE`), else the nearest one within a few typos.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (!input) return undefined;
  const wanted = normalize(input);
  for (const candidate of candidates) {
    if (candidate !== input && normalize(candidate) === wanted) return candidate;
  }
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best || wanted.length < 3) return best;
  // An abbreviation: `IMG` for IMAGE, `vid` for VIDEO.
  const abbreviated = candidates.filter((candidate) => {
    const full = normalize(candidate);
    return full.length <= wanted.length * 2 && isSubsequence(wanted, full);
  });
  return abbreviated.length === 1 ? abbreviated[0] : undefined;
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
