import * as vscode from 'vscode';
import * as path from 'node:path';
import type { Resource } from './shared/messages';
import { parseRewrites, type ResolveContext, type Resolution } from './urlResolver';

/** How URLs of one document resolve: the rewrites setting, its folder and the workspace folders. */
export function resolveContextFor(documentUri: vscode.Uri): { context: ResolveContext; problems: string[] } {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => ({ name: folder.name, path: folder.uri.fsPath }));
  const setting = vscode.workspace.getConfiguration('labelboxImport.preview', documentUri).get<unknown>('urlRewrites');
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

/** What the webview gets for one address. `load` is false for texts the extension fetches itself. */
export function toResource(resolution: Resolution, webview: vscode.Webview, load: boolean): Resource {
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
      const resource: Resource = { external, via: resolution.via ?? vscode.workspace.asRelativePath(resolution.path) };
      if (load) resource.src = webviewSrcOf(webview, resolution.path);
      resource.failHint = `The file ${vscode.workspace.asRelativePath(resolution.path)} could not be read: check that it exists.`;
      return resource;
    }
    case 'blocked':
      return { blocked: resolution.reason, external };
  }
}
