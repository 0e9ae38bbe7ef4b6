// One registry as a run sees it: the client (its connections, request limits and auth, see transport/client.ts) and
// what the store learns and coordinates about that registry while it runs. One per registry per StoreSet, created
// with the client; every registry module takes it first, so no state about a registry lives in module scope.
import type { HostConfig } from '../../config/hostconfig.js';
import type { Logger } from '../../log.js';
import { KEEP_SPENT, type SpentChunks } from '../../spent-buffers.js';
import type { RegistryReference } from '../../oci/reference.js';
import type { RegistryClient } from '../../transport/client.js';
import type { DockerHubApi } from './dockerhub/hub.js';
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

/**
 * How tags are deleted on this registry, chosen once per session from what the registry answers (tag-delete.ts):
 * - `by-tag`: OCI DELETE of the tag (distribution 1.1; distribution 3, Quay, GitLab, Artifact Registry answer 202);
 * - `throwaway`: the registry refused DELETE by tag (distribution 2.8 answers 400/404): the tag is pointed at a
 *   throwaway manifest which is deleted by digest, once a probe has shown that DELETE by digest works here.
 * The registries with an API of their own (GitHub Packages, Docker Hub) are known by name or `api:` and do not probe.
 */
export type TagDeleteWay = { kind: 'by-tag' } | { kind: 'throwaway'; tagDeleteRefused: number };

/** What tag deletes on one registry share. */
export interface TagDeleteMemo {
  /** The throwaway blobs' upload per repository and family, shared while in flight. */
  readonly blobsIn: Map<string, Promise<unknown>>;
  /** The way chosen by the first tag delete's answer; undefined until then. */
  way: TagDeleteWay | undefined;
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
  /** Tag deletes go through the Docker Hub API (Hub refuses the registry's DELETE of a tag). */
  dockerHub?: DockerHubApi;
}

export class RegistrySession {
  readonly client: RegistryClient;
  readonly logger: Logger;
  readonly spent: SpentChunks;
  readonly githubPackages: GithubPackagesApi | undefined;
  readonly dockerHub: DockerHubApi | undefined;
  readonly referrers: ReferrersSupport = new Map();
  readonly tagDeletes: TagDeleteMemo = { blobsIn: new Map(), way: undefined, probes: new Map(), waiting: new Map() };
  readonly turns = new WriteTurns();

  constructor(opts: RegistrySessionOptions) {
    this.client = opts.client;
    this.logger = opts.logger;
    this.spent = opts.spent ?? KEEP_SPENT;
    this.githubPackages = opts.githubPackages;
    this.dockerHub = opts.dockerHub;
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
