/**
 * Where a hover's image thumbnail comes from: the preview's own URL resolution (its
 * `labelboxImport.preview.urlRewrites`, relative paths from the import file's folder, files of
 * the workspace only), so that the hover shows the picture the preview shows, or says why not.
 */
import { statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { parseRewrites, resolveAddress, type ResolveContext, type WorkspaceFolderInfo } from '../../common/node/urlResolver';
import { codeSpan, escapeMarkdown, type ImageResolver, type ImageSource } from '../../service';

/** Said of a thumbnail found through a rewrite. */
const REWRITTEN = ' (by `labelboxImport.preview.urlRewrites`)';

/** VS Code reads the whole file to show a thumbnail: bigger pictures are left out of hovers. */
const MAX_THUMBNAIL_BYTES = 20 * 1024 * 1024;

export function imageResolverFor(documentUri: string, rewrites: unknown, folders: WorkspaceFolderInfo[]): ImageResolver {
  const context: ResolveContext = { rules: parseRewrites(rewrites, folders).rules, workspaceFolders: folders };
  const document = safeParse(documentUri);
  if (document?.scheme === 'file') context.documentFolder = dirname(document.fsPath);
  return (url) => imageSource(url, context, folders);
}

function imageSource(url: string, context: ResolveContext, folders: WorkspaceFolderInfo[]): ImageSource {
  const resolution = resolveAddress(url, context);
  switch (resolution.kind) {
    case 'blocked':
      return { kind: 'none', why: escapeMarkdown(resolution.reason) };
    case 'remote':
      if (resolution.url.startsWith('data:')) return { kind: 'none', why: 'the image is written into the file (a data: URL).' };
      return { kind: 'image', src: new URL(resolution.url).href, from: `Host: ${codeSpan(new URL(resolution.url).host)}${resolution.via ? REWRITTEN : ''}` };
    case 'local': {
      const shown = shownPath(resolution.path, folders);
      let size: number;
      try {
        const stat = statSync(resolution.path);
        if (!stat.isFile()) return { kind: 'none', why: `${codeSpan(shown)} is not a file.` };
        size = stat.size;
      } catch {
        return { kind: 'none', why: `${codeSpan(shown)} does not exist.` };
      }
      if (size > MAX_THUMBNAIL_BYTES)
        return { kind: 'none', why: `${codeSpan(shown)} is ${(size / 1024 / 1024).toFixed(0)} MB, too big for a thumbnail; the preview shows it.` };
      return { kind: 'image', src: URI.file(resolution.path).toString(), from: `From ${codeSpan(shown)}${resolution.via ? REWRITTEN : ''}` };
    }
  }
}

/** A path as the user sees it in the explorer: relative to its workspace folder. */
function shownPath(path: string, folders: WorkspaceFolderInfo[]): string {
  for (const folder of folders) {
    const inside = relative(folder.path, path);
    if (inside && !inside.startsWith('..')) return inside.split(sep).join('/');
  }
  return path;
}

function safeParse(uri: string): URI | undefined {
  try {
    return URI.parse(uri);
  } catch {
    return undefined;
  }
}
