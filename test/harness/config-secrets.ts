// regsync and regbot examples read their passwords from mounted secret files (`{{file "/var/run/secrets/…"}}`). An
// unreadable file is a config error, so tests point those paths at files of their own before loading an example.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const SECRET_FILE_CONTENT = 'hub-token-value';

/** The config's text with every `{{file "PATH"}}` (quotes escaped or not) reading a fresh temp file instead. */
export function withSecretFiles(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'regkit-secret-'));
  let n = 0;
  return text.replace(/(\{\{\s*file\s+\\?")([^"\\]+)(\\?")/g, (_all, open: string, _path: string, close: string) => {
    const secret = join(dir, `secret-${n++}`);
    writeFileSync(secret, `${SECRET_FILE_CONTENT}\n`);
    return `${open}${secret}${close}`;
  });
}

/** `{ text, name }` for a loader: the file's text with its secret files provided, under its own name. */
export function configWithSecretFiles(path: string): { text: string; name: string } {
  return { text: withSecretFiles(readFileSync(path, 'utf8')), name: path };
}

/** A copy of the config file, under the same name in a temp dir, with its secret files provided: for CLI runs. */
export function copyWithSecretFiles(path: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'regkit-config-')), basename(path));
  writeFileSync(copy, withSecretFiles(readFileSync(path, 'utf8')));
  return copy;
}
