// What `vscode` and the LSP libraries (but vscode-languageserver-protocol) resolve to in common/
// and webview/: nothing, so that importing anything from them fails to compile. Code shared by
// every layer runs in the preview page too, where neither exists; such code belongs in
// client/ or server/lsp/. (A mapping to a missing file would fall back to node_modules.)
export {};
