// What `--format '{{ … }}'` sees: each read command's answer as Go-named data, as regctl names it where it has the
// command (`.Tags`, `.Digest`, `.Created`, `.Config.Labels` …). Maps (labels, annotations) stay maps so their keys
// are read as written; `{{json .}}` of a manifest or config gives back the registry's JSON, as regctl's does.
import { parseTime, type GoTime } from '../gotemplate/time.js';
import type { RateLimit } from '../store/store.js';

/** An answer with a text form, a JSON form (`--format json`) and a view for `--format '{{ … }}'`. */
export interface DocumentOutput {
  kind: 'document';
  text: string;
  json: unknown;
  view: unknown;
}

/** JSON keys whose Go field name is not the key with its first letter raised. */
const GO_NAMES: Record<string, string> = {
  os: 'OS',
  'os.version': 'OSVersion',
  'os.features': 'OSFeatures',
  rootfs: 'RootFS',
  diff_ids: 'DiffIDs',
  created_by: 'CreatedBy',
  empty_layer: 'EmptyLayer',
  urls: 'URLs',
};
/** Objects whose keys are data, not fields. */
const MAP_KEYS = new Set(['annotations', 'Labels', 'ExposedPorts', 'Volumes']);

function goName(key: string): string {
  return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** A timestamp as a Go time.Time, so `{{.Created.Format "2006-01-02"}}` works; text that is no RFC 3339 time stays text. */
export function goTime(text: string): GoTime | string {
  try {
    return parseTime('2006-01-02T15:04:05Z07:00', text);
  } catch {
    return text;
  }
}

/** OCI/Docker JSON → Go-named data: struct fields raised, maps kept as Map, `created` as a time. */
export function goView(json: unknown, key = ''): unknown {
  if (Array.isArray(json)) return json.map((v) => goView(v));
  if (json === null || typeof json !== 'object') return key === 'created' && typeof json === 'string' ? goTime(json) : json;
  const entries = Object.entries(json as Record<string, unknown>);
  if (MAP_KEYS.has(key)) return new Map(entries);
  return Object.fromEntries(entries.map(([k, v]) => [goName(k), goView(v, k)]));
}

/** A view whose `{{json .}}` is `raw` itself (the bytes the registry sent), not the Go-named fields. */
export function withRawJson<T extends object>(view: T, raw: string): T {
  Object.defineProperty(view, 'MarshalJSON', { value: () => raw, enumerable: false });
  return view;
}

/** A view whose `{{printPretty .}}` (regctl's default format) is the command's text output. */
export function withPretty<T extends object>(view: T, text: string): T {
  Object.defineProperty(view, 'MarshalPretty', { value: () => text, enumerable: false });
  return view;
}

/** regclient's RateLimit fields. */
export function rateLimitView(rl: RateLimit): Record<string, unknown> {
  return { Set: rl.set, Remain: rl.remaining ?? 0, Limit: rl.limit ?? 0, Reset: rl.reset ?? 0, Policies: [...rl.policies] };
}
