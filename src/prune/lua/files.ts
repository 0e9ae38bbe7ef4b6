// Where a script may reach the file system: `image.exportTar`, `image.importTar` and `ocidir://` references resolve
// under one directory (defaults.scriptFiles in regbot.yml, else the working directory, which is the workspace in
// GitHub Actions). A path outside it — absolute elsewhere, `..`, or through a symlink leading out — is refused
// before anything is opened. Checked on the host side of the worker, where the files are opened.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Reference } from '../../oci/reference.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(realish(parent), relative(parent, path));
  }
}

export class ScriptFiles {
  private readonly root: string;

  constructor(readonly dir: string) {
    this.root = realish(resolve(dir));
  }

  /** The absolute path a script's `path` names; throws when it leads outside the directory. */
  resolve(path: string, what: string): string {
    const absolute = resolve(this.dir, path);
    if (!inside(resolve(this.dir), absolute) || !inside(this.root, realish(absolute))) {
      throw new UsageError(
        `${what}: "${path}" is outside ${this.dir}, the only directory scripts may use (set defaults.scriptFiles in the regbot config to choose another)`,
      );
    }
    return absolute;
  }

  /** An `ocidir://` reference with its path checked and made absolute; a registry reference as it is. */
  reference<R extends Reference>(ref: R, what: string): R {
    if (ref.scheme !== 'ocidir') return ref;
    return { ...ref, path: this.resolve(ref.path, what) };
  }
}
