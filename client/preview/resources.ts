import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Resource } from '../../common/preview/messages';
import { parseRewrites, type ResolveContext, type Resolution } from '../../common/node/urlResolver';
import { previewUrlRewrites } from '../settings';

/** How URLs of one document resolve: the rewrites setting, its folder and the workspace folders. */
export function resolveContextFor(documentUri: vscode.Uri): { context: ResolveContext; problems: string[] } {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => ({ name: folder.name, path: folder.uri.fsPath }));
  const setting = previewUrlRewrites(documentUri);
  const { rules, problems } = parseRewrites(setting, folders);
  const context: ResolveContext = { rules, workspaceFolders: folders };
  if (documentUri.scheme === 'file') context.documentFolder = path.dirname(documentUri.fsPath);
  return { context, problems };
}

/**
 * The webview address of a workspace file. A tile layer template keeps its {z}/{x}/{y}
 * placeholders unencoded, for the map library to fill in.
 */
export function webviewSrcOf(webview: vscode.Webview, file: string): string {
  const brace = file.indexOf('{');
  if (brace < 0) return webview.asWebviewUri(vscode.Uri.file(file)).toString();
  const cut = Math.max(file.lastIndexOf('/', brace), file.lastIndexOf('\\', brace));
  const folder = webview.asWebviewUri(vscode.Uri.file(file.slice(0, cut))).toString();
  return `${folder}/${file.slice(cut + 1).replace(/\\/g, '/')}`;
}

/**
 * Where "open externally" goes for an address, decided in one place for the button and the
 * open itself: a web address, a workspace file, or the page a blocked address names. Never a data: URL.
 */
export function externalTarget(resolution: Resolution): { url: string } | { path: string } | undefined {
  switch (resolution.kind) {
    case 'remote':
      return resolution.url.startsWith('data:') ? undefined : { url: resolution.url };
    case 'local':
      return { path: resolution.path };
    case 'blocked':
      return resolution.external ? { url: resolution.external } : undefined;
  }
}

/** Whether each workspace file a row names is there: 'file', 'missing', or 'other' (a folder, a device). */
export type FileStates = Map<string, 'file' | 'missing' | 'other'>;

/** Looks at the workspace files of a row's addresses, all at once (a row names a few). */
export async function fileStates(resolutions: Iterable<Resolution>): Promise<FileStates> {
  const paths = new Set<string>();
  // A tile layer's path is a template ({z}/{x}/{y}), not a file.
  for (const resolution of resolutions) if (resolution.kind === 'local' && !resolution.path.includes('{')) paths.add(resolution.path);
  const states: FileStates = new Map();
  await Promise.all(
    [...paths].map(async (file) => {
      try {
        states.set(file, (await stat(file)).isFile() ? 'file' : 'other');
      } catch {
        states.set(file, 'missing');
      }
    }),
  );
  return states;
}

/**
 * The https address a page's relative links resolve against, as they would for a labeler: the
 * URL it was loaded from, or, for a workspace mirror, the row's own https URL. None for a path.
 */
export function pageBase(address: string, resolution: Resolution): string | undefined {
  if (resolution.kind === 'remote' && /^https:\/\//i.test(resolution.url)) return resolution.url;
  if (resolution.kind === 'local' && /^https:\/\//i.test(address.trim())) return address.trim();
  return undefined;
}

/** What the webview gets for one address. `load` is false for texts the extension fetches itself. */
export function toResource(resolution: Resolution, webview: vscode.Webview, load: boolean, files?: FileStates): Resource {
  const external = externalTarget(resolution) !== undefined;
  switch (resolution.kind) {
    case 'remote': {
      const resource: Resource = { external };
      if (load) resource.src = resolution.url;
      if (resolution.failHint) resource.failHint = resolution.failHint;
      if (resolution.via) resource.via = resolution.via;
      return resource;
    }
    case 'local': {
      const shown = vscode.workspace.asRelativePath(resolution.path);
      const resource: Resource = { external, via: resolution.via ?? shown };
      const state = files?.get(resolution.path);
      if (state === 'missing') return { ...resource, external: false, notFound: `${shown} does not exist.` };
      if (state === 'other') return { ...resource, external: false, notFound: `${shown} is not a file.` };
      if (state === 'file') resource.fileExists = true;
      if (load) resource.src = webviewSrcOf(webview, resolution.path);
      resource.failHint = `The file ${shown} could not be read: check that it exists.`;
      return resource;
    }
    case 'blocked':
      return { blocked: resolution.reason, external };
  }
}
