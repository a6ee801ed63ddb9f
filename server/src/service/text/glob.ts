/** Glob patterns, for the CLI's file arguments and the editor's `labelboxImport.files` setting. */

/** Turns a glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) into a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        pattern += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        pattern += '[^/]*';
      }
    } else if (ch === '?') {
      pattern += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) pattern += '\\[';
      else {
        pattern += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close < 0) pattern += '\\{';
      else {
        pattern += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else {
      pattern += escape(ch);
    }
  }
  return new RegExp(`^${pattern}$`);
}

function escape(text: string): string {
  return text.replace(/[.+^$()|\\/]/g, '\\$&');
}

/** Whether a file path (any separators) matches one of the globs; a glob without a slash matches the file name anywhere. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return globs.some((glob) => {
    const pattern = glob.includes('/') ? glob : `**/${glob}`;
    const regex = globToRegExp(pattern.startsWith('/') || pattern.startsWith('**') ? pattern : `**/${pattern}`);
    return regex.test(normalized) || regex.test(normalized.replace(/^\//, ''));
  });
}
