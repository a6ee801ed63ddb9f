import * as vscode from 'vscode';

/**
 * The Labelbox API key in VS Code's SecretStorage (the OS keychain), never in settings or
 * files. One key per API origin: changing labelboxImport.apiEndpoint never sends a stored key
 * to another server without the user typing it again.
 */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(origin: string): Thenable<string | undefined> {
    return this.secrets.get(secretId(origin));
  }

  store(origin: string, key: string): Thenable<void> {
    return this.secrets.store(secretId(origin), key);
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(secretId(origin));
  }
}

function secretId(origin: string): string {
  return `labelboxImport.apiKey:${origin}`;
}

/** Asks for the API key (hidden as it is typed), saying where it is kept and sent. Used by every command that talks to Labelbox. */
export async function askApiKey(origin: string): Promise<string | undefined> {
  const host = new URL(origin).host;
  const key = await vscode.window.showInputBox({
    title: 'Labelbox API key',
    prompt: `Your Labelbox API key (Workspace settings → API keys). It is kept in VS Code's secret storage and sent only to ${host}.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Paste the API key.'),
  });
  return key?.trim() || undefined;
}
