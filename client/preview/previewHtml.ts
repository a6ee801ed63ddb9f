/**
 * The preview page's HTML and its Content-Security-Policy. Scripts run only with the nonce
 * (no inline scripts, no eval); nothing connects anywhere (the extension fetches texts);
 * assets load from the extension, the workspace (cspSource) and https.
 *
 * HTML assets are framed with `srcdoc`, and a srcdoc frame inherits this policy: their inline
 * styles need `'unsafe-inline'` styles and their `<base>` (set to the page's https address)
 * needs `base-uri https:`. Neither lets anything run: scripts still need the nonce.
 */
import { randomBytes } from 'node:crypto';

export function createNonce(): string {
  return randomBytes(24).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The policy of the page. `cspSource` is the webview's own source (extension and workspace files). */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} https: data: blob:`,
    `media-src ${cspSource} https: blob:`,
    // HTML assets in sandboxed frames; PDFs in objects (which count as frames), only from the
    // bytes the extension fetched and checked, as a blob of type application/pdf the page makes.
    `frame-src ${cspSource} https: blob:`,
    'object-src blob:',
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "worker-src 'none'",
    "form-action 'none'",
    'base-uri https:',
  ].join('; ');
}

export interface PreviewPage {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

export function previewHtml(page: PreviewPage): string {
  const csp = contentSecurityPolicy(page.cspSource, page.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="app" data-testid="preview-root"></div>
<script nonce="${escapeHtml(page.nonce)}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}
