// One registry as a run sees it: the client (its connections, request limits and auth, see transport/client.ts) and
// what the store learns and coordinates about that registry while it runs. One per registry per StoreSet, created
// with the client; every registry module takes it first, so no state about a registry lives in module scope.
import type { HostConfig } from '../../config/hostconfig.js';
import type { Logger } from '../../log.js';
import { KEEP_SPENT, type SpentChunks } from '../../spent-buffers.js';
import type { RegistryReference } from '../../oci/reference.js';
import type { RegistryClient } from '../../transport/client.js';
import type { GithubPackagesApi } from './github/packages.js';
import { WriteTurns } from './turns.js';

/** Which repositories have the referrers API: a 404 on the endpoint means no, remembered for the session. */
export type ReferrersSupport = Map<string, boolean>;

/** A tag waiting for its repository's next throwaway turn (tag-delete.ts). */
export interface WaitingTag {
  ref: RegistryReference & { tag: string };
  /** The digest the tag named before it was pointed away, to put it back if the throwaway cannot be deleted. */
  original: string;
  settle: (err?: unknown) => void;
}

/** What the registry answered when asked to delete a manifest that cannot exist (tag-delete.ts). */
export interface DeleteProbe {
  deletes: boolean;
  status: number;
}

/** What tag deletes on one registry share. */
export interface TagDeleteMemo {
  /** The throwaway blobs' upload per repository and family, shared while in flight. */
  readonly blobsIn: Map<string, Promise<unknown>>;
  /** The DELETE-by-tag status the registry refused with, once it has; then it is not asked again. */
  tagDeleteRefused: number | undefined;
  /** Per repository: whether the registry deletes manifests there, asked once before any tag is moved. */
  readonly probes: Map<string, Promise<DeleteProbe>>;
  /** Tags waiting for their repository's next turn, by repository and throwaway type. */
  readonly waiting: Map<string, WaitingTag[]>;
}

export interface RegistrySessionOptions {
  client: RegistryClient;
  logger: Logger;
  /** Told of blob bytes uploaded and verified (spent-buffers.ts). */
  spent?: SpentChunks;
  /** Deletes go through the GitHub Packages API (ghcr.io refuses OCI deletes). */
  githubPackages?: GithubPackagesApi;
}

export class RegistrySession {
  readonly client: RegistryClient;
  readonly logger: Logger;
  readonly spent: SpentChunks;
  readonly githubPackages: GithubPackagesApi | undefined;
  readonly referrers: ReferrersSupport = new Map();
  readonly tagDeletes: TagDeleteMemo = { blobsIn: new Map(), tagDeleteRefused: undefined, probes: new Map(), waiting: new Map() };
  readonly turns = new WriteTurns();

  constructor(opts: RegistrySessionOptions) {
    this.client = opts.client;
    this.logger = opts.logger;
    this.spent = opts.spent ?? KEEP_SPENT;
    this.githubPackages = opts.githubPackages;
  }

  get registry(): string {
    return this.client.registry;
  }

  /** The host's settings: TLS, path prefix, request limits (`reqConcurrent`, `reqPerSec`), HEAD use. */
  get host(): HostConfig {
    return this.client.host;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
