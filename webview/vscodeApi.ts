import type { WebviewMessage } from '../common/preview/messages';

/** What VS Code gives a webview page; tests provide the same three functions. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** May be called once per page. */
export function getVsCodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}

export type Post = (message: WebviewMessage) => void;
