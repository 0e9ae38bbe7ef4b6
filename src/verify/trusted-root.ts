// sigstore's `trusted_root.json` (the TrustedRoot message of sigstore's protobuf specs, as `cosign trusted-root
// create` or the sigstore TUF repository serve it), read from a file so that verification runs offline.
import { TrustedRoot as TrustedRootMessage } from '@sigstore/protobuf-specs';
import { toTrustMaterial } from '@sigstore/verify';
import { readPolicyFile, type TrustedRoot } from './policy.js';

/** A trusted root from its text; the error says what is wrong with it, never quoting it. */
export function parseTrustedRoot(text: string, name: string): TrustedRoot {
  const parsed = parseJson(text);
  if ('problem' in parsed) throw new Error(`${name} is not JSON${parsed.problem}; expected a sigstore trusted_root.json`);
  const json = parsed.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${name} is not a JSON object; expected a sigstore trusted_root.json`);
  const mediaType = (json as { mediaType?: unknown }).mediaType;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    throw new Error(`${name} has no mediaType application/vnd.dev.sigstore.trustedroot…: it is not a sigstore trusted_root.json`);
  }
  try {
    return { name, material: toTrustMaterial(TrustedRootMessage.fromJSON(json)) };
  } catch (err) {
    throw new Error(`${name} is not a usable trusted root: ${(err as Error).message}`, { cause: err });
  }
}

export function readTrustedRootFile(path: string): TrustedRoot {
  return parseTrustedRoot(readPolicyFile(path), path);
}

function parseJson(text: string): { json: unknown } | { problem: string } {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    // Newer V8 messages quote the text around the error, which may be a secret mistyped for a root: only the position.
    const at = /at position (\d+)/.exec((err as Error).message)?.[1];
    return { problem: at === undefined ? '' : ` (error at character ${at})` };
  }
}
