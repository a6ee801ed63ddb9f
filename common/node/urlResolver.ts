/**
 * Decides what the preview does with each URL of a row: load it from the web, load a file of
 * the workspace instead (a rewrite to a local mirror, a relative path), or load nothing and
 * say why. No `vscode` import, so it is unit-tested directly. Whether a file is inside the
 * workspace is decided on its real path, links resolved: a link in the workspace to a file
 * outside it is outside.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_IMAGE_URL, decodeOrKeep, withoutQuery } from '../urls';
import { isInside, realPathOf } from './realPath';
import { formatCount } from '../formatCount';

export const REWRITES_SETTING = 'labelboxImport.preview.urlRewrites';

export interface RewriteRule {
  /** The URL prefix the rule replaces. */
  from: string;
  /** Replace it with another URL prefix… */
  toUrl?: string;
  /** …or with a folder (absolute path) holding a mirror of the bucket. */
  toFolder?: string;
}

export interface WorkspaceFolderInfo {
  name: string;
  /** Absolute path on disk. */
  path: string;
}

export interface ResolveContext {
  rules: RewriteRule[];
  /** Absolute path of the folder of the import file, when it is a file on disk. */
  documentFolder?: string;
  workspaceFolders: WorkspaceFolderInfo[];
}

export type Resolution =
  | { kind: 'remote'; url: string; via?: string; failHint?: string }
  | { kind: 'local'; path: string; via?: string }
  | { kind: 'blocked'; reason: string; external?: string };

/** Addresses longer than this are not loaded (nor sent to the page, which refuses them). */
export const MAX_ADDRESS_LENGTH = 65_536;

/** An address or a name as a message quotes it: the start of a long one. */
function shown(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * A rewrite's folder as the user knows it: relative to its workspace folder (named when there are
 * several), not the absolute path on this machine.
 */
function folderShown(folder: string, workspaceFolders: readonly WorkspaceFolderInfo[]): string {
  const owner = workspaceFolders.find((candidate) => isInside(candidate.path, folder));
  if (!owner) return folder;
  const relative = path.relative(owner.path, folder).split(path.sep).join('/');
  const shownPath = relative ? `${relative}/` : './';
  return workspaceFolders.length > 1 ? `${shownPath} in the workspace folder "${owner.name}"` : shownPath;
}

const HOW_TO_MIRROR = `Map its prefix to an https URL or to a folder of the workspace with the setting ${REWRITES_SETTING}.`;

/**
 * Reads the setting: an object from URL prefix to a URL prefix or a folder. Folders may be
 * absolute, relative to the first workspace folder, or start with ${workspaceFolder} or
 * ${workspaceFolder:name}. Entries that cannot be used are reported, not guessed at.
 */
export function parseRewrites(setting: unknown, folders: WorkspaceFolderInfo[]): { rules: RewriteRule[]; problems: string[] } {
  const rules: RewriteRule[] = [];
  const problems: string[] = [];
  if (setting === undefined || setting === null) return { rules, problems };
  if (typeof setting !== 'object' || Array.isArray(setting)) {
    return { rules, problems: [`${REWRITES_SETTING} must be an object mapping URL prefixes to URL prefixes or folders.`] };
  }
  for (const [from, to] of Object.entries(setting as Record<string, unknown>)) {
    if (!from) continue;
    if (typeof to !== 'string' || !to.trim()) {
      problems.push(`${REWRITES_SETTING}: the target of "${from}" must be a non-empty string.`);
      continue;
    }
    const target = to.trim();
    if (/^https:\/\//i.test(target)) {
      rules.push({ from, toUrl: target });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^file:/i.test(target)) {
      problems.push(`${REWRITES_SETTING}: "${target}" is neither an https:// URL nor a folder; the preview loads https only.`);
      continue;
    }
    const folder = folderOf(target, folders);
    if (typeof folder === 'string') rules.push({ from, toFolder: folder });
    else problems.push(`${REWRITES_SETTING}: ${folder.problem}`);
  }
  // The longest prefix wins.
  rules.sort((a, b) => b.from.length - a.from.length);
  return { rules, problems };
}

function folderOf(target: string, folders: WorkspaceFolderInfo[]): string | { problem: string } {
  if (/^file:/i.test(target)) {
    try {
      return path.resolve(fileURLToPath(target));
    } catch {
      return { problem: `"${target}" is not a valid file URL.` };
    }
  }
  const variable = /^\$\{workspaceFolder(?::([^}]+))?\}(.*)$/.exec(target);
  if (variable) {
    const folder = variable[1] ? folders.find((candidate) => candidate.name === variable[1]) : folders[0];
    if (!folder) return { problem: `"${target}": there is no workspace folder${variable[1] ? ` named "${variable[1]}"` : ''}.` };
    return path.join(folder.path, variable[2]);
  }
  if (path.isAbsolute(target)) return path.resolve(target);
  if (!folders[0]) return { problem: `"${target}" is a relative folder, but no folder is open in the workspace.` };
  return path.resolve(folders[0].path, target);
}

function local(file: string, context: ResolveContext, via?: string): Resolution {
  const real = realPathOf(file);
  if (real === undefined) return { kind: 'blocked', reason: `${shown(file)} cannot be followed to a file (a link that loops, or no permission).` };
  const inside = context.workspaceFolders.some((folder) => isInside(realPathOf(folder.path) ?? folder.path, real));
  if (!inside) {
    const leads = real === file ? '' : ` (it is a link to ${shown(real)})`;
    return {
      kind: 'blocked',
      reason: `${shown(file)} is outside the workspace folders${leads}; the preview shows files of the workspace only. Open its folder in the workspace, or copy it there.`,
    };
  }
  if (isSpecialFile(real)) return { kind: 'blocked', reason: `${shown(file)} is a device, a pipe or a socket, not a file; the preview does not read it.` };
  return via ? { kind: 'local', path: file, via } : { kind: 'local', path: file };
}

/** Something that exists and is neither a file nor a folder. */
function isSpecialFile(real: string): boolean {
  try {
    const stat = statSync(real);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/** The part of a URL that names a file: decoded, without query and fragment. */
function pathPart(rest: string): string {
  return decodeOrKeep(withoutQuery(rest));
}

const CLOUD_BUCKET = [
  { pattern: /(^|\.)s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/i, name: 'an Amazon S3 bucket' },
  { pattern: /\.blob\.core\.windows\.net$/i, name: 'an Azure blob container' },
  { pattern: /^storage\.(googleapis|cloud\.google)\.com$/i, name: 'a Google Cloud Storage bucket' },
];

function failHintOf(url: URL): string {
  const bucket = CLOUD_BUCKET.find((candidate) => candidate.pattern.test(url.hostname));
  const signed = /[?&](X-Amz-Signature|X-Goog-Signature|sig|Signature)=/i.test(url.search);
  if (signed) return 'This is a signed URL: it may have expired. Sign it again, or map its prefix to a local mirror.';
  if (bucket) {
    return `This is ${bucket.name}. If it is private, Labelbox reads it through an IAM integration, which the preview cannot use. ${HOW_TO_MIRROR}`;
  }
  return 'The server did not return it: it may be offline, need a login, or refuse to be shown in other sites.';
}

/** What the preview does with one URL or path of a row. */
export function resolveAddress(raw: string, context: ResolveContext): Resolution {
  const text = raw.trim();
  if (!text) return { kind: 'blocked', reason: 'The URL is empty.' };
  if (text.length > MAX_ADDRESS_LENGTH)
    return {
      kind: 'blocked',
      reason: `This address is ${formatCount(text.length)} characters long; the preview does not load addresses that long.`,
    };
  const rule = context.rules.find((candidate) => text.startsWith(candidate.from));
  if (rule) {
    const rest = text.slice(rule.from.length);
    const target = rule.toFolder ? folderShown(rule.toFolder, context.workspaceFolders) : (rule.toUrl ?? '');
    const via = `${shown(rule.from)} → ${shown(target)} (${REWRITES_SETTING})`;
    if (rule.toFolder) return local(path.resolve(rule.toFolder, `./${pathPart(rest)}`), context, via);
    return resolveRemote(`${rule.toUrl}${rest}`, via);
  }
  if (/^[a-z]:[\\/]/i.test(text)) return local(path.resolve(text), context);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1].toLowerCase();
  switch (scheme) {
    case undefined: {
      if (text.startsWith('~'))
        return { kind: 'blocked', reason: `${shown(text)} is a path in a home folder; the preview cannot tell whose. Use a path relative to the import file.` };
      if (path.isAbsolute(text)) return local(path.resolve(text), context);
      if (!context.documentFolder) return { kind: 'blocked', reason: `${shown(text)} is a relative path, but the import file is not saved on disk.` };
      return local(path.resolve(context.documentFolder, text), context);
    }
    case 'https':
    case 'http':
      return resolveRemote(text);
    case 'gs':
      return {
        kind: 'blocked',
        reason: `gs:// URLs are read by Labelbox through a Google Cloud Storage integration; a browser cannot load them. ${HOW_TO_MIRROR}`,
      };
    case 's3':
      return {
        kind: 'blocked',
        reason: `s3:// URLs cannot be loaded (and Labelbox rejects them: use https://<bucket>.s3.<region>.amazonaws.com/…). ${HOW_TO_MIRROR}`,
      };
    case 'data':
      return DATA_IMAGE_URL.test(text)
        ? { kind: 'remote', url: text }
        : { kind: 'blocked', reason: 'data: URLs other than images are never loaded by the preview.' };
    case 'file': {
      try {
        return local(path.resolve(fileURLToPath(text)), context);
      } catch {
        return { kind: 'blocked', reason: `${shown(text)} is not a valid file URL.` };
      }
    }
    case 'javascript':
    case 'vbscript':
      return { kind: 'blocked', reason: `${shown(scheme)}: URLs are never loaded or linked by the preview.` };
    default:
      return { kind: 'blocked', reason: `The preview cannot load ${shown(scheme)}: URLs.` };
  }
}

function resolveRemote(text: string, via?: string): Resolution {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'blocked', reason: `${shown(text)} is not a valid URL.` };
  }
  if (url.protocol === 'http:') {
    return {
      kind: 'blocked',
      reason: `The preview loads https:// URLs only, as Labelbox does. ${HOW_TO_MIRROR}`,
      external: url.href,
    };
  }
  if (url.protocol !== 'https:') return { kind: 'blocked', reason: `The preview cannot load ${shown(url.protocol)} URLs.` };
  const resolution: Resolution = { kind: 'remote', url: text, failHint: failHintOf(url) };
  if (via) resolution.via = via;
  return resolution;
}
