import { codeSpan } from '../text/markdown';

/** Width of the thumbnail in a hover, in pixels. */
const THUMBNAIL_WIDTH = 240;

/**
 * Markdown for the URL of an image: a small thumbnail (only for http and https URLs, never
 * `javascript:` or `data:`) and where the image is hosted.
 */
export function imageMarkdown(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (scheme === 'gs') return `Image in the Google Cloud Storage bucket ${codeSpan(parsed.hostname)}, read through your cloud integration: no preview here.`;
  if (scheme === 's3') return `Image in the S3 bucket ${codeSpan(parsed.hostname)}: no preview here, and Labelbox needs its \`https://\` URL.`;
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const target = markdownUrl(parsed.href);
  return `![Image preview](${target}|width=${THUMBNAIL_WIDTH})\n\nHost: ${codeSpan(parsed.host)}`;
}

/**
 * A normalized URL made safe as a markdown link target: the URL parser has already
 * percent-encoded spaces, quotes and angle brackets; parentheses would end the target and
 * `|` starts VS Code's image size suffix.
 */
function markdownUrl(href: string): string {
  return href.replace(/[()|\s\\]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
