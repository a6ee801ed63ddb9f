/**
 * How the suite, running inside the extension host, asks the launcher, which drives the
 * browser, to look at or act on the workbench UI: screenshots, the preview's webview, clicks.
 * The suite writes `<n>.request.json` into the folder named by UI_DIR_VARIABLE and waits for
 * the launcher's `<n>.response.json`. The suite decides what to check; the launcher only acts.
 */
export const UI_DIR_VARIABLE = 'LABELBOX_E2E_UI_DIR';
export const SUITE_VARIABLE = 'LABELBOX_E2E_SUITE';
export const RESULTS_VARIABLE = 'LABELBOX_E2E_RESULTS';
/** The base URLs of the local HTTPS servers of the asset access test, as JSON (the launcher starts them). */
export const ASSET_SERVERS_VARIABLE = 'LABELBOX_E2E_ASSET_SERVERS';

/** Where an element is: in the workbench page, or in the content of the (last) webview. */
export interface Target {
  selector: string;
  inWebview?: boolean;
  /** Which of the matching elements (0-based; negative counts from the end). */
  nth?: number;
  /** Only elements containing this text. */
  hasText?: string;
  /** With inWebview: look inside this frame of the webview's page (an HTML asset's sandboxed frame). */
  frame?: string;
}

export type UiStep =
  | ({ action: 'waitVisible' } & Target)
  | ({ action: 'click' } & Target)
  | ({ action: 'readText' } & Target)
  | ({ action: 'count' } & Target)
  | ({ action: 'readAttribute'; name: string } & Target)
  /** Waits until the attribute contains the text, and returns the attribute. */
  | ({ action: 'waitAttribute'; name: string; contains: string } & Target)
  /** Waits until an image has loaded with pixels, and returns its natural size as "W×H". */
  | ({ action: 'waitImageLoaded' } & Target)
  | ({ action: 'hover' } & Target)
  | { action: 'press'; key: string }
  /** Types text into the focused element, key by key (an input box). */
  | { action: 'type'; text: string }
  | { action: 'screenshot'; name: string };

export interface UiRequest {
  steps: UiStep[];
}

/** One result per step: the text read, the count, the screenshot's path, or null. */
export type UiResponse = { results: (string | number | null)[] } | { error: string };
