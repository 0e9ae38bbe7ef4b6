// `regkit version`: what a bug report needs, as regctl's version shows its build and platform.
import { formatPlatform, localPlatform } from '../oci/platform.js';
import type { DocumentOutput } from './views.js';
import type { VersionCommand } from './options.js';

export function versionInfo(cmd: VersionCommand): DocumentOutput {
  const info = { Version: cmd.version, VCSTag: `v${cmd.version}`, NodeVersion: process.version, Platform: formatPlatform(localPlatform()) };
  const text = `Version:   ${info.Version}\nNode.js:   ${info.NodeVersion}\nPlatform:  ${info.Platform}\n`;
  return { kind: 'document', text, json: { version: info.Version, node: info.NodeVersion, platform: info.Platform }, view: info };
}
