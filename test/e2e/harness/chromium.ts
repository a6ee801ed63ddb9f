/** Headless Chromium (Debian's, driven by playwright-core) with the flags that work here: root, no network. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((candidate): candidate is string =>
    Boolean(candidate),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH); .ci/run installs it.');
  return found;
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}
