// `creds[]` entries (regclient's config.Host), shared by the regsync and regbot loaders. Template fields are
// expanded at load with no data, as regclient does; which fields are templates differs between the two tools.
import { HOST_APIS, type HostApi, type HostConfig, type TlsMode } from './hostconfig.js';
import { checkedEntries } from './keys.js';
import { expandField } from './template-field.js';
import { parseGoDuration } from './duration.js';
import type { TemplateRunOptions } from '../gotemplate/template.js';
import { CREDS_KEYS_REFUSED_UNDER_REVIEW, UNTRUSTED_CONFIG_REASON, type ConfigTrust } from './trust.js';
import type { YamlFile, YamlValue } from './yaml.js';

/** A creds entry: the transport's HostConfig plus the pull-mirror settings. */
export interface CredsEntry extends HostConfig {
  /** Registry names tried before this one for reads (regclient adds `?ns=<upstream>`). */
  mirrors?: string[];
  /** Mirror order: higher first. */
  priority?: number;
}

export type CredsTemplateField = 'registry' | 'user' | 'pass' | 'regcert' | 'clientCert' | 'clientKey';

/** regsync expands all of these; regbot all but `registry`. */
export const REGSYNC_CREDS_TEMPLATES: readonly CredsTemplateField[] = ['registry', 'user', 'pass', 'regcert', 'clientCert', 'clientKey'];

export const CREDS_KEYS = [
  'registry',
  'hostname',
  'user',
  'pass',
  'token',
  'credHelper',
  'credExpire',
  'credHost',
  'tls',
  'regcert',
  'clientCert',
  'clientKey',
  'pathPrefix',
  'mirrors',
  'priority',
  'repoAuth',
  'apiOpts',
  'blobChunk',
  'blobMax',
  'reqPerSec',
  'reqConcurrent',
  // Older regclient releases spelled these in lower case.
  'clientcert',
  'clientkey',
  // Deprecated in regclient, still found in configs: read and reported (`api: github`/`dockerhub` are regkit's own).
  'scheme',
  'api',
  'dns',
] as const;

const TLS_MODES: readonly TlsMode[] = ['enabled', 'insecure', 'disabled'];

export interface CredsOptions {
  templates: readonly CredsTemplateField[];
  run: TemplateRunOptions;
  trust: ConfigTrust;
}

function readEntry(yaml: YamlFile, node: YamlValue, where: string, opts: CredsOptions): CredsEntry {
  const fields = checkedEntries(yaml, yaml.entries(node, where), CREDS_KEYS, where);
  // Refused keys are dropped unread (a template in them never runs) and the run says so, so that a policy whose
  // production creds read `{{file "/var/run/secrets/…"}}` is still checked, with the trusted side's credentials.
  if (opts.trust.kind === 'untrusted') {
    for (const [key, field] of fields) {
      if (!(CREDS_KEYS_REFUSED_UNDER_REVIEW as readonly string[]).includes(key)) continue;
      yaml.warn(
        field.keyNode,
        `${where}.${key} refused: ${UNTRUSTED_CONFIG_REASON}; a creds entry under review may set neither credentials nor where a registry's traffic goes`,
      );
      fields.delete(key);
    }
  }
  const value = (key: string) => fields.get(key)?.value ?? null;
  const has = (key: string) => fields.has(key) && !yaml.isEmpty(value(key));
  const text = (key: string, templateAs?: CredsTemplateField): string => {
    const raw = yaml.string(value(key), `${where}.${key}`);
    if (!templateAs || !opts.templates.includes(templateAs)) return raw;
    return expandField(yaml, value(key), raw, `${where}.${key}`, null, opts.run);
  };
  const registry = text('registry', 'registry').trim();
  if (registry === '')
    throw yaml.error(
      fields.get('registry')?.keyNode ?? node,
      `${where}.registry is required: the registry name as used in references (docker.io for Docker Hub)`,
    );
  const entry: CredsEntry = { registry };
  const setText = (key: 'hostname' | 'user' | 'pass' | 'token' | 'credHelper' | 'credHost' | 'regcert', templateAs?: CredsTemplateField) => {
    if (!has(key)) return;
    const v = text(key, templateAs);
    if (v !== '') entry[key] = v;
  };
  setText('hostname');
  setText('user', 'user');
  setText('pass', 'pass');
  setText('token');
  setText('credHelper');
  setText('credHost');
  if (entry.user !== undefined || entry.token !== undefined || entry.credHelper !== undefined) {
    const at = yaml.position(fields.get(entry.user !== undefined ? 'user' : entry.token !== undefined ? 'token' : 'credHelper')?.keyNode);
    entry.credsFrom = `${yaml.name}:${at.line}:${at.column} (${where})`;
  }
  setText('regcert', 'regcert');
  for (const [key, legacy] of [
    ['clientCert', 'clientcert'],
    ['clientKey', 'clientkey'],
  ] as const) {
    const name = has(key) ? key : has(legacy) ? legacy : undefined;
    if (!name) continue;
    const v = text(name, key);
    if (v !== '') entry[key] = v;
  }
  if (has('pathPrefix')) entry.pathPrefix = text('pathPrefix').replace(/^\/+|\/+$/g, '');
  if (has('tls')) {
    const tls = text('tls').toLowerCase();
    if (!TLS_MODES.includes(tls as TlsMode)) throw yaml.error(value('tls'), `${where}.tls must be enabled, insecure or disabled, not ${JSON.stringify(tls)}`);
    entry.tls = tls as TlsMode;
  }
  if (has('scheme')) {
    const scheme = text('scheme').toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') throw yaml.error(value('scheme'), `${where}.scheme must be http or https (it is deprecated: use tls)`);
    if (scheme === 'http' && entry.tls === undefined) entry.tls = 'disabled';
    yaml.warn(value('scheme'), `${where}.scheme is deprecated; use tls: ${scheme === 'http' ? 'disabled' : 'enabled'}`);
  }
  // regclient deprecated its `api` key; regkit gives it a meaning of its own: which vendor API deletes go through.
  if (has('api')) {
    const api = text('api');
    if ((HOST_APIS as readonly string[]).includes(api)) entry.api = api as HostApi;
    else
      yaml.warn(
        value('api'),
        `${where}.api is deprecated and ignored; regkit reads only api: github (deletes through the GitHub Packages API) and api: dockerhub (tag deletes through the Docker Hub API)`,
      );
  }
  if (has('dns')) yaml.warn(value('dns'), `${where}.dns is deprecated and ignored; use hostname`);
  if (has('credExpire')) {
    const d = value('credExpire');
    try {
      entry.credExpire = parseGoDuration(text('credExpire'));
    } catch (err) {
      throw yaml.error(d, `${where}.credExpire: ${(err as Error).message}`);
    }
  }
  if (has('repoAuth')) entry.repoAuth = yaml.bool(value('repoAuth'), `${where}.repoAuth`);
  if (has('blobChunk')) entry.blobChunk = yaml.number(value('blobChunk'), `${where}.blobChunk`, { integer: true, min: 0 });
  if (has('blobMax')) entry.blobMax = yaml.number(value('blobMax'), `${where}.blobMax`, { integer: true, min: -1 });
  if (has('reqPerSec')) entry.reqPerSec = yaml.number(value('reqPerSec'), `${where}.reqPerSec`, { min: 0 });
  if (has('reqConcurrent')) entry.reqConcurrent = yaml.number(value('reqConcurrent'), `${where}.reqConcurrent`, { integer: true, min: 0 });
  if (has('apiOpts')) entry.apiOpts = yaml.stringMap(value('apiOpts'), `${where}.apiOpts`);
  if (has('mirrors')) entry.mirrors = yaml.strings(value('mirrors'), `${where}.mirrors`);
  if (has('priority')) entry.priority = yaml.number(value('priority'), `${where}.priority`, { integer: true, min: 0 });
  return entry;
}

/** Reads a `creds` list. */
export function readCreds(yaml: YamlFile, node: YamlValue, opts: CredsOptions): CredsEntry[] {
  return yaml.items(node, 'creds').map((item, i) => readEntry(yaml, item, `creds[${i}]`, opts));
}
