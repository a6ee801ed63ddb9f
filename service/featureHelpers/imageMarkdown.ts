import { codeSpan } from '../text/markdown';

/** Width of the thumbnail in a hover, in pixels. */
const THUMBNAIL_WIDTH = 240;

/**
 * Where a hover's thumbnail comes from, decided by the caller: the language server resolves
 * a row's URL the way the preview does (URL rewrites to a workspace mirror, relative paths),
 * so both show the same picture, or both say why not.
 */
export type ImageSource =
  /** `src` is what the editor loads: an https URL or a file URI; `from` says where that is, in markdown. */
  | { kind: 'image'; src: string; from: string }
  /** No thumbnail, and why, in words. */
  | { kind: 'none'; why: string };

export type ImageResolver = (url: string) => ImageSource | undefined;

/**
 * Without a resolver (no workspace, no settings): http and https URLs load from the web, a
 * `gs://` or `s3://` URL says why it cannot, anything else (`javascript:`, `data:`) is not shown.
 */
export const webImages: ImageResolver = (url) => {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (scheme === 'gs')
    return { kind: 'none', why: `the image is in the Google Cloud Storage bucket ${codeSpan(parsed.hostname)}, read through your cloud integration.` };
  if (scheme === 's3') return { kind: 'none', why: `the image is in the S3 bucket ${codeSpan(parsed.hostname)}, and Labelbox needs its \`https://\` URL.` };
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  return { kind: 'image', src: parsed.href, from: `Host: ${codeSpan(parsed.host)}` };
};

/** Markdown for the URL of an image: a small thumbnail and where it comes from, or why there is none. */
export function imageMarkdown(url: string, resolve: ImageResolver = webImages): string | undefined {
  const source = resolve(url);
  if (!source) return undefined;
  if (source.kind === 'none') return `No thumbnail: ${source.why}`;
  return `![Image preview](${markdownUrl(source.src)}|width=${THUMBNAIL_WIDTH})\n\n${source.from}`;
}

/**
 * A normalized URL made safe as a markdown link target: the URL parser has already
 * percent-encoded spaces, quotes and angle brackets; parentheses would end the target and
 * `|` starts VS Code's image size suffix.
 */
function markdownUrl(href: string): string {
  return href.replace(/[()|\s\\]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
