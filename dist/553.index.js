export const id = 553;
export const ids = [553];
export const modules = {

/***/ 91165:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ executeCommand)
});

// EXTERNAL MODULE: ./build/src/copy/archive.js + 3 modules
var archive = __webpack_require__(64263);
// EXTERNAL MODULE: ./build/src/copy/copy.js + 5 modules
var copy_copy = __webpack_require__(23631);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/log.js
var log = __webpack_require__(6671);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(34123);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/store/store.js
var store_store = __webpack_require__(66942);
// EXTERNAL MODULE: ./build/src/store/tag-uses.js
var tag_uses = __webpack_require__(42440);
// EXTERNAL MODULE: ./build/src/command/resolve.js
var resolve = __webpack_require__(27735);
;// CONCATENATED MODULE: ./build/src/command/delete.js
// `tag delete` and `image delete`. Deleting a manifest removes every tag on it, so `image delete` first looks for
// other tags that still need the digest, directly or as a child of their index, and refuses unless forced.





/** The GitHub Packages version ids a delete removed, for `image restore`. */
function receiptDetails(receipt) {
    return receipt ? { details: { kind: 'delete', githubVersionIds: receipt.githubVersionIds } } : {};
}
async function deleteTag(store, ref) {
    const head = await (0,resolve/* headOrFail */.c)(store, ref);
    const receipt = await store.deleteTag(ref);
    return { op: 'tag-delete', status: 'deleted', target: (0,result/* imageAt */.t3)(ref), digest: head.digest, bytes: 0, ...receiptDetails(receipt) };
}
/** Takes back deletes of GitHub Packages versions (the ids prune and delete results carry), within GitHub's 30 days. */
async function restoreImages(store, repository, githubVersionIds) {
    const target = (0,result/* imageAt */.t3)(repository);
    if (!(0,store_store/* canRestore */.vD)(store))
        return { op: 'restore', status: 'failed', target, bytes: 0, reason: 'only registries restore deleted images' };
    await store.restoreDeleted(repository, githubVersionIds);
    return { op: 'restore', status: 'restored', target, bytes: 0, details: { kind: 'delete', githubVersionIds: [...githubVersionIds] } };
}
async function deleteImage(store, ref, force) {
    const { digest } = await (0,resolve/* headOrFail */.c)(store, ref);
    const target = (0,result/* imageAt */.t3)(ref);
    if (!force) {
        const users = await (0,tag_uses/* tagsUsingDigest */.U)(store, ref, digest, { skipTag: (t) => t === ref.tag });
        if (users.length > 0) {
            return {
                op: 'image-delete',
                status: 'failed',
                target,
                digest,
                bytes: 0,
                reason: `still used by ${users.map(tag_uses/* describeTagUse */.n).join(', ')}; delete those tags first or pass --force`,
            };
        }
    }
    const receipt = await store.deleteManifest((0,reference/* withDigest */.hQ)(ref, digest));
    return { op: 'image-delete', status: 'deleted', target, digest, bytes: 0, ...receiptDetails(receipt) };
}

// EXTERNAL MODULE: ./build/src/command/image-read.js
var image_read = __webpack_require__(16879);
// EXTERNAL MODULE: ./build/src/command/views.js
var views = __webpack_require__(1029);
// EXTERNAL MODULE: ./build/src/config/user-settings.js
var user_settings = __webpack_require__(27187);
;// CONCATENATED MODULE: ./build/src/command/registry-settings.js
// `registry set|login|logout|ls`: edits of the stored settings file (config/user-settings.ts). Nothing here prints a
// password or token: `ls` says whether one is stored.

/** HostConfig fields → the file's keys (regctl's spelling). */
function toStored(settings) {
    const out = {};
    if (settings.tls !== undefined)
        out.tls = settings.tls;
    if (settings.hostname !== undefined)
        out.hostname = settings.hostname;
    if (settings.regcert !== undefined)
        out.regcert = settings.regcert;
    if (settings.repoAuth !== undefined)
        out.repoAuth = settings.repoAuth;
    if (settings.reqConcurrent !== undefined)
        out.reqConcurrent = settings.reqConcurrent;
    if (settings.reqPerSec !== undefined)
        out.reqPerSec = settings.reqPerSec;
    return out;
}
function message(text) {
    return { kind: 'document', text: `${text}\n`, json: { message: text }, view: { Message: text } };
}
function listed(h) {
    return {
        registry: h.registry,
        tls: h.tls ?? 'enabled',
        ...(h.hostname !== undefined ? { hostname: h.hostname } : {}),
        ...(h.user !== undefined ? { user: h.user } : {}),
        credentials: h.pass !== undefined || h.token !== undefined,
    };
}
function runRegistrySettings(cmd) {
    const file = (0,user_settings/* readSettingsFile */.ur)(cmd.file);
    if (cmd.name === 'registry ls') {
        const hosts = Object.entries(file.hosts).map(([name, h]) => listed((0,user_settings/* hostFromStored */.yy)(name, h ?? {}, cmd.file)));
        const text = hosts
            .map((h) => `${h.registry}  tls=${h.tls}${h.hostname ? ` hostname=${h.hostname}` : ''}${h.user ? ` user=${h.user}` : ''}${h.credentials ? ' (credentials stored)' : ''}\n`)
            .join('');
        const view = { Hosts: hosts.map((h) => ({ Name: h.registry, TLS: h.tls, Hostname: h.hostname ?? '', User: h.user ?? '', Credentials: h.credentials })) };
        return { kind: 'document', text, json: hosts, view };
    }
    const key = (0,user_settings/* storedKey */.P5)(file, cmd.registry);
    const entry = { ...file.hosts[key] };
    switch (cmd.name) {
        case 'registry set':
            Object.assign(entry, toStored(cmd.settings));
            break;
        case 'registry login':
            entry.user = cmd.user;
            entry.pass = cmd.pass;
            delete entry.token;
            break;
        case 'registry logout':
            delete entry.user;
            delete entry.pass;
            delete entry.token;
            break;
    }
    // Checked before writing: a value the loader would refuse never reaches the file.
    (0,user_settings/* hostFromStored */.yy)(key, entry, cmd.file);
    file.hosts[key] = entry;
    (0,user_settings/* writeSettingsFile */.HE)(cmd.file, file);
    const done = cmd.name === 'registry set' ? 'settings stored' : cmd.name === 'registry login' ? `credentials of ${cmd.user} stored` : 'credentials removed';
    return message(`${cmd.registry}: ${done} in ${cmd.file}`);
}

// EXTERNAL MODULE: ./build/src/oci/platform.js
var platform = __webpack_require__(23856);
;// CONCATENATED MODULE: ./build/src/command/version.js
// `regkit version`: what a bug report needs, as regctl's version shows its build and platform.

function versionInfo(cmd) {
    const info = { Version: cmd.version, VCSTag: `v${cmd.version}`, NodeVersion: process.version, Platform: (0,platform/* formatPlatform */.Bq)((0,platform/* localPlatform */.hJ)()) };
    const text = `Version:   ${info.Version}\nNode.js:   ${info.NodeVersion}\nPlatform:  ${info.Platform}\n`;
    return { kind: 'document', text, json: { version: info.Version, node: info.NodeVersion, platform: info.Platform }, view: info };
}

;// CONCATENATED MODULE: ./build/src/command/listing.js
async function listTags(store, cmd) {
    const tags = await store.listTags(cmd.repository, {
        ...(cmd.limit !== undefined ? { limit: cmd.limit } : {}),
        ...(cmd.last !== undefined ? { last: cmd.last } : {}),
    });
    const kept = tags.filter((t) => (!cmd.include || cmd.include.test(t)) && !cmd.exclude?.test(t));
    return cmd.limit !== undefined ? kept.slice(0, cmd.limit) : kept;
}
async function listRepositories(store, cmd) {
    const repos = await store.listRepositories({
        ...(cmd.limit !== undefined ? { limit: cmd.limit } : {}),
        ...(cmd.last !== undefined ? { last: cmd.last } : {}),
    });
    return cmd.limit !== undefined ? repos.slice(0, cmd.limit) : repos;
}

// EXTERNAL MODULE: ./build/src/command/layout-cache.js
var layout_cache = __webpack_require__(23806);
// EXTERNAL MODULE: ./build/src/verify/verify.js + 3 modules
var verify = __webpack_require__(21965);
;// CONCATENATED MODULE: ./build/src/command/execute.js
// Runs one typed command against the stores. Shared by both faces; what comes back is data, never printed here.














/**
 * A copy that fails at the registry becomes a `failed` result (exit 1) so the summary still shows it;
 * a usage mistake stays an error (exit 2).
 */
async function runCopy(cmd, ctx) {
    const started = Date.now();
    const copyCtx = { stores: ctx.stores, logger: ctx.logger, spent: ctx.stores.spent, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) };
    const [source, target] = cmd.name === 'copy'
        ? [(0,result/* imageAt */.t3)(cmd.source), (0,result/* imageAt */.t3)(cmd.target)]
        : cmd.name === 'image export'
            ? [(0,result/* imageAt */.t3)(cmd.ref), { kind: 'file', path: cmd.file }]
            : [{ kind: 'file', path: cmd.file }, (0,result/* imageAt */.t3)(cmd.ref)];
    try {
        if (cmd.name === 'copy')
            return await (0,copy_copy/* copyImage */.L1)(copyCtx, cmd.source, cmd.target, cmd.options);
        if (cmd.name === 'image export')
            return await (0,archive/* exportImage */._)(copyCtx, cmd.ref, cmd.file, cmd.options);
        return await (0,archive/* importImage */.J)(copyCtx, cmd.file, cmd.ref, cmd.options);
    }
    catch (err) {
        if ((0,errors/* exitCodeFor */.Rr)(err) === 2)
            throw err;
        return {
            op: cmd.name === 'copy' ? 'copy' : cmd.name === 'image export' ? 'export' : 'import',
            status: 'failed',
            source,
            target,
            bytes: 0,
            reason: err instanceof Error ? err.message : String(err),
            durationMs: Date.now() - started,
        };
    }
}
function syncRunOptions(cmd) {
    return {
        mode: cmd.name === 'sync check' ? 'check' : 'once',
        missing: cmd.missing,
        abortOnError: cmd.abortOnError,
        ...(cmd.shard ? { shard: cmd.shard } : {}),
        ...(cmd.maxWaitSeconds !== undefined ? { maxWaitSeconds: cmd.maxWaitSeconds } : {}),
    };
}
/** The image's digest (the one its reference names, else what its tag names now), verified as a sync step would. */
async function verifyOne(ctx, cmd) {
    const started = Date.now();
    const store = ctx.stores.storeFor(cmd.ref);
    const head = await store.headManifest(cmd.ref);
    if (!head)
        throw new errors/* UsageError */.eb(`${(0,reference/* formatReference */.FH)(cmd.ref)} does not exist`);
    const v = await (0,verify/* verifySigned */.M)(store, (0,reference/* repositoryOf */._M)(cmd.ref), head.digest, cmd.policy, cmd.platforms);
    const reason = v.ok ? `signed by ${v.signer} (${v.signature})` : v.message;
    return {
        op: 'verify',
        status: v.ok ? 'verified' : 'rejected',
        source: (0,result/* imageAt */.t3)(cmd.ref),
        digest: v.digest,
        bytes: 0,
        reason,
        durationMs: Date.now() - started,
    };
}
/** Results of a one-operation command, told to `onResult` like an engine's. */
function single(ctx, r) {
    ctx.onResult?.(r);
    return { kind: 'results', results: [r] };
}
// Sync and prune engines load when their command runs, so a copy does not pay for their code at start-up.
async function executeCommand(cmd, ctx) {
    switch (cmd.name) {
        case 'sync once':
        case 'sync check': {
            const { runSync } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(441), __webpack_require__.e(320), __webpack_require__.e(438), __webpack_require__.e(871)]).then(__webpack_require__.bind(__webpack_require__, 26871));
            const syncCtx = {
                stores: ctx.stores,
                logger: ctx.logger,
                ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
                ...(ctx.onResult ? { onResult: ctx.onResult } : {}),
            };
            return { kind: 'results', results: await runSync(syncCtx, cmd.config, syncRunOptions(cmd)) };
        }
        case 'sync config': {
            // Nothing runs, so the warnings a run would log first are logged here: what is printed leaves them out.
            for (const w of cmd.config.warnings)
                ctx.logger.warn(w.message, (0,log/* atPosition */.xx)(w));
            const { renderSyncConfig } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(387)]).then(__webpack_require__.bind(__webpack_require__, 88387));
            return { kind: 'raw', bytes: Buffer.from(renderSyncConfig(cmd.config)) };
        }
        case 'sync cache-key':
            return { kind: 'raw', bytes: Buffer.from((0,layout_cache/* renderCacheOutputs */.$d)((0,layout_cache/* layoutCacheSpec */.G6)(cmd.config, (0,layout_cache/* cacheRunFrom */.Ek)(process.env), cmd.shard))) };
        case 'prune once': {
            const { runPrune } = await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(272), __webpack_require__.e(419)]).then(__webpack_require__.bind(__webpack_require__, 6419));
            const copy = { stores: ctx.stores, logger: ctx.logger };
            const report = await runPrune({ stores: ctx.stores, logger: ctx.logger, copy: (src, dst, opts) => (0,copy_copy/* copyImage */.L1)(copy, src, dst, opts) }, cmd.config, { dryRun: cmd.dryRun }, ctx.onResult);
            return { kind: 'results', results: report.results };
        }
        case 'copy':
        case 'image export':
        case 'image import':
            return single(ctx, await runCopy(cmd, ctx));
        case 'tag ls': {
            const tags = await listTags(ctx.stores.storeFor(cmd.repository), cmd);
            return { kind: 'list', items: tags, view: (0,views/* withPretty */.B)({ Name: (0,reference/* formatReference */.FH)(cmd.repository), Tags: tags }, tags.map((t) => `${t}\n`).join('')) };
        }
        case 'tag delete':
            return single(ctx, await deleteTag(ctx.stores.storeFor(cmd.ref), cmd.ref));
        case 'repo ls': {
            const repositories = await listRepositories(ctx.stores.storeForRegistry(cmd.registry), cmd);
            return {
                kind: 'list',
                items: repositories,
                view: (0,views/* withPretty */.B)({ Name: cmd.registry, Repositories: repositories }, repositories.map((r) => `${r}\n`).join('')),
            };
        }
        case 'image digest': {
            const digest = await (0,image_read/* imageDigest */.Wf)(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
            return { kind: 'digest', digest, view: { Name: (0,reference/* formatReference */.FH)(cmd.ref), Digest: digest } };
        }
        case 'image manifest': {
            const manifest = await (0,image_read/* imageManifest */.Bz)(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
            return { kind: 'raw', bytes: manifest.bytes, view: (0,image_read/* manifestView */.HH)(manifest) };
        }
        case 'image config': {
            const bytes = await (0,image_read/* imageConfig */.gj)(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
            return { kind: 'raw', bytes, view: (0,image_read/* configView */.ut)(bytes) };
        }
        case 'image inspect': {
            const inspection = await (0,image_read/* imageInspect */.Sn)(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
            const text = (0,image_read/* describeInspection */.W1)(inspection);
            return { kind: 'document', text, json: inspection, view: (0,views/* withPretty */.B)((0,image_read/* inspectView */._7)(inspection), text) };
        }
        case 'image ratelimit': {
            const rateLimit = await (0,image_read/* imageRateLimit */.Ls)(ctx.stores.storeFor(cmd.ref), cmd.ref);
            return { kind: 'ratelimit', rateLimit, view: (0,views/* rateLimitView */.z8)(rateLimit) };
        }
        case 'verify':
            return single(ctx, await verifyOne(ctx, cmd));
        case 'version':
            return versionInfo(cmd);
        case 'registry set':
        case 'registry login':
        case 'registry logout':
        case 'registry ls':
            return runRegistrySettings(cmd);
        case 'image delete':
            return single(ctx, await deleteImage(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.force));
        case 'image restore':
            return single(ctx, await restoreImages(ctx.stores.storeFor(cmd.repository), cmd.repository, cmd.githubVersionIds));
    }
}


/***/ }),

/***/ 16879:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bz: () => (/* binding */ imageManifest),
/* harmony export */   HH: () => (/* binding */ manifestView),
/* harmony export */   J8: () => (/* binding */ describeRateLimit),
/* harmony export */   Ls: () => (/* binding */ imageRateLimit),
/* harmony export */   Sn: () => (/* binding */ imageInspect),
/* harmony export */   W1: () => (/* binding */ describeInspection),
/* harmony export */   Wf: () => (/* binding */ imageDigest),
/* harmony export */   _7: () => (/* binding */ inspectView),
/* harmony export */   gj: () => (/* binding */ imageConfig),
/* harmony export */   ut: () => (/* binding */ configView)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27406);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6559);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62262);
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(23856);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(84974);
/* harmony import */ var _resolve_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(27735);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1029);
// `image digest|manifest|config|inspect|ratelimit`: read-only looks at one image.








/** A HEAD alone when no platform is asked for: Docker Hub does not count HEADs against the pull limit. */
async function imageDigest(store, ref, platform) {
    if (!platform)
        return (await (0,_resolve_js__WEBPACK_IMPORTED_MODULE_6__/* .headOrFail */ .c)(store, ref)).digest;
    return (await (0,_resolve_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchForPlatform */ .n)(store, ref, platform)).digest;
}
async function imageManifest(store, ref, platform) {
    return (0,_resolve_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchForPlatform */ .n)(store, ref, platform);
}
async function imageConfig(store, ref, platform) {
    return configOf(store, ref, await (0,_resolve_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchForPlatform */ .n)(store, ref, platform));
}
async function configOf(store, ref, fetched) {
    const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifest */ .N)(fetched.bytes, fetched.mediaType);
    if (parsed.kind === 'index') {
        const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [(0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)(d.platform)] : []));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatReference */ .FH)(ref)} is a multi-platform index (${offered.join(', ')}); pass --platform to pick one image`);
    }
    if (parsed.kind !== 'image')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatReference */ .FH)(ref)} is a ${parsed.mediaType}, which has no image config`);
    const desc = parsed.manifest.config;
    const chunks = [];
    for await (const chunk of await store.getBlob((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .repositoryOf */ ._M)(ref), desc))
        chunks.push(node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(chunk));
    const bytes = node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.concat(chunks);
    (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .verifyBytes */ .RV)(bytes, desc.digest, `config of ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatReference */ .FH)(ref)}`);
    return bytes;
}
async function imageRateLimit(store, ref) {
    return (await (0,_resolve_js__WEBPACK_IMPORTED_MODULE_6__/* .headOrFail */ .c)(store, ref)).rateLimit ?? { set: false, policies: [] };
}
function describeRateLimit(rl) {
    if (!rl.set)
        return 'no rate limit reported';
    const window = rl.policies.length > 0 ? ` (policy ${rl.policies.join(', ')})` : '';
    const reset = rl.reset !== undefined ? `, resets in ${rl.reset}s` : '';
    return `${rl.remaining} of ${rl.limit ?? '?'} pulls remaining${window}${reset}`;
}
/** An index resolves to `platform`, or to this machine's platform as regctl's `image inspect` does. */
async function imageInspect(store, ref, platform) {
    const top = await store.getManifest(ref);
    const parsedTop = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifest */ .N)(top.bytes, top.mediaType);
    const platforms = parsedTop.kind === 'index' ? parsedTop.index.manifests.flatMap((d) => (d.platform ? [(0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)(d.platform)] : [])) : undefined;
    const image = parsedTop.kind === 'index' ? await (0,_resolve_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchForPlatform */ .n)(store, ref, platform ?? (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .localPlatform */ .hJ)()) : top;
    const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifest */ .N)(image.bytes, image.mediaType);
    if (parsed.kind !== 'image')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatReference */ .FH)(ref)} is a ${parsed.mediaType}, which is no image to inspect; see regkit image manifest`);
    const config = JSON.parse(node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(await configOf(store, ref, image)).toString('utf8'));
    const labels = (config['config']?.Labels ?? {});
    const layers = parsed.manifest.layers.map((l) => ({ digest: l.digest, mediaType: l.mediaType, size: l.size }));
    const imagePlatform = [config['os'], config['architecture'], config['variant']].filter((p) => typeof p === 'string' && p !== '').join('/');
    return {
        reference: (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatReference */ .FH)(ref),
        digest: top.digest,
        mediaType: top.mediaType,
        ...(platforms ? { platforms, platform: imagePlatform } : {}),
        imageDigest: image.digest,
        ...(typeof config['created'] === 'string' ? { created: config['created'] } : {}),
        labels,
        layers,
        size: image.size + parsed.manifest.config.size + layers.reduce((sum, l) => sum + l.size, 0),
        config,
    };
}
/** The inspection with regctl's names (`.Created`, `.Architecture`, `.OS`, `.Config.Labels`, from the image config) and ours. */
function inspectView(i) {
    const fromConfig = (0,_views_js__WEBPACK_IMPORTED_MODULE_7__/* .goView */ .s0)(i.config);
    return {
        ...fromConfig,
        Name: i.reference,
        Digest: i.digest,
        MediaType: i.mediaType,
        Platforms: i.platforms ?? [],
        Platform: i.platform ?? '',
        ImageDigest: i.imageDigest,
        Created: i.created !== undefined ? (0,_views_js__WEBPACK_IMPORTED_MODULE_7__/* .goTime */ .ud)(i.created) : '',
        Labels: new Map(Object.entries(i.labels)),
        Layers: i.layers.map((l) => ({ MediaType: l.mediaType, Digest: l.digest, Size: l.size })),
        Size: i.size,
    };
}
function describeInspection(i) {
    const rows = [
        ['Name', i.reference],
        ['Digest', i.digest],
        ['MediaType', i.mediaType],
        ...(i.platforms
            ? [
                ['Platforms', i.platforms.join(', ')],
                ['Platform', `${i.platform} (${i.imageDigest})`],
            ]
            : []),
        ['Created', i.created ?? '(not set)'],
        ['Size', `${i.size} bytes (manifest, config and ${i.layers.length} layer${i.layers.length === 1 ? '' : 's'})`],
    ];
    const labels = Object.entries(i.labels).sort(([a], [b]) => (a < b ? -1 : 1));
    return [
        ...rows.map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`),
        `Labels:${labels.length === 0 ? '    (none)' : ''}`,
        ...labels.map(([k, v]) => `  ${k}=${v}`),
        'Layers:',
        ...i.layers.map((l) => `  ${l.digest}  ${String(l.size).padStart(12)}  ${l.mediaType}`),
        '',
    ].join('\n');
}
/** A manifest for templates: regctl's fields (`.Layers`, `.Manifests`, `.Annotations` …) plus its digest; `json .` is its bytes. */
function manifestView(m) {
    const text = node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(m.bytes).toString('utf8');
    const view = { ...(0,_views_js__WEBPACK_IMPORTED_MODULE_7__/* .goView */ .s0)(JSON.parse(text)), Digest: m.digest, MediaType: m.mediaType, Size: m.size };
    return (0,_views_js__WEBPACK_IMPORTED_MODULE_7__/* .withRawJson */ .Hu)(view, text);
}
function configView(bytes) {
    const text = node_buffer__WEBPACK_IMPORTED_MODULE_0__.Buffer.from(bytes).toString('utf8');
    return (0,_views_js__WEBPACK_IMPORTED_MODULE_7__/* .withRawJson */ .Hu)((0,_views_js__WEBPACK_IMPORTED_MODULE_7__/* .goView */ .s0)(JSON.parse(text)), text);
}


/***/ }),

/***/ 23806:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ renderCacheOutputs),
/* harmony export */   Ek: () => (/* binding */ cacheRunFrom),
/* harmony export */   G6: () => (/* binding */ layoutCacheSpec)
/* harmony export */ });
/* unused harmony exports LAYOUT_CACHE_PREFIX, ocidirPaths */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84974);
// Keeping a sync's OCI layout directories across workflow runs in the Actions cache, so a nightly export only fetches
// the blobs that are new since the last run. Cache entries are immutable and expire after 7 days without use, so each
// run saves under a new key (a stable prefix plus the run id and attempt) and restores the newest entry by prefix.
// Both the node24 action (through @actions/cache) and the composite action (through actions/cache/restore and /save
// steps, fed by `regkit sync cache-key`) take their key from `layoutCacheSpec`.



const LAYOUT_CACHE_PREFIX = 'regkit-ocidir';
/** Every `ocidir://` directory a step reads or writes, normalized, each once, sorted. */
function ocidirPaths(config) {
    const paths = new Set();
    for (const step of config.sync) {
        for (const text of [step.source, step.target]) {
            if (!text.trim().startsWith(_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .OCIDIR_SCHEME */ .Bq))
                continue;
            const ref = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseReference */ .F2)(text, { repositoryOnly: true });
            if (ref.scheme === 'ocidir')
                paths.add((0,node_path__WEBPACK_IMPORTED_MODULE_1__.normalize)(ref.path).replace(/(.)\/+$/, '$1'));
        }
    }
    return [...paths].sort();
}
/**
 * The cache key, restore prefix and paths for a sync, or undefined when no step uses an OCI layout. The prefix
 * hashes the paths (two configs writing the same layout share its entries) and the shard (each matrix job keeps
 * the part of the layout it writes).
 */
function layoutCacheSpec(config, run, shard) {
    const paths = ocidirPaths(config);
    if (paths.length === 0)
        return undefined;
    const identity = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(JSON.stringify({ paths, shard: shard && shard.count > 1 ? `${shard.index}/${shard.count}` : null }))
        .digest('hex')
        .slice(0, 16);
    const shardPart = shard && shard.count > 1 ? `-shard${shard.index}of${shard.count}` : '';
    const prefix = `${LAYOUT_CACHE_PREFIX}-${identity}${shardPart}-`;
    return { key: `${prefix}${run.runId}-${run.attempt ?? '1'}`, restoreKeys: [prefix], paths };
}
/** The run identity on a runner; outside one, the time, so a local save still gets a fresh key. */
function cacheRunFrom(env, now = Date.now) {
    const runId = env['GITHUB_RUN_ID'];
    if (runId === undefined || runId === '')
        return { runId: `local${now()}` };
    const attempt = env['GITHUB_RUN_ATTEMPT'];
    return { runId, ...(attempt !== undefined && attempt !== '' ? { attempt } : {}) };
}
/**
 * The spec in the `GITHUB_OUTPUT` file-command format (`name<<DELIMITER` blocks for the multi-line values), for
 * `regkit sync cache-key >> "$GITHUB_OUTPUT"`. With no layout, every value is empty, so the workflow's cache steps
 * can be skipped on `key == ''`.
 */
function renderCacheOutputs(spec) {
    const delimiter = `regkit_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(JSON.stringify(spec ?? null))
        .digest('hex')
        .slice(0, 20)}`;
    const block = (name, lines) => `${name}<<${delimiter}\n${lines.map((l) => `${l}\n`).join('')}${delimiter}\n`;
    return `key=${spec?.key ?? ''}\n${block('restore-keys', spec?.restoreKeys ?? [])}${block('paths', spec?.paths ?? [])}`;
}


/***/ }),

/***/ 24141:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H9: () => (/* binding */ verifyPolicyFromFlags),
/* harmony export */   dv: () => (/* binding */ isSyncCommand),
/* harmony export */   pt: () => (/* binding */ buildCopyCommand),
/* harmony export */   uH: () => (/* binding */ parseOutputFormat),
/* harmony export */   zE: () => (/* binding */ parsePositiveInteger)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23856);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84974);
/* harmony import */ var _config_regex_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62939);
/* harmony import */ var _verify_policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81345);
/* harmony import */ var _verify_trusted_root_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(52261);






function signedScope(value) {
    if (value === undefined)
        return 'index';
    const scope = (0,_verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSignedScope */ .us)(value);
    if (!scope)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--signed must be one of ${_verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .SIGNED_SCOPES */ .fQ.join(', ')}, not "${value}"`);
    return scope;
}
/** The policy `regkit verify` applies: the same as a sync step's `verify:` with the same keys, identity and root. */
function verifyPolicyFromFlags(flags) {
    const read = (flag, file, reader) => {
        try {
            return reader(file);
        }
        catch (err) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${flag}: ${err.message}`);
        }
    };
    const match = (exact, pattern, flag) => {
        if (exact !== undefined && pattern !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`give --${flag} or --${flag}-regexp, not both`);
        if (exact !== undefined)
            return { exact };
        if (pattern === undefined)
            return undefined;
        try {
            return { regExp: (0,_config_regex_js__WEBPACK_IMPORTED_MODULE_3__/* .compileAnchoredRegex */ .d)(pattern), pattern };
        }
        catch (err) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--${flag}-regexp: ${err.message}`);
        }
    };
    const subject = match(flags.identity, flags.identityRegexp, 'certificate-identity');
    const issuer = match(flags.issuer, flags.issuerRegexp, 'certificate-oidc-issuer');
    if ((subject === undefined) !== (issuer === undefined)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb('keyless verification needs both --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]');
    }
    const threshold = (value, flag, fallback) => {
        if (value === undefined)
            return fallback;
        if (!/^[0-9]+$/.test(value))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--${flag} must be a whole number, not "${value}"`);
        return Number(value);
    };
    const policy = {
        keys: flags.keys.map((file) => read('--key', file, _verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .readPublicKeyFile */ .LL)),
        keyless: subject && issuer ? [{ subject, issuer }] : [],
        ...(flags.trustedRoot !== undefined ? { trustedRoot: read('--trusted-root', flags.trustedRoot, _verify_trusted_root_js__WEBPACK_IMPORTED_MODULE_5__/* .readTrustedRootFile */ .u) } : {}),
        thresholds: {
            tlog: threshold(flags.tlogThreshold, 'tlog-threshold', _verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_THRESHOLDS */ .JJ.tlog),
            ctlog: threshold(flags.ctlogThreshold, 'ctlog-threshold', _verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_THRESHOLDS */ .JJ.ctlog),
            timestamp: threshold(flags.timestampThreshold, 'timestamp-threshold', _verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_THRESHOLDS */ .JJ.timestamp),
        },
        signed: signedScope(flags.signed),
    };
    if (policy.keys.length === 0 && policy.keyless.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb('verify needs --key FILE (a public key, as cosign.pub), or --trusted-root FILE with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]');
    }
    const problem = (0,_verify_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .policyProblem */ .Cj)(policy, {
        keys: '--key',
        keyless: '--certificate-identity',
        trustedRoot: '--trusted-root',
        timestampThreshold: '--timestamp-threshold',
    });
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`verify: ${problem}`);
    return policy;
}
function isSyncCommand(command) {
    return command.name.startsWith('sync ');
}
function buildCopyCommand(req) {
    for (const p of req.platforms)
        (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePlatform */ .Y8)(p);
    return {
        name: 'copy',
        source: (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseReference */ .F2)(req.source),
        target: (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseReference */ .F2)(req.target),
        options: {
            ...(req.platforms.length > 0 ? { platforms: [...req.platforms] } : {}),
            referrers: req.referrers,
            digestTags: req.digestTags,
            includeExternal: req.includeExternal,
            forceRecursive: req.forceRecursive,
            fast: req.fast,
            dryRun: req.dryRun,
            ...(req.concurrency !== undefined ? { concurrency: req.concurrency } : {}),
        },
    };
}
function parseOutputFormat(value, what) {
    if (value === 'text' || value === 'json')
        return value;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${what} must be text or json, not "${value}"`);
}
function parsePositiveInteger(value, what) {
    if (!/^[0-9]+$/.test(value) || Number(value) < 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${what} must be a whole number of 1 or more, not "${value}"`);
    return Number(value);
}


/***/ }),

/***/ 27735:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ headOrFail),
/* harmony export */   n: () => (/* binding */ fetchForPlatform)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62262);
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23856);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(84974);
/* harmony import */ var _store_not_found_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7243);
// From a reference (and maybe a platform) to the one manifest a command is about.





async function headOrFail(store, ref) {
    const head = await store.headManifest(ref);
    if (!head)
        throw (0,_store_not_found_js__WEBPACK_IMPORTED_MODULE_4__/* .referenceNotFound */ .Z)(ref, 'manifest-head');
    return head;
}
/** The manifest itself, or the child of an index that matches `platform`. */
async function fetchForPlatform(store, ref, platform) {
    const top = await store.getManifest(ref);
    if (!platform)
        return top;
    const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .N)(top.bytes, top.mediaType);
    if (parsed.kind !== 'index')
        return top;
    const child = (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .selectPlatform */ .md)(parsed.index.manifests, platform);
    if (!child) {
        const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [(0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(d.platform)] : []));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .formatReference */ .FH)(ref)} has no ${(0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(platform)} image; it offers ${offered.join(', ') || 'no platforms'}`);
    }
    return store.getManifest((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .withDigest */ .hQ)(ref, child.digest));
}


/***/ }),

/***/ 27899:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j: () => (/* binding */ openStores)
});

// UNUSED EXPORTS: mergeHosts

// EXTERNAL MODULE: ./build/src/spent-buffers.js
var spent_buffers = __webpack_require__(17291);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/src/log.js
var log = __webpack_require__(6671);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./build/src/transport/certs-dir.js
// Docker's per-registry certificate directories, which skopeo and regctl read too: `/etc/docker/certs.d/<host[:port]>/`
// (and `/etc/containers/certs.d/…`). Every `*.crt` there is a CA to trust for that registry; a `<name>.cert` with its
// `<name>.key` is a client certificate. A self-hosted runner set up for `docker pull` from a private registry then
// works with regkit as it is. What the config sets itself (`regcert`, `clientCert`/`clientKey`) wins.


const DEFAULT_CERTS_DIRS = ['/etc/docker/certs.d', '/etc/containers/certs.d'];
function readDir(dir, logger) {
    const found = { cas: [] };
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(dir).sort();
    }
    catch {
        return found;
    }
    const read = (name) => {
        try {
            return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, name), 'utf8');
        }
        catch (err) {
            // A certificate that cannot be read is reported, not fatal: the registry may not need it.
            logger.warn(`cannot read ${(0,external_node_path_.join)(dir, name)}: ${err.message}`);
            return undefined;
        }
    };
    for (const name of names) {
        if (name.endsWith('.crt')) {
            const ca = read(name);
            if (ca !== undefined)
                found.cas.push(ca);
        }
        else if (name.endsWith('.cert') && !found.client) {
            const keyName = `${name.slice(0, -'.cert'.length)}.key`;
            if (!names.includes(keyName)) {
                logger.warn(`${(0,external_node_path_.join)(dir, name)} has no ${keyName} beside it; the client certificate is not used`);
                continue;
            }
            const cert = read(name);
            const key = read(keyName);
            if (cert !== undefined && key !== undefined)
                found.client = { cert, key };
        }
    }
    return found;
}
/** `host` with what the certificate directories hold for it filled in where its own config is silent. */
function withCertsDirs(host, dirs, logger) {
    if (host.tls === 'disabled')
        return host;
    const names = [...new Set([host.registry, ...(host.hostname ? [host.hostname] : [])])];
    const cas = [];
    let client;
    for (const dir of dirs) {
        for (const name of names) {
            const got = readDir((0,external_node_path_.join)(dir, name), logger);
            cas.push(...got.cas);
            client ??= got.client;
        }
    }
    return {
        ...host,
        ...(host.regcert === undefined && cas.length > 0 ? { regcert: cas.join('\n') } : {}),
        ...(host.clientCert === undefined && host.clientKey === undefined && client ? { clientCert: client.cert, clientKey: client.key } : {}),
    };
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/config/bounds.js
var bounds = __webpack_require__(77675);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
;// CONCATENATED MODULE: ./build/src/transport/auth/challenge.js
// WWW-Authenticate parsing (RFC 9110 §11.6.1): one header may carry several challenges, and quoted strings may hold
// commas and backslash escapes, so a split on "," is not enough.
const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
function parseWwwAuthenticate(header) {
    if (header === undefined)
        return [];
    if (Array.isArray(header))
        return header.flatMap((h) => parseWwwAuthenticate(h));
    const s = header;
    const out = [];
    let current;
    let i = 0;
    const skip = (chars) => {
        while (i < s.length && chars.includes(s[i]))
            i++;
    };
    const readToken = () => {
        const start = i;
        while (i < s.length && TOKEN_CHAR.test(s[i]))
            i++;
        return s.slice(start, i);
    };
    const readQuoted = () => {
        let value = '';
        i++;
        while (i < s.length && s[i] !== '"') {
            if (s[i] === '\\' && i + 1 < s.length)
                i++;
            value += s[i];
            i++;
        }
        i++;
        return value;
    };
    while (i < s.length) {
        skip(' \t,');
        if (i >= s.length)
            break;
        const word = readToken();
        if (word === '') {
            i++;
            continue;
        }
        skip(' \t');
        if (current && s[i] === '=' && s[i + 1] !== '=') {
            i++;
            skip(' \t');
            const value = s[i] === '"' ? readQuoted() : readToken();
            current.params[word.toLowerCase()] = value;
            continue;
        }
        current = { scheme: word.toLowerCase(), params: {} };
        out.push(current);
        // A token68 credential (`Negotiate abc==`) carries no parameters: step over it.
        if (/^[A-Za-z0-9._~+/-]+=*\s*(,|$)/.test(s.slice(i))) {
            while (i < s.length && s[i] !== ',')
                i++;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./build/src/transport/auth/credential.js
const ANONYMOUS = { kind: 'anonymous' };
function basicAuthorization(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
/** Teaches the run's secrets a credential before it is used: the password with its Basic form, or the token. */
function learnCredential(secrets, cred) {
    if (cred.kind === 'basic')
        secrets.addBasic(cred.username, cred.password);
    else if (cred.kind === 'token')
        secrets.add(cred.token);
}
/** What to do about refused credentials: correct them where they were written, or give some. */
function credentialsHint(registry, from) {
    if (from !== undefined && from !== 'anonymous')
        return `the credentials for ${registry} from ${from} were refused: correct them there, or check that the account may do this`;
    return `no credentials were sent to ${registry}: give them with --host reg=${registry},user=…,pass=…, regkit registry login ${registry}, docker login ${registry} or a creds entry in the config`;
}

;// CONCATENATED MODULE: ./build/src/transport/auth/scope.js
// Token scopes (distribution token spec, "Requesting a Token"): `repository:<name>:<actions>`. Scopes for the same
// resource are merged so one token covers pull, push and delete on every repository a host has seen.
function repositoryScope(repository, actions) {
    return `repository:${repository}:${[...actions].join(',')}`;
}
const CATALOG_SCOPE = 'registry:catalog:*';
/** The actions a request needs on its repository (distribution: GET/HEAD pull, writes push+pull, DELETE delete). */
function actionsForMethod(method) {
    if (method === 'GET' || method === 'HEAD')
        return ['pull'];
    if (method === 'DELETE')
        return ['delete'];
    return ['pull', 'push'];
}
/** Resource (`repository:foo`) → actions granted or asked for. */
class ScopeSet {
    resources = new Map();
    /** Adds scopes; true when something new was added. */
    add(scopes) {
        let changed = false;
        for (const scope of scopes) {
            const cut = scope.lastIndexOf(':');
            if (cut <= 0)
                continue;
            const resource = scope.slice(0, cut);
            let actions = this.resources.get(resource);
            if (!actions)
                this.resources.set(resource, (actions = new Set()));
            for (const a of scope.slice(cut + 1).split(',')) {
                if (a !== '' && !actions.has(a)) {
                    actions.add(a);
                    changed = true;
                }
            }
        }
        return changed;
    }
    /** Stable, sorted scope strings: also the key tokens are cached under. */
    list() {
        return [...this.resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([r, acts]) => `${r}:${[...acts].sort().join(',')}`);
    }
}

// EXTERNAL MODULE: ./build/src/retry.js
var retry = __webpack_require__(32975);
;// CONCATENATED MODULE: ./build/src/transport/auth/token.js
// Fetching a bearer token from a token realm (distribution token spec; OAuth2 refresh-token flow for identity tokens).



const CLIENT_ID = 'regkit';
/** Tokens without `expires_in` live 60 s (token spec); renew a little before the end to avoid a 401 in flight. */
const MIN_EXPIRES_S = 60;
const RENEW_EARLY_MS = 5_000;
/** Every token in a realm's answer is registered in `secrets` before it is used or anything can echo it. */
async function fetchBearerToken(req, http, logger, secrets, now = Date.now) {
    let realm;
    try {
        realm = new URL(req.realm);
    }
    catch {
        throw new errors/* RegistryError */.gl(`the registry sent an unusable token realm "${req.realm}"`, {
            status: 401,
            registry: req.registry,
            repository: req.repository,
            operation: 'auth',
        });
    }
    let credential = req.credential;
    // Same host name on another port is the same machine the user already talks to in the clear; another name is not.
    if (credential.kind !== 'anonymous' && realm.protocol === 'http:' && realm.hostname !== req.registryOrigin.hostname) {
        logger.warn('token realm is another host over plain HTTP: asking for an anonymous token instead of sending credentials', {
            registry: req.registry,
            realm: realm.origin,
        });
        credential = { kind: 'anonymous' };
    }
    const headers = {};
    let init;
    if (credential.kind === 'token') {
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.token, client_id: CLIENT_ID });
        if (req.service)
            form.set('service', req.service);
        if (req.scopes.length)
            form.set('scope', req.scopes.join(' '));
        headers['content-type'] = 'application/x-www-form-urlencoded';
        init = { method: 'POST', headers, body: form.toString() };
    }
    else {
        const url = new URL(realm);
        if (req.service)
            url.searchParams.set('service', req.service);
        for (const s of req.scopes)
            url.searchParams.append('scope', s);
        url.searchParams.set('client_id', CLIENT_ID);
        if (credential.kind === 'basic') {
            url.searchParams.set('account', credential.username);
            headers['authorization'] = basicAuthorization(credential.username, credential.password);
        }
        realm = url;
        init = { method: 'GET', headers };
    }
    const res = await http(realm, init);
    const text = await res.text();
    if (res.status !== 200) {
        const denied = res.status === 401 || res.status === 403;
        throw new errors/* RegistryError */.gl(`the token server ${realm.origin} refused a token for ${req.scopes.join(' ') || 'the registry'}`, {
            status: res.status,
            registry: req.registry,
            repository: req.repository,
            operation: 'auth',
            failure: denied ? 'fatal' : (0,retry/* classifyStatus */.xo)(res.status),
            ...(denied ? { hint: credentialsHint(req.registry, credential.kind === 'anonymous' ? undefined : req.credentialsFrom) } : {}),
        });
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        throw new errors/* RegistryError */.gl(`the token server ${realm.origin} answered with something that is not JSON`, {
            status: res.status,
            registry: req.registry,
            repository: req.repository,
            operation: 'auth',
        });
    }
    for (const t of [body.token, body.access_token, body.refresh_token])
        if (typeof t === 'string')
            secrets.add(t);
    const token = typeof body.token === 'string' && body.token !== '' ? body.token : typeof body.access_token === 'string' ? body.access_token : '';
    if (token === '')
        throw new errors/* RegistryError */.gl(`the token server ${realm.origin} answered without a token`, {
            status: res.status,
            registry: req.registry,
            repository: req.repository,
            operation: 'auth',
        });
    const expiresIn = Math.max(MIN_EXPIRES_S, typeof body.expires_in === 'number' ? body.expires_in : 0);
    return { token, renewAt: now() + expiresIn * 1000 - RENEW_EARLY_MS };
}

;// CONCATENATED MODULE: ./build/src/transport/auth/authenticator.js
// The auth handshake for one registry host: the first request goes out bare; its 401 challenge says how to
// authenticate (Bearer via a token realm, or Basic). Bearer tokens are cached by scope set until shortly before
// they expire; scopes accumulate per host so one token serves every repository (per repository with `repoAuth`,
// for registries that reject large scope lists).





/** How long requests wait for the first request's answer to a host before going out without it. */
const PROBE_WAIT_MS = 3000;
class Authenticator {
    opts;
    challenge;
    scopeGroups = new Map();
    tokens = new Map();
    pending = new Map();
    now;
    /** Set while the first request to the host is out: the others wait for the challenge it brings back. */
    probe;
    probed = false;
    constructor(opts) {
        this.opts = opts;
        this.now = opts.now ?? Date.now;
    }
    /**
     * The `Authorization` value for a request needing `scopes`, or `undefined` before any challenge was seen. The first
     * caller goes out bare; callers meanwhile wait for its answer instead of each drawing a 401 of their own (thirty
     * checks started at once would otherwise cost thirty challenges). The client calls `answered` when it has one.
     */
    async authorization(scopes, repository) {
        if (!this.challenge && !this.probed) {
            if (!this.probe) {
                let end;
                const done = new Promise((resolve) => (end = resolve));
                this.probe = { done, end };
                return undefined;
            }
            // A first request that stalls must not hold the others for its whole timeout: past a few seconds they go bare.
            let timer;
            await Promise.race([this.probe.done, new Promise((resolve) => (timer = setTimeout(resolve, PROBE_WAIT_MS)))]);
            clearTimeout(timer);
        }
        const challenge = this.challenge;
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic') {
            const cred = await this.opts.credentials.credential();
            return cred.kind === 'basic' ? basicAuthorization(cred.username, cred.password) : undefined;
        }
        const group = this.groupFor(repository);
        group.add(scopes);
        const key = group.list();
        const cacheKey = `${challenge.params['realm']}|${challenge.params['service'] ?? ''}|${key.join(' ')}`;
        const cached = this.tokens.get(cacheKey);
        if (cached && cached.renewAt > this.now())
            return `Bearer ${cached.token}`;
        let inflight = this.pending.get(cacheKey);
        if (!inflight) {
            inflight = this.fetch(challenge, key, repository).finally(() => this.pending.delete(cacheKey));
            this.pending.set(cacheKey, inflight);
        }
        const token = await inflight;
        this.tokens.set(cacheKey, token);
        return `Bearer ${token.token}`;
    }
    /**
     * Takes in a 401's challenge. True when a second attempt may succeed: the first challenge, a changed one, new
     * scopes asked for, or a bearer token the registry no longer accepts (dropped so a fresh one is fetched).
     */
    async acceptChallenge(header, sent, repository) {
        const challenges = parseWwwAuthenticate(header);
        const next = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
        if (!next)
            return false;
        const previous = this.challenge;
        this.challenge = next;
        const asked = next.params['scope'];
        const newScopes = asked ? this.groupFor(repository).add(asked.split(' ')) : false;
        if (!previous || previous.scheme !== next.scheme || previous.params['realm'] !== next.params['realm'])
            return true;
        if (sent === undefined)
            return true;
        if (next.scheme === 'bearer') {
            const stale = sent.slice('Bearer '.length);
            for (const [k, t] of this.tokens)
                if (t.token === stale)
                    this.tokens.delete(k);
            return true;
        }
        return newScopes;
    }
    /** A response (or a failure) from the host came back: whatever it taught about auth is known now. */
    answered() {
        if (this.probed)
            return;
        this.probed = true;
        this.probe?.end();
    }
    get scheme() {
        return this.challenge?.scheme;
    }
    groupFor(repository) {
        const key = this.opts.repoAuth ? (repository ?? '') : '';
        let group = this.scopeGroups.get(key);
        if (!group)
            this.scopeGroups.set(key, (group = new ScopeSet()));
        return group;
    }
    async fetch(challenge, scopes, repository) {
        const realm = challenge.params['realm'];
        if (!realm)
            throw new errors/* RegistryError */.gl('the registry asked for a bearer token without saying where to get one (no realm)', {
                status: 401,
                registry: this.opts.registry,
                repository,
                operation: 'auth',
            });
        const credential = await this.opts.credentials.credential();
        this.opts.logger.debug('fetching registry token', { registry: this.opts.registry, scopes, credentials: this.opts.credentials.describe() });
        return fetchBearerToken({
            realm,
            service: challenge.params['service'],
            scopes,
            credential,
            credentialsFrom: this.opts.credentials.describe(),
            registry: this.opts.registry,
            registryOrigin: this.opts.origin,
            repository,
        }, this.opts.http, this.opts.logger, this.opts.secrets, this.now);
    }
}

// EXTERNAL MODULE: ./build/src/config/hostconfig.js
var hostconfig = __webpack_require__(73794);
;// CONCATENATED MODULE: ./build/src/transport/limiter.js
// Per-host request admission: at most `concurrent` requests between send and response headers, and at most
// `perSecond` request starts per second when set. A slot is released when the response headers arrive, not when
// the body has been read: a blob GET whose body streams into a PUT on the same host must not hold the slot the
// PUT is waiting for. A request with a streamed body (a blob upload) is only admitted: the client releases its slot
// at once, since its response comes after the last byte and the copy engine already bounds how many run.
class RequestLimiter {
    concurrent;
    perSecond;
    active = 0;
    waiting = [];
    nextStart = 0;
    constructor(concurrent, perSecond) {
        this.concurrent = concurrent;
        this.perSecond = perSecond;
        if (!(concurrent >= 1))
            throw new RangeError(`concurrent requests must be at least 1, got ${concurrent}`);
    }
    async acquire() {
        if (this.active >= this.concurrent)
            await new Promise((resolve) => this.waiting.push(resolve));
        else
            this.active++;
        if (this.perSecond && this.perSecond > 0) {
            const interval = 1000 / this.perSecond;
            const now = Date.now();
            const start = Math.max(now, this.nextStart);
            this.nextStart = start + interval;
            if (start > now)
                await new Promise((r) => setTimeout(r, start - now));
        }
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        };
    }
}

// EXTERNAL MODULE: ./build/src/read-up-to.js
var read_up_to = __webpack_require__(74597);
;// CONCATENATED MODULE: ./build/src/transport/response.js





const ERROR_BODY_MAX = 64 * 1024;
/** Operations that write to the registry: a 405 on them means a read-only registry. */
const WRITES = new Set(['manifest-put', 'blob-put', 'blob-mount']);
function header(headers, name) {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
}
/**
 * The one way a registry body is read into memory (manifests, token answers, list and referrers pages): refused
 * up front when `Content-Length` says it is too large, and cut as soon as it passes the bound when it does not.
 */
async function readBounded(res, read) {
    const tooLarge = () => new errors/* RegistryLimitError */.$P(`${read.what} is larger than ${(0,bounds/* formatBytes */.z3)(read.limit)}`, {
        status: undefined,
        registry: read.registry,
        repository: read.repository,
        operation: read.operation,
        setting: (0,bounds/* boundKey */.o0)(read.bound),
        limit: (0,bounds/* formatBytes */.z3)(read.limit),
    });
    if (Number(header(res.headers, 'content-length') ?? 0) > read.limit) {
        res.body.destroy();
        throw tooLarge();
    }
    const bytes = await (0,read_up_to/* readUpTo */.V)(res.body, read.limit);
    if (bytes === undefined)
        throw tooLarge();
    return bytes;
}
async function readErrorBody(body) {
    let text;
    try {
        text = (await (0,read_up_to/* readUpTo */.V)(body, ERROR_BODY_MAX))?.toString('utf8') ?? '';
    }
    catch {
        return { codes: [], messages: [], plainToTls: false };
    }
    const plainToTls = /HTTP request to an HTTPS server/i.test(text);
    try {
        const parsed = JSON.parse(text);
        const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
        return {
            codes: errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter((c) => c !== ''),
            messages: errors.map((e) => (typeof e.message === 'string' ? e.message : '')).filter((m) => m !== ''),
            plainToTls,
        };
    }
    catch {
        return { codes: [], messages: [], plainToTls };
    }
}
/** A RegistryError for an unexpected status; `what` names the thing asked for (`manifest repo:tag`, `blob sha256:…`). */
async function errorFromResponse(status, body, ctx, what) {
    const { codes, messages, plainToTls } = await readErrorBody(body);
    const said = messages.length ? ` (registry says: ${ctx.secrets.redact(messages.join('; ')).slice(0, 300)})` : '';
    const base = { status, registry: ctx.registry, repository: ctx.repository, operation: ctx.operation, codes, failure: (0,retry/* classifyStatus */.xo)(status) };
    switch (status) {
        case 401:
            return new errors/* RegistryError */.gl(`not authorized for ${what}${said}`, { ...base, hint: credentialsHint(ctx.registry, ctx.credentials) });
        case 403:
            return new errors/* RegistryError */.gl(`access to ${what} denied${said}`, { ...base, hint: 'the credentials are valid but lack permission for this operation' });
        case 404:
            return new errors/* RegistryError */.gl(`${what} not found${said}`, ctx.notFoundHint ? { ...base, hint: ctx.notFoundHint } : base);
        case 405:
            return new errors/* RegistryError */.gl(ctx.operation.endsWith('delete')
                ? `${ctx.registry} refused to delete ${what}: deletes are turned off there, or it is read-only${said}`
                : WRITES.has(ctx.operation)
                    ? `${ctx.registry} refused a write (${what}): it is read-only or takes no pushes${said}`
                    : `${ctx.registry} does not offer this API for ${what}${said}`, {
                ...base,
                hint: ctx.operation.endsWith('delete')
                    ? 'have deletes turned on (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true) or leave this registry out of the prune'
                    : WRITES.has(ctx.operation)
                        ? 'push to a writable registry, or have its operator end read-only mode (distribution: storage.maintenance.readonly)'
                        : undefined,
            });
        case 429:
            return new errors/* RegistryError */.gl(`${ctx.registry} refused ${what}: too many requests (rate limited)${said}`, {
                ...base,
                hint: `wait and run again; logged-in pulls usually get a higher limit (--host reg=${ctx.registry},user=…,pass=…, docker login or regkit registry login); ` +
                    `regkit image ratelimit ${ctx.registry}/${ctx.repository ?? 'REPO'}:TAG shows what is left`,
            });
        case 400:
            if (plainToTls)
                return new errors/* RegistryError */.gl(`${ctx.registry} speaks TLS (HTTPS), but the request for ${what} was sent as plain HTTP`, {
                    ...base,
                    hint: `use --host reg=${ctx.registry},tls=enabled (tls=insecure for a self-signed certificate), or tls: enabled|insecure in the config's creds entry`,
                });
            if (codes.includes('MANIFEST_BLOB_UNKNOWN'))
                return new errors/* RegistryError */.gl(`the registry refused ${what}: it names a blob or manifest the registry does not hold${said}`, base);
            return new errors/* RegistryError */.gl(`unexpected response for ${what}${said}`, base);
        default:
            return new errors/* RegistryError */.gl(`unexpected response for ${what}${said}`, base);
    }
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
// EXTERNAL MODULE: ./node_modules/undici/lib/dispatcher/agent.js
var agent = __webpack_require__(57405);
// EXTERNAL MODULE: ./node_modules/undici/lib/api/api-request.js
var api_request = __webpack_require__(14043);
;// CONCATENATED MODULE: ./build/src/transport/undici-lean.js


const Agent = agent;
/** `agent.request(opts)`: the index adds `request` to every dispatcher's prototype; this module does not load it. */
function requestVia(agent, opts) {
    return api_request.call(agent, opts);
}

;// CONCATENATED MODULE: ./build/src/transport/tls.js
// TLS per host (regclient's `tls: enabled|insecure|disabled`, `regcert`, `clientCert`/`clientKey`) as undici agents.


const KEEP_ALIVE_MS = 30_000;
/**
 * Stated rather than left to undici (300 s each), so a registry or token realm that accepts a connection and then
 * says nothing fails within minutes even after every retry. Headers get room for a registry that verifies a large
 * upload before answering its last PUT; the body timeout is idle time between chunks, not the length of a transfer.
 */
const DEFAULT_TIMEOUTS = { connectTimeoutMs: 10_000, headersTimeoutMs: 120_000, bodyTimeoutMs: 120_000 };
function originFor(host, apiHost) {
    return new URL(`${host.tls === 'disabled' ? 'http' : 'https'}://${apiHost}`);
}
/**
 * An agent with the host's verification mode and CA (added to the public roots, since `ca` alone would replace
 * them). The client certificate goes only to the registry itself, not to the storage or token hosts it sends us to.
 * Connections are not capped: the request limiter bounds concurrency, and an undici connection cap would let a
 * streaming GET body hold the connection a PUT on the same host needs.
 */
function agentFor(host, given, audience, env = process.env) {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...given };
    const tls = {
        ...(host.tls === 'insecure' ? { rejectUnauthorized: false } : {}),
        ...(host.regcert ? { ca: [...external_node_tls_.rootCertificates, host.regcert] } : {}),
        ...(audience === 'registry' && host.clientCert && host.clientKey ? { cert: host.clientCert, key: host.clientKey } : {}),
    };
    const options = {
        keepAliveTimeout: KEEP_ALIVE_MS,
        headersTimeout: timeouts.headersTimeoutMs,
        bodyTimeout: timeouts.bodyTimeoutMs,
        connect: { timeout: timeouts.connectTimeoutMs, ...tls },
    };
    if (!proxyConfigured(env))
        return new Agent(options);
    // Through a proxy (its modules loaded only then) the registry's TLS runs inside the CONNECT tunnel: `requestTls`
    // carries the host's mode, CA and client certificate there, so a proxied registry is verified as a direct one.
    const httpProxy = env['http_proxy'] || env['HTTP_PROXY'];
    const httpsProxy = env['https_proxy'] || env['HTTPS_PROXY'];
    return __webpack_require__.e(/* import() */ 711).then(__webpack_require__.bind(__webpack_require__, 50711)).then(({ envProxyAgent }) => envProxyAgent({
        ...options,
        requestTls: { ...tls, timeout: timeouts.connectTimeoutMs },
        ...(httpProxy ? { httpProxy } : {}),
        ...(httpsProxy ? { httpsProxy } : {}),
        noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
    }));
}
/** As Go's ProxyFromEnvironment, which regclient uses: either spelling of HTTP_PROXY or HTTPS_PROXY, lower case first. */
function proxyConfigured(env) {
    return ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY'].some((k) => (env[k] ?? '') !== '');
}

;// CONCATENATED MODULE: ./build/src/transport/client.js
// One client per registry host: request admission (limiter) → auth handshake → retries → undici, with redirects
// followed by hand so `Authorization` never leaves the registry's origin (blob GETs redirect to storage).













const MAX_REDIRECTS = 5;
const MAX_TIMER_MS = 2 ** 31 - 1;
const ignoreUnread = () => undefined;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
class RegistryClient {
    registry;
    origin;
    host;
    bounds;
    secrets;
    /** A promise while the proxy modules load (tls.ts), when a proxy is set. */
    agent;
    foreign;
    limiter;
    auth;
    retry;
    logger;
    userAgent;
    credentials;
    constructor(opts) {
        this.host = opts.host;
        this.registry = opts.host.registry;
        this.bounds = (0,bounds/* boundsWith */.CE)(opts.bounds);
        this.secrets = opts.secrets;
        this.origin = originFor(opts.host, opts.host.hostname ?? (0,reference/* apiHostFor */.Qd)(opts.host.registry));
        this.agent = agentFor(opts.host, opts.timeouts ?? {}, 'registry');
        this.foreign = agentFor(opts.host, opts.timeouts ?? {}, 'foreign');
        // 0 is how regclient's configs say "not set".
        this.limiter = new RequestLimiter(opts.host.reqConcurrent || hostconfig/* DEFAULT_REQ_CONCURRENT */.Fb, opts.host.reqPerSec);
        this.retry = { ...retry/* DEFAULT_RETRY_POLICY */.cO, ...opts.retry };
        this.logger = opts.logger;
        this.userAgent = opts.userAgent;
        this.credentials = opts.credentials;
        this.auth = new Authenticator({
            registry: this.registry,
            origin: this.origin,
            repoAuth: opts.host.repoAuth ?? false,
            credentials: opts.credentials,
            http: this.tokenHttp,
            logger: opts.logger,
            secrets: opts.secrets,
        });
    }
    /**
     * Sends a request and returns the registry's answer, whatever its status, after retrying transient failures and
     * answering auth challenges. Throws RegistryError when the host cannot be reached or authentication fails.
     */
    async request(req) {
        const url = new URL(req.target, this.origin);
        const scopes = [...(req.repository !== undefined ? [repositoryScope(req.repository, actionsForMethod(req.method))] : []), ...(req.scopes ?? [])];
        const replayable = !(req.body instanceof external_node_stream_.Readable);
        const sameOrigin = url.origin === this.origin.origin;
        let reauthenticated = false;
        for (;;) {
            const authorization = sameOrigin ? await this.auth.authorization(scopes, req.repository) : undefined;
            let res;
            let mayHelp;
            try {
                res = await this.sendRetrying(url, req, authorization, replayable);
                if ((0,retry/* classifyStatus */.xo)(res.status) !== 'reauth' || !sameOrigin)
                    return res;
                // A stream body is gone, but the challenge is still learned so the caller's fresh attempt goes out authorized.
                mayHelp = !reauthenticated && (await this.auth.acceptChallenge(res.headers['www-authenticate'], authorization, req.repository));
            }
            finally {
                // Whatever came back (or failed), requests waiting behind the first one to this host may go now.
                if (sameOrigin)
                    this.auth.answered();
            }
            if (mayHelp && replayable) {
                await res.body.dump();
                reauthenticated = true;
                continue;
            }
            throw await errorFromResponse(401, res.body, {
                registry: this.registry,
                repository: req.repository,
                operation: req.operation,
                secrets: this.secrets,
                credentials: this.auth.scheme === undefined ? undefined : this.credentials.describe(),
            }, `${req.method} ${url.pathname}`);
        }
    }
    async close() {
        await Promise.all([(await this.agent).close(), (await this.foreign).close()]);
    }
    async sendRetrying(url, req, authorization, replayable) {
        const started = performance.now();
        let retries = 0;
        try {
            const res = await this.attempts(url, req, authorization, replayable, (n) => (retries = n));
            this.logRequest(req.method, url, res, started, retries);
            return res;
        }
        catch (err) {
            this.logRequest(req.method, url, undefined, started, retries);
            throw err;
        }
    }
    /** `-v`'s line per request: what went where, the answer, how long it took with its retries; no credentials. */
    logRequest(method, url, res, started, retries) {
        this.logger.debug('http', {
            method,
            url: redactedUrl(url),
            ...(res && res.url.href !== url.href ? { redirectedTo: redactedUrl(res.url) } : {}),
            status: res?.status ?? 'no response',
            durationMs: Math.round(performance.now() - started),
            retries,
        });
    }
    async attempts(url, req, authorization, replayable, onRetry) {
        for (let attempt = 0;; attempt++) {
            onRetry(attempt);
            const release = await this.limiter.acquire();
            // A streamed body (a blob upload) has its response only when the last byte is in: its start is admitted, its
            // duration is not counted, or a few uploads would lock every HEAD and POST for the host out until they end.
            if (!replayable)
                release();
            let res;
            try {
                res = await this.send(url, req, authorization);
            }
            catch (err) {
                release();
                if (replayable && attempt < this.retry.retries && (0,retry/* classifyFailure */.XE)(err) === 'transient') {
                    const delay = (0,retry/* backoffDelay */.EY)(attempt, this.retry);
                    this.logger.debug('retrying after a network error', {
                        registry: this.registry,
                        method: req.method,
                        path: url.pathname,
                        code: (0,retry/* errorCode */.CA)(err),
                        attempt: attempt + 1,
                        delayMs: delay,
                    });
                    await (0,promises_.setTimeout)(delay);
                    continue;
                }
                throw this.networkError(err, url, req, attempt);
            }
            release();
            if (replayable && attempt < this.retry.retries && (0,retry/* classifyStatus */.xo)(res.status) === 'transient') {
                const delay = (0,retry/* retryDelay */.a2)(attempt, res.headers['retry-after'], this.retry);
                await res.body.dump();
                this.logger.debug('retrying after a transient status', {
                    registry: this.registry,
                    method: req.method,
                    path: url.pathname,
                    status: res.status,
                    attempt: attempt + 1,
                    delayMs: delay,
                });
                await (0,promises_.setTimeout)(delay);
                continue;
            }
            return res;
        }
    }
    async send(start, req, authorization) {
        let url = start;
        for (let redirects = 0;; redirects++) {
            const sameOrigin = url.origin === this.origin.origin;
            const headers = { 'user-agent': this.userAgent, ...req.headers };
            // Credentials a caller put in the headers (a token realm's Basic auth) stay with the origin they were meant for.
            if (url.origin !== start.origin)
                delete headers['authorization'];
            if (authorization !== undefined && sameOrigin)
                headers['authorization'] = authorization;
            // undici gives a connection back one event-loop turn after its response ended; a request sent sooner (the GET
            // right after a HEAD) finds none free and opens another, a round trip on a long link. Waiting that turn reuses it.
            await (0,promises_.setImmediate)();
            const deadline = this.deadlineFor(req, url);
            let res;
            try {
                const dispatcher = sameOrigin ? this.agent : this.foreign;
                res = await requestVia(dispatcher instanceof Promise ? await dispatcher : dispatcher, {
                    origin: url.origin,
                    path: `${url.pathname}${url.search}`,
                    method: req.method,
                    headers,
                    body: req.body ?? null,
                    signal: deadline.signal,
                    // undici closes the connection after every HEAD (for servers that wrongly send a body with one): a no-op sync
                    // is two HEADs per tag, so each would open a connection, a round trip more (three with TLS) and a socket,
                    // parser and error object made and dropped per request. Go's client, regclient's, keeps them open too.
                    ...(req.method === 'HEAD' ? { reset: false } : {}),
                });
            }
            catch (err) {
                deadline.clear();
                throw err;
            }
            // The deadline covers the body too: it ends when the caller has read (or dumped) it.
            res.body.once('close', deadline.clear);
            // A body destroyed unread (refused by its Content-Length, or left waiting past its deadline) emits 'error' with no
            // reader listening, which would end the process; readers still get the error through their own listeners.
            res.body.on('error', ignoreUnread);
            const location = res.headers['location'];
            const followable = (req.method === 'GET' || req.method === 'HEAD') && REDIRECT_STATUS.has(res.statusCode) && typeof location === 'string';
            if (!followable)
                return { status: res.statusCode, headers: res.headers, body: res.body, url };
            await res.body.dump();
            if (redirects >= MAX_REDIRECTS)
                throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start.pathname}`);
            url = new URL(location, url);
        }
    }
    /**
     * The time one exchange may take, headers and whole body: the request bound (plus the blob's size at the minimum
     * rate), never past the operation's own end. When it passes, undici ends the request or the body stream with the
     * RegistryLimitError given as the abort reason, so the reader sees which bound and what to raise.
     */
    deadlineFor(req, url) {
        const b = this.bounds;
        const blobMs = req.blobBytes !== undefined ? Math.ceil((req.blobBytes / b.blobMinBytesPerSec) * 1000) : 0;
        const requestMs = b.requestTimeoutMs + blobMs;
        const operationMs = req.notAfter !== undefined ? Math.max(0, req.notAfter - Date.now()) : Infinity;
        const byOperation = operationMs < requestMs;
        const ms = byOperation ? operationMs : requestMs;
        const what = `${req.method} ${url.pathname}`;
        const error = () => new errors/* RegistryLimitError */.$P(byOperation
            ? `the operation did not finish within ${(0,bounds/* formatMs */._V)(b.operationTimeoutMs)} (ended during ${what})`
            : `${what} did not finish within ${(0,bounds/* formatMs */._V)(requestMs)}${blobMs > 0 ? ` (${(0,bounds/* formatMs */._V)(b.requestTimeoutMs)} plus ${(0,bounds/* formatBytes */.z3)(req.blobBytes)} at ${(0,bounds/* formatBytes */.z3)(b.blobMinBytesPerSec)}/s)` : ''}: the answer came too slowly`, {
            status: undefined,
            registry: this.registry,
            repository: req.repository,
            operation: req.operation,
            setting: (0,bounds/* boundKey */.o0)(byOperation ? 'operationTimeoutMs' : blobMs > 0 ? 'blobMinBytesPerSec' : 'requestTimeoutMs'),
            limit: byOperation ? (0,bounds/* formatMs */._V)(b.operationTimeoutMs) : blobMs > 0 ? `${(0,bounds/* formatBytes */.z3)(b.blobMinBytesPerSec)}/s` : (0,bounds/* formatMs */._V)(b.requestTimeoutMs),
        });
        const controller = new AbortController();
        // Node fires a timer past its 32-bit limit at once: a deadline that far out (a blob over 64 GiB at 32 KiB/s) is held at ~24 days.
        const timer = setTimeout(() => controller.abort(error()), Math.min(ms, MAX_TIMER_MS));
        // A response nobody reads to the end must not keep the process alive until its deadline.
        timer.unref();
        return { signal: controller.signal, clear: () => clearTimeout(timer) };
    }
    networkError(err, url, req, retries) {
        if (err instanceof errors/* RegistryError */.gl)
            return err;
        const code = (0,retry/* errorCode */.CA)(err);
        const message = err instanceof Error ? err.message : String(err);
        const base = {
            status: undefined,
            registry: this.registry,
            repository: req.repository,
            operation: req.operation,
            failure: (0,retry/* classifyFailure */.XE)(err),
            cause: err,
        };
        // OpenSSL's "wrong version number": the bytes that came back were not TLS; what answered is a plain-HTTP server.
        if (url.protocol === 'https:' && (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message)))
            return new errors/* RegistryError */.gl(`${url.host} speaks plain HTTP, not TLS (HTTPS)`, {
                ...base,
                hint: `if that is expected, use --host reg=${this.registry},tls=disabled (or tls: disabled in the config's creds entry)`,
            });
        return new errors/* RegistryError */.gl(`cannot reach ${url.host}: ${code ? `${code} ` : ''}${message}${retries > 0 ? ` (after ${retries} retries)` : ''}`, {
            ...base,
            hint: code === 'ECONNREFUSED' || code === 'ENOTFOUND'
                ? 'check the host name and port, and that the registry is running'
                : code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'EPROTO'
                    ? 'check the TLS mode (--host reg=…,tls=enabled|insecure|disabled) and CA'
                    : undefined,
        });
    }
    /** Token realms go through the same retries and redirect rules; they never get the registry's Authorization. */
    tokenHttp = async (url, init) => {
        const req = {
            method: init.method,
            target: url.href,
            operation: 'auth',
            headers: init.headers,
            ...(init.body !== undefined ? { body: init.body } : {}),
        };
        const res = await this.sendRetrying(url, req, undefined, true);
        const read = {
            registry: this.registry,
            secrets: this.secrets,
            repository: undefined,
            operation: 'auth',
            what: `the answer of the token server ${url.origin}`,
            limit: this.bounds.tokenBytes,
            bound: 'tokenBytes',
        };
        return { status: res.status, text: async () => (await readBounded(res, read)).toString('utf8') };
    };
}
/** Query parameters that carry no secret: paging, mounts, token scopes. Every other value (signed storage URLs,
 * `access_token`, `X-Amz-Signature` …) is shown as `***`; user info never. */
const PLAIN_QUERY_KEYS = new Set(['n', 'last', 'digest', 'mount', 'from', 'scope', 'service', 'artifactType']);
function redactedUrl(url) {
    const shown = new URL(url.href);
    shown.username = '';
    shown.password = '';
    const params = [...shown.searchParams.entries()].map(([k, v]) => [k, PLAIN_QUERY_KEYS.has(k) ? v : '***']);
    shown.search = params.length > 0 ? `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${v === '***' ? v : encodeURIComponent(v)}`).join('&')}` : '';
    return shown.href;
}

;// CONCATENATED MODULE: ./build/src/transport/auth/cred-helper.js
// Docker credential helpers (`docker-credential-<name> get`, server URL on stdin, JSON on stdout), the protocol of
// github.com/docker/docker-credential-helpers.


/** Helpers answer this user name when the secret is an identity token rather than a password. */
const IDENTITY_TOKEN_USER = '<token>';
const HELPER_TIMEOUT_MS = 30_000;
async function runCredentialHelper(helper, serverUrl) {
    const program = `docker-credential-${helper}`;
    // Loaded here, not with the module: start-up is part of every CLI call, and few hosts name a helper.
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 31421, 19));
    const { code, stdout, stderr } = await new Promise((resolve, reject) => {
        const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: HELPER_TIMEOUT_MS });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
        child.on('error', (e) => reject(new errors/* ConfigError */.xL(e.code === 'ENOENT'
            ? `credential helper ${program} is not on PATH; install it or remove it from the docker config`
            : `credential helper ${program} failed to start: ${e.message}`)));
        child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
        child.stdin.on('error', () => { });
        child.stdin.end(serverUrl);
    });
    if (code !== 0) {
        // The helpers' own wording for "no entry": not an error, just nobody logged in there.
        if (/credentials not found/i.test(stdout + stderr))
            return ANONYMOUS;
        throw new errors/* ConfigError */.xL(`credential helper ${program} exited with ${code} for ${serverUrl}: ${(stderr || stdout).trim().slice(0, 200)}`);
    }
    let parsed;
    try {
        parsed = JSON.parse(stdout);
    }
    catch {
        throw new errors/* ConfigError */.xL(`credential helper ${program} printed something that is not JSON for ${serverUrl}`);
    }
    const username = typeof parsed.Username === 'string' ? parsed.Username : '';
    const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
    if (secret === '')
        return ANONYMOUS;
    if (username === IDENTITY_TOKEN_USER)
        return { kind: 'token', token: secret };
    return { kind: 'basic', username, password: secret };
}

// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./build/src/transport/auth/docker-config.js
// Docker's client config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`): where `docker login` leaves
// credentials, or the name of the credential helper that holds them.




/** Docker Hub's credentials live under its v1 index URL, as `docker login` writes them. */
const DOCKER_HUB_CRED_HOST = 'https://index.docker.io/v1/';
function dockerConfigPath(env = process.env) {
    return (0,external_node_path_.join)(env['DOCKER_CONFIG'] ?? (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'), 'config.json');
}
/** The config at `path`; an empty one when the file does not exist. */
async function loadDockerConfig(path = dockerConfigPath()) {
    let text;
    try {
        text = await (0,external_node_fs_promises_.readFile)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return { auths: {}, credHelpers: {} };
        throw new errors/* ConfigError */.xL(`cannot read docker config: ${err.message}`, { file: path });
    }
    return parseDockerConfig(text, path);
}
function parseDockerConfig(text, file) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (err) {
        throw new errors/* ConfigError */.xL(`docker config is not valid JSON (${err.message}); fix it or set DOCKER_CONFIG to another directory`, file ? { file } : {});
    }
    const obj = (typeof json === 'object' && json !== null ? json : {});
    const auths = (typeof obj['auths'] === 'object' && obj['auths'] !== null ? obj['auths'] : {});
    const credHelpers = (typeof obj['credHelpers'] === 'object' && obj['credHelpers'] !== null ? obj['credHelpers'] : {});
    const credsStore = typeof obj['credsStore'] === 'string' && obj['credsStore'] !== '' ? obj['credsStore'] : undefined;
    return { auths, credHelpers, ...(credsStore ? { credsStore } : {}) };
}
/** Keys may be written as `host`, `https://host`, or `https://host/v1/`: compare by host alone. */
function normalizeCredHost(key) {
    return key
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
}
function findByHost(map, host) {
    if (Object.prototype.hasOwnProperty.call(map, host))
        return map[host];
    const wanted = normalizeCredHost(host);
    for (const [key, value] of Object.entries(map))
        if (normalizeCredHost(key) === wanted)
            return value;
    return undefined;
}
/** An `auths` entry's user and password (from `auth`, base64 of `user:pass`, else the plain fields) and token. */
function decodeAuthEntry(entry) {
    let username = entry.username;
    let password = entry.password;
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) {
            username = decoded.slice(0, colon);
            password = decoded.slice(colon + 1);
        }
    }
    return { ...(username ? { username } : {}), ...(password ? { password } : {}), ...(entry.identitytoken ? { identitytoken: entry.identitytoken } : {}) };
}
/** Credentials written inline in `auths`, if the entry holds any. */
function inlineCredential(config, credHost) {
    const entry = findByHost(config.auths, credHost);
    if (!entry)
        return undefined;
    const { username, password, identitytoken } = decodeAuthEntry(entry);
    if (identitytoken)
        return { kind: 'token', token: identitytoken, ...(username ? { username } : {}) };
    if (username && password !== undefined)
        return { kind: 'basic', username, password };
    return undefined;
}
/** The helper that holds this host's credentials: the per-host `credHelpers` entry, else the default `credsStore`. */
function helperFor(config, credHost) {
    return findByHost(config.credHelpers, credHost) ?? config.credsStore;
}

;// CONCATENATED MODULE: ./build/src/transport/auth/credential-sources.js
// Which credential a registry gets, in order: the explicit host config (`--host`, config `creds`), then docker's
// config.json (inline `auths`, `credHelpers`, `credsStore`), else anonymous. Helper answers are cached for
// `credExpire` seconds; a failed helper is asked again after a few seconds.




const DEFAULT_CRED_EXPIRE_S = 3600;
const FAILED_HELPER_RETRY_MS = 5_000;
/** The name a credential store knows a registry by: `credHost`, Docker Hub's v1 URL, else the registry host. */
function credHostFor(host) {
    if (host.credHost)
        return host.credHost;
    if (host.registry === reference/* DOCKER_HUB */.Xb)
        return DOCKER_HUB_CRED_HOST;
    return host.hostname ?? host.registry;
}
class HostCredentialSource {
    opts;
    cached;
    pending;
    origin = 'anonymous';
    now;
    constructor(opts) {
        this.opts = opts;
        this.now = opts.now ?? Date.now;
    }
    describe() {
        return this.origin;
    }
    async credential() {
        if (this.cached && this.cached.until > this.now())
            return this.cached.value;
        this.pending ??= this.resolve().finally(() => (this.pending = undefined));
        return this.pending;
    }
    remember(value, ttlMs, origin) {
        learnCredential(this.opts.secrets, value);
        this.cached = { value, until: this.now() + ttlMs, origin };
        this.origin = origin;
        return value;
    }
    async resolve() {
        const { host, logger } = this.opts;
        if (host.user && host.pass !== undefined)
            return this.remember({ kind: 'basic', username: host.user, password: host.pass }, Infinity, host.credsFrom ?? 'host config user/pass');
        if (host.token)
            return this.remember({ kind: 'token', token: host.token, ...(host.user ? { username: host.user } : {}) }, Infinity, host.credsFrom ?? 'host config token');
        const credHost = credHostFor(host);
        const ttl = (host.credExpire ?? DEFAULT_CRED_EXPIRE_S) * 1000;
        if (host.credHelper)
            return this.fromHelper(host.credHelper, credHost, ttl);
        const config = await this.opts.dockerConfig();
        if (config) {
            const inline = inlineCredential(config, credHost);
            if (inline)
                return this.remember(inline, Infinity, 'docker config.json');
            const helper = helperFor(config, credHost);
            if (helper)
                return this.fromHelper(helper, credHost, ttl);
        }
        logger.debug('no credentials configured; using anonymous access', { registry: host.registry });
        return this.remember(ANONYMOUS, Infinity, 'anonymous');
    }
    async fromHelper(helper, credHost, ttlMs) {
        const origin = `docker-credential-${helper}`;
        try {
            return this.remember(await runCredentialHelper(helper, credHost), ttlMs, origin);
        }
        catch (err) {
            this.opts.logger.warn(`credential helper failed, continuing anonymously: ${err.message}`, { registry: this.opts.host.registry });
            return this.remember(ANONYMOUS, FAILED_HELPER_RETRY_MS, `${origin} (failed)`);
        }
    }
}
/**
 * Loads docker's config once, on first use, and shares it between hosts. Every credential written in it is
 * registered as a secret on load, those of hosts this run never talks to included.
 */
function sharedDockerConfig(enabled, secrets, path) {
    let loaded;
    return async () => {
        if (!enabled)
            return undefined;
        loaded ??= loadDockerConfig(path).then((config) => {
            for (const entry of Object.values(config.auths)) {
                const { username, password, identitytoken } = decodeAuthEntry(entry);
                if (password !== undefined)
                    secrets.addBasic(username ?? '', password);
                secrets.add(identitytoken);
                secrets.add(entry.auth);
            }
            return config;
        });
        return loaded;
    };
}

// EXTERNAL MODULE: ./build/src/config/secrets.js
var secrets = __webpack_require__(78965);
;// CONCATENATED MODULE: ./build/src/transport/user-agent.js
// The product's version, as sent in `User-Agent: regkit/<version>`. A unit test keeps it equal to package.json's.
const REGKIT_VERSION = '0.1.0';
const DEFAULT_USER_AGENT = `regkit/${REGKIT_VERSION}`;

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./build/src/oci/digest.js
var oci_digest = __webpack_require__(6559);
// EXTERNAL MODULE: ./build/src/oci/manifest.js
var manifest = __webpack_require__(62262);
// EXTERNAL MODULE: ./build/src/oci/names.js
var names = __webpack_require__(37287);
;// CONCATENATED MODULE: ./build/src/store/names.js
// The one place a backend turns what it listed (names, or entries carrying one) into validated values: an entry whose
// name is not valid in the OCI grammar is never returned, so nothing can be built from it; it goes to the caller, which
// reports it against its own item, or else is logged as a warning naming the source.

function keepValidNames(values, parse, source, opts, logger) {
    const kept = [];
    for (const value of values) {
        try {
            kept.push(parse(value, source));
        }
        catch (err) {
            if (!(err instanceof errors/* InvalidNameError */.Tw))
                throw err;
            if (opts.onInvalid)
                opts.onInvalid(err);
            else
                logger.warn(`${err.message}; skipped`);
        }
    }
    return kept;
}

// EXTERNAL MODULE: ./build/src/store/ocidir/layout.js
var layout = __webpack_require__(27248);
;// CONCATENATED MODULE: ./build/src/store/ocidir/gc.js
// What `index.json` keeps alive in a layout, and removing the rest. The roots are the entries of `index.json`
// (tags, and referrers stored untagged); from each manifest, its children, config and layers are reachable.





/** A temp file this old belongs to a write that died; a live write renames its file within seconds of its last byte. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        // EPERM: the process exists but belongs to someone else.
        return err.code === 'EPERM';
    }
}
/**
 * Whether a temp file belongs to a write that died: its writer (named in the file name, on this host) is gone, or
 * it is older than any live write leaves one. Files from another host, or without an owner, go by age alone.
 */
async function abandoned(file, name) {
    const owner = /^(.+)-(\d+)-[0-9a-f]+$/.exec(name.slice(layout/* TEMP_PREFIX */.MX.length));
    const host = layout/* TEMP_OWNER */.DG.slice(0, layout/* TEMP_OWNER */.DG.lastIndexOf('-'));
    if (owner !== null && owner[1] === host && !processAlive(Number(owner[2])))
        return true;
    const st = await (0,external_node_fs_promises_.stat)(file).catch(() => undefined);
    return st !== undefined && Date.now() - st.mtimeMs > ABANDONED_TEMP_MS;
}
/**
 * Removes temp files of layout writes that died (a killed copy leaves its half-written blob), in the layout's root
 * and its blob directories. Runs when a store first uses the layout; needs no lock, since a live write's file is kept.
 */
async function removeAbandonedTemps(root) {
    let removed = 0;
    const algorithms = await (0,external_node_fs_promises_.readdir)((0,external_node_path_.join)(root, 'blobs')).catch(() => []);
    for (const dir of [root, ...algorithms.map((alg) => (0,external_node_path_.join)(root, 'blobs', alg))]) {
        for (const name of await (0,external_node_fs_promises_.readdir)(dir).catch(() => [])) {
            const file = (0,external_node_path_.join)(dir, name);
            if (!name.startsWith(layout/* TEMP_PREFIX */.MX) || !(await abandoned(file, name)))
                continue;
            await (0,external_node_fs_promises_.unlink)(file).then(() => removed++, () => undefined);
        }
    }
    return removed;
}
/** Every digest reachable from the entries of `index`, walking indexes recursively. */
async function reachableDigests(root, index, bounds) {
    const seen = new Set();
    const manifests = [...index.manifests];
    while (manifests.length > 0) {
        const d = manifests.pop();
        if (seen.has(d.digest))
            continue;
        seen.add(d.digest);
        const m = await (0,layout/* readManifestBlob */.XU)(root, d.digest, bounds);
        if (!m)
            continue;
        for (const child of (0,manifest/* referencedDescriptors */.a)(m)) {
            if (!(0,reference/* isValidDigest */.fH)(child.digest))
                continue;
            if (m.kind === 'index')
                manifests.push(child);
            else
                seen.add(child.digest);
        }
    }
    return seen;
}
/** Removes every blob `index` does not reach, and temp files of writes that died. Call it under the layout lock. */
async function collectGarbage(root, index, bounds) {
    const keep = await reachableDigests(root, index, bounds);
    const result = { removed: [], bytes: 0 };
    const algorithms = await (0,external_node_fs_promises_.readdir)((0,external_node_path_.join)(root, 'blobs')).catch(() => []);
    for (const alg of algorithms) {
        const dir = (0,external_node_path_.join)(root, 'blobs', alg);
        const names = await (0,external_node_fs_promises_.readdir)(dir).catch(() => []);
        for (const name of names) {
            const file = (0,external_node_path_.join)(dir, name);
            const digest = `${alg}:${name}`;
            if (name.startsWith(layout/* TEMP_PREFIX */.MX)) {
                if (await abandoned(file, name))
                    await (0,external_node_fs_promises_.unlink)(file).catch(() => undefined);
                continue;
            }
            if (!(0,reference/* isValidDigest */.fH)(digest) || keep.has(digest))
                continue;
            const st = await (0,external_node_fs_promises_.stat)(file).catch(() => undefined);
            if (!st?.isFile())
                continue;
            await (0,external_node_fs_promises_.unlink)(file);
            result.removed.push(digest);
            result.bytes += st.size;
        }
    }
    return result;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./build/src/store/ocidir/lock.js
// A lock file that serialises read-modify-write of one file across async tasks and across processes.
// The lock is a file created with O_EXCL; a holder that died leaves it behind, so a lock older than `staleMs` is taken
// over. Within one store a promise chain queues callers first, so they never poll against each other; two stores on
// one layout in one process (two StoreSets) still exclude each other through the file, as two processes do.



const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;
class FileLock {
    lockPath;
    opts;
    queue = Promise.resolve();
    constructor(lockPath, opts = {}) {
        this.lockPath = lockPath;
        this.opts = opts;
    }
    /** Runs `fn` while holding the lock file, after every earlier `fn` of this lock has settled. */
    run(fn) {
        const run = this.queue
            .catch(() => undefined)
            .then(async () => {
            const token = await acquire(this.lockPath, this.opts);
            try {
                return await fn();
            }
            finally {
                await release(this.lockPath, token);
            }
        });
        this.queue = run;
        return run;
    }
}
async function acquire(lockPath, opts) {
    const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
    const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const token = `${process.pid} ${(0,external_node_crypto_.randomBytes)(8).toString('hex')} ${new Date().toISOString()}\n`;
    for (let attempt = 0;; attempt++) {
        try {
            const fh = await (0,external_node_fs_promises_.open)(lockPath, 'wx');
            try {
                await fh.writeFile(token);
            }
            finally {
                await fh.close();
            }
            return token;
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw err;
        }
        if (await breakIfStale(lockPath, staleMs)) {
            opts.logger?.warn('took over a stale lock left by a process that stopped', { lock: lockPath });
            continue;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${lockPath}; if no other regkit process uses this layout, delete that file and retry`);
        }
        await (0,promises_.setTimeout)(Math.min(5 + attempt * 5, 100));
    }
}
/**
 * Moves a stale lock aside. The rename is atomic, so of several waiters only one wins; if the file renamed turns out
 * to be a fresh lock that another waiter created in between, it is linked back (link fails if yet another exists).
 */
async function breakIfStale(lockPath, staleMs) {
    let seen;
    try {
        const st = await (0,external_node_fs_promises_.stat)(lockPath);
        if (Date.now() - st.mtimeMs < staleMs)
            return false;
        seen = await (0,external_node_fs_promises_.readFile)(lockPath, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return true;
        throw err;
    }
    const aside = `${lockPath}.stale-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    try {
        await (0,external_node_fs_promises_.rename)(lockPath, aside);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return true;
        throw err;
    }
    const moved = await (0,external_node_fs_promises_.readFile)(aside, 'utf8');
    if (moved !== seen)
        await (0,external_node_fs_promises_.link)(aside, lockPath).catch(() => undefined);
    await (0,external_node_fs_promises_.unlink)(aside).catch(() => undefined);
    return true;
}
async function release(lockPath, token) {
    // Only remove the lock if it is still ours: after a stall longer than staleMs another process may own it now.
    const current = await (0,external_node_fs_promises_.readFile)(lockPath, 'utf8').catch(() => undefined);
    if (current === token)
        await (0,external_node_fs_promises_.unlink)(lockPath).catch(() => undefined);
}

;// CONCATENATED MODULE: ./build/src/store/ocidir/ocidir.js
// The Store over an OCI image layout directory (image-spec image-layout.md), laid out as regclient and skopeo do:
// tags are entries of `index.json` carrying `org.opencontainers.image.ref.name`; manifests are blobs too.
// A manifest pushed by digest alone is stored as a blob only (children of an index are written that way), except one
// with a `subject`: it gets an untagged entry, so referrers stay discoverable and survive `gc`.














const DEFAULT_TAG = 'latest';
class OcidirStore {
    path;
    kind = 'ocidir';
    root;
    logger;
    lock;
    spent;
    bounds;
    prepared;
    opened;
    constructor(path, opts) {
        this.path = path;
        this.root = (0,external_node_path_.resolve)(path);
        this.logger = opts.logger;
        this.spent = opts.spent;
        this.lock = new FileLock((0,external_node_path_.join)(this.root, layout/* LOCK_FILE */.FI), {
            logger: this.logger,
            ...(opts.lockTimeoutMs !== undefined ? { timeoutMs: opts.lockTimeoutMs } : {}),
            ...(opts.staleLockMs !== undefined ? { staleMs: opts.staleLockMs } : {}),
        });
        this.bounds = (0,bounds/* boundsWith */.CE)(opts.bounds);
    }
    async headManifest(ref) {
        const target = await this.resolveManifest(ref);
        if (!target)
            return undefined;
        const st = await (0,external_node_fs_promises_.stat)((0,layout/* blobPath */.nD)(this.root, target.digest)).catch(() => undefined);
        if (!st?.isFile())
            return undefined;
        const mediaType = target.mediaType ?? (await (0,layout/* readManifestBlob */.XU)(this.root, target.digest, this.bounds))?.mediaType ?? '';
        return { digest: target.digest, mediaType, size: st.size };
    }
    async getManifest(ref) {
        const target = await this.resolveManifest(ref);
        if (!target)
            throw this.notFound('manifest-get', `no manifest tagged "${this.check(ref).tag ?? DEFAULT_TAG}"`);
        let bytes;
        try {
            bytes = await (0,layout/* readFileBounded */.Y1)((0,layout/* blobPath */.nD)(this.root, target.digest), this.bounds.manifestBytes, 'manifestBytes');
        }
        catch (err) {
            if (err.code === 'ENOENT')
                throw this.notFound('manifest-get', `manifest ${target.digest} is not in the layout`);
            throw err;
        }
        (0,oci_digest/* verifyBytes */.RV)(bytes, target.digest, `manifest ${target.digest} in ${this.name}`);
        const mediaType = (0,manifest/* parseManifest */.N)(bytes, target.mediaType).mediaType || target.mediaType || '';
        return { digest: target.digest, mediaType, size: bytes.length, bytes };
    }
    async putManifest(ref, bytes, mediaType) {
        const r = this.check(ref);
        let digest;
        if (r.digest !== undefined) {
            (0,oci_digest/* verifyBytes */.RV)(bytes, r.digest, `manifest pushed as ${r.digest}`);
            digest = r.digest;
        }
        else {
            digest = (0,oci_digest/* digestOf */.ol)(bytes);
        }
        const parsed = (0,manifest/* parseManifest */.N)(bytes, mediaType);
        await this.prepare();
        const file = (0,layout/* blobPath */.nD)(this.root, digest);
        const existing = await (0,external_node_fs_promises_.stat)(file).catch(() => undefined);
        if (existing?.size !== bytes.length) {
            await (0,layout/* makeDirectories */.Kb)((0,external_node_path_.dirname)(file));
            await (0,layout/* writeFileAtomic */.Zf)(file, bytes);
        }
        const entry = { mediaType: parsed.mediaType || mediaType, digest, size: bytes.length };
        const artifactType = declaredArtifactType(parsed);
        if (artifactType !== undefined)
            entry.artifactType = artifactType;
        if (r.tag !== undefined) {
            const tag = (0,names/* parseTag */.ED)(r.tag, `a manifest put into ${this.name}`);
            const tagged = { ...entry, annotations: { [layout/* REF_NAME_ANNOTATION */.EP]: tag } };
            await this.updateIndex((index) => {
                // A moved tag keeps its place in index.json, so tag listings stay in a stable order.
                let placed = false;
                index.manifests = index.manifests.flatMap((d) => {
                    if ((0,layout/* tagOf */.cO)(d) !== tag)
                        return [d];
                    if (placed)
                        return [];
                    placed = true;
                    return [tagged];
                });
                if (!placed)
                    index.manifests.push(tagged);
                return true;
            });
        }
        else if (subjectOf(parsed) !== undefined) {
            await this.updateIndex((index) => {
                if (index.manifests.some((d) => d.digest === digest && (0,layout/* tagOf */.cO)(d) === undefined))
                    return false;
                index.manifests.push(entry);
                return true;
            });
        }
        this.logger.debug('stored manifest', { layout: this.path, digest, tag: r.tag });
        return digest;
    }
    /**
     * Removes every `index.json` entry of the digest (all its tags). The manifest file itself is removed unless another
     * entry still reaches it (a child of a kept index); its config and layers stay until `gc()`.
     */
    async deleteManifest(ref) {
        const r = this.check(ref);
        const digest = r.digest;
        if (digest === undefined)
            throw new errors/* UsageError */.eb(`deleting a manifest needs a digest: ${reference/* OCIDIR_SCHEME */.Bq}${r.path}@sha256:...`);
        const file = (0,layout/* blobPath */.nD)(this.root, digest);
        await this.withLock(async () => {
            const index = (await (0,layout/* readIndex */.vY)(this.root, this.bounds)) ?? (0,layout/* emptyIndex */.gW)();
            const before = index.manifests.length;
            index.manifests = index.manifests.filter((d) => d.digest !== digest);
            const present = await (0,external_node_fs_promises_.stat)(file).then(() => true, () => false);
            if (!present && index.manifests.length === before)
                throw this.notFound('manifest-delete', `manifest ${digest} is not in the layout`);
            if (index.manifests.length !== before)
                await (0,layout/* writeIndex */._M)(this.root, index);
            if (present && !(await reachableDigests(this.root, index, this.bounds)).has(digest))
                await (0,external_node_fs_promises_.unlink)(file);
        });
        this.logger.debug('deleted manifest', { layout: this.path, digest });
    }
    async headBlob(repo, digest) {
        this.check(repo);
        const st = await (0,external_node_fs_promises_.stat)((0,layout/* blobPath */.nD)(this.root, digest)).catch(() => undefined);
        return st?.isFile() ? st.size : undefined;
    }
    async getBlob(repo, desc) {
        this.check(repo);
        try {
            const fh = await (0,external_node_fs_promises_.open)((0,layout/* blobPath */.nD)(this.root, desc.digest), 'r');
            return fh.createReadStream();
        }
        catch (err) {
            if (err.code === 'ENOENT')
                throw this.notFound('blob-get', `blob ${desc.digest} is not in the layout`);
            throw err;
        }
    }
    /**
     * Streams into a temp file of the layout through a DigestVerifier, then renames it into place: a mismatch leaves
     * no file, and concurrent writers of one digest each rename a complete, identical file.
     */
    async putBlob(repo, desc, given) {
        const content = await given;
        this.check(repo);
        (0,oci_digest/* digestAlgorithm */.g4)(desc.digest);
        const file = (0,layout/* blobPath */.nD)(this.root, desc.digest);
        const existing = await (0,external_node_fs_promises_.stat)(file).catch(() => undefined);
        if (existing?.isFile() && existing.size === desc.size) {
            content.destroy();
            return;
        }
        await this.prepare();
        await (0,layout/* makeDirectories */.Kb)((0,external_node_path_.dirname)(file));
        const tmp = (0,layout/* tempPathFor */.FD)(file);
        try {
            await (0,external_node_stream_promises_.pipeline)(content, new oci_digest/* DigestVerifier */.Do(desc.digest, desc.size, `blob ${desc.digest} for ${this.name}`, this.spent), (0,external_node_fs_.createWriteStream)(tmp, { flags: 'wx', flush: true }));
            await (0,external_node_fs_promises_.rename)(tmp, file);
        }
        catch (err) {
            await (0,external_node_fs_promises_.unlink)(tmp).catch(() => undefined);
            throw err;
        }
    }
    /** Blobs of one layout are shared by everything in it, so a mount within the same layout is a presence check. */
    async mountBlob(repo, digest, from) {
        this.check(repo);
        if (from.scheme !== 'ocidir' || (0,external_node_path_.resolve)(from.path) !== this.root)
            return false;
        return (await this.headBlob(repo, digest)) !== undefined;
    }
    /**
     * Tags in `index.json` order, after `last` when given. The layout answers in one page, so `limit` (a page size) cuts
     * nothing: callers get what a registry gives when all pages are followed.
     */
    async listTags(repo, opts = {}) {
        this.check(repo);
        await this.open();
        const index = await (0,layout/* readIndex */.vY)(this.root, this.bounds);
        // As a registry answers for a repository it never held: a listing that could not tell "empty" from "mistyped".
        if (!index)
            throw this.notFound('tag-list', `${this.root} is not an OCI layout (no ${layout/* INDEX_FILE */.K$}); check the path`);
        const named = index.manifests.map(layout/* refNameOf */._4).filter((name) => name !== undefined);
        const tags = [];
        for (const tag of keepValidNames(named, names/* parseTag */.ED, `${this.name}/${layout/* INDEX_FILE */.K$}`, opts, this.logger)) {
            if (!tags.includes(tag))
                tags.push(tag);
        }
        if (opts.last === undefined)
            return tags;
        const after = tags.findIndex((t) => t === opts.last);
        return after >= 0 ? tags.slice(after + 1) : tags.filter((t) => t > opts.last);
    }
    async listRepositories(opts = {}) {
        return opts.last !== undefined && this.path <= opts.last ? [] : [this.path];
    }
    /** Manifests in `index.json`, and the children of indexes there, whose `subject` is the digest. */
    async listReferrers(ref, opts = {}) {
        const subject = (await this.resolveManifest(ref))?.digest;
        if (subject === undefined)
            return [];
        const index = await (0,layout/* readIndex */.vY)(this.root, this.bounds);
        const seen = new Set();
        const found = [];
        const visit = async (digest, descend) => {
            if (seen.has(digest))
                return;
            seen.add(digest);
            const m = await (0,layout/* readManifestBlob */.XU)(this.root, digest, this.bounds);
            if (!m)
                return;
            if (subjectOf(m) === subject) {
                const d = { mediaType: m.mediaType, digest, size: m.bytes.length };
                const artifactType = artifactTypeOf(m);
                if (artifactType !== undefined)
                    d.artifactType = artifactType;
                const annotations = annotationsOf(m);
                if (annotations !== undefined)
                    d.annotations = annotations;
                if (opts.artifactType === undefined || opts.artifactType === artifactType)
                    found.push(d);
            }
            if (descend && m.kind === 'index')
                for (const child of m.index.manifests)
                    await visit(child.digest, false);
        };
        for (const d of index?.manifests ?? [])
            await visit(d.digest, true);
        return found;
    }
    async deleteTag(ref) {
        const r = this.check(ref);
        const tag = r.tag;
        if (tag === undefined)
            throw new errors/* UsageError */.eb(`deleting a tag needs one: ${reference/* OCIDIR_SCHEME */.Bq}${r.path}:TAG`);
        await this.withLock(async () => {
            const index = (await (0,layout/* readIndex */.vY)(this.root, this.bounds)) ?? (0,layout/* emptyIndex */.gW)();
            const kept = index.manifests.filter((d) => (0,layout/* tagOf */.cO)(d) !== tag);
            if (kept.length === index.manifests.length)
                throw this.notFound('tag-delete', `no tag "${tag}"`);
            index.manifests = kept;
            await (0,layout/* writeIndex */._M)(this.root, index);
        });
    }
    /**
     * Removes blobs no entry of `index.json` reaches (after deleteTag/deleteManifest). Blobs pushed for a manifest not
     * yet put are unreachable too, so run it only when no copy into this layout is under way.
     */
    async gc() {
        const result = await this.withLock(async () => collectGarbage(this.root, (await (0,layout/* readIndex */.vY)(this.root, this.bounds)) ?? (0,layout/* emptyIndex */.gW)(), this.bounds));
        if (result.removed.length > 0)
            this.logger.info('removed unreferenced blobs', { layout: this.path, count: result.removed.length, bytes: result.bytes });
        return result;
    }
    async close() { }
    get name() {
        return `${reference/* OCIDIR_SCHEME */.Bq}${this.path}`;
    }
    check(ref) {
        if (ref.scheme !== 'ocidir' || (0,external_node_path_.resolve)(ref.path) !== this.root) {
            const given = ref.scheme === 'ocidir' ? `${reference/* OCIDIR_SCHEME */.Bq}${ref.path}` : `${ref.registry}/${ref.repository}`;
            throw new errors/* UsageError */.eb(`${given} is not in the layout ${this.name}: open a store for that reference instead`);
        }
        return ref;
    }
    notFound(operation, message) {
        return new errors/* RegistryError */.gl(message, { status: undefined, absent: true, registry: this.name, repository: undefined, operation });
    }
    /** The digest a reference names, with the `index.json` entry's media type when it has one. */
    async resolveManifest(ref) {
        const r = this.check(ref);
        await this.open();
        const index = await (0,layout/* readIndex */.vY)(this.root, this.bounds);
        if (r.digest !== undefined) {
            const entry = index?.manifests.find((d) => d.digest === r.digest);
            return { digest: r.digest, ...(entry?.mediaType ? { mediaType: entry.mediaType } : {}) };
        }
        const tag = r.tag ?? DEFAULT_TAG;
        const entry = index?.manifests.find((d) => (0,layout/* tagOf */.cO)(d) === tag);
        return entry ? { digest: entry.digest, ...(entry.mediaType ? { mediaType: entry.mediaType } : {}) } : undefined;
    }
    /** The first use of the layout clears what writes killed before left behind (their temp files). */
    open() {
        this.opened ??= removeAbandonedTemps(this.root).then((removed) => {
            if (removed > 0)
                this.logger.info('removed temp files left by interrupted writes', { layout: this.path, count: removed });
        });
        return this.opened;
    }
    /** Makes the directory a layout (`oci-layout`, `blobs/`, an empty `index.json`) before the first write. */
    prepare() {
        this.prepared ??= (async () => {
            await this.open();
            await (0,layout/* ensureLayout */.p0)(this.root);
            try {
                await (0,external_node_fs_promises_.stat)((0,external_node_path_.join)(this.root, layout/* INDEX_FILE */.K$));
            }
            catch {
                await this.updateIndex(() => true);
            }
        })().catch((err) => {
            this.prepared = undefined;
            throw err;
        });
        return this.prepared;
    }
    withLock(fn) {
        return this.lock.run(fn);
    }
    /** Read-modify-write of `index.json` under the lock; `change` returns false when it changed nothing. */
    async updateIndex(change) {
        await this.withLock(async () => {
            const existing = await (0,layout/* readIndex */.vY)(this.root, this.bounds);
            const index = existing ?? (0,layout/* emptyIndex */.gW)();
            if (change(index) || existing === undefined)
                await (0,layout/* writeIndex */._M)(this.root, index);
        });
    }
}
function subjectOf(m) {
    if (m.kind === 'index')
        return m.index.subject?.digest;
    if (m.kind === 'image')
        return m.manifest.subject?.digest;
    const subject = m.json?.subject?.digest;
    return typeof subject === 'string' ? subject : undefined;
}
function declaredArtifactType(m) {
    if (m.kind === 'index')
        return m.index.artifactType;
    if (m.kind === 'image')
        return m.manifest.artifactType;
    const t = m.json?.artifactType;
    return typeof t === 'string' ? t : undefined;
}
/** distribution-spec referrers: `artifactType`, else the config's media type of an image manifest. */
function artifactTypeOf(m) {
    return declaredArtifactType(m) ?? (m.kind === 'image' ? m.manifest.config.mediaType : undefined);
}
function annotationsOf(m) {
    if (m.kind === 'index')
        return m.index.annotations;
    if (m.kind === 'image')
        return m.manifest.annotations;
    return undefined;
}

;// CONCATENATED MODULE: ./build/src/store/registry/http.js
// What every registry store module shares: API paths (with `pathPrefix`), the turning of unexpected statuses into
// RegistryError, and the re-reading of a body that broke off.






/** What may follow `/v2/<repository>/`, with the parser for the name in it: nothing else builds a request path. */
const ENDPOINTS = {
    manifests: names/* parseTagOrDigest */.bB,
    blobs: names/* parseDigest */.m,
    referrers: names/* parseDigest */.m,
};
const FIXED_ENDPOINTS = new Set(['tags/list', 'blobs/uploads/']);
/**
 * `/v2/<pathPrefix>/<repository>/<rest>`: the prefix is inserted after `/v2/` (regclient's `pathPrefix`). The
 * repository and the tag or digest in `rest` are checked against the OCI grammar here, the last step before a URL
 * exists, so a name that slipped past its parser (`../../app/manifests/latest`) can never address another repository.
 */
function apiPath(ctx, repository, rest) {
    const where = `a request to ${ctx.client.registry}`;
    (0,names/* parseRepository */.SU)(repository, where);
    if (!FIXED_ENDPOINTS.has(rest)) {
        const slash = rest.indexOf('/');
        const parse = slash > 0 ? ENDPOINTS[rest.slice(0, slash)] : undefined;
        if (parse === undefined)
            throw new Error(`regkit has no registry endpoint "${rest}"`);
        parse(rest.slice(slash + 1), `${where}/${repository}`);
    }
    const prefix = ctx.client.host.pathPrefix?.replace(/^\/+|\/+$/g, '');
    return `/v2/${prefix ? `${prefix}/` : ''}${repository}/${rest}`;
}
function catalogPath(ctx) {
    const prefix = ctx.client.host.pathPrefix?.replace(/^\/+|\/+$/g, '');
    return `/v2/${prefix ? `${prefix}/` : ''}_catalog`;
}
function registryRef(ctx, ref) {
    if (ref.scheme !== 'registry')
        throw new errors/* UsageError */.eb(`${(0,reference/* formatReference */.FH)(ref)} is not a registry reference`);
    if (ref.registry !== ctx.client.registry)
        throw new errors/* UsageError */.eb(`${(0,reference/* formatReference */.FH)(ref)} belongs to ${ref.registry}, not to ${ctx.client.registry}`);
    return ref;
}
/** Throws the registry's error unless the status is one of `ok`; the body is left for the caller on success. */
async function expectStatus(res, ok, ctx, repository, operation, what) {
    if (ok.includes(res.status))
        return;
    throw await errorFromResponse(res.status, res.body, { registry: ctx.client.registry, repository, operation, secrets: ctx.client.secrets }, what);
}
/** Relative or absolute `Location` (distribution spec allows both), resolved against the response it came with. */
function resolveLocation(res, ctx, repository, operation, what) {
    const location = res.headers['location'];
    const value = Array.isArray(location) ? location[0] : location;
    if (!value)
        throw new errors/* RegistryError */.gl(`the registry answered ${what} without a Location header`, {
            status: res.status,
            registry: ctx.client.registry,
            repository,
            operation,
        });
    return new URL(value, res.url);
}
/** When an operation that starts now must end: requests it sends carry it as `notAfter`. */
function operationDeadline(ctx) {
    return Date.now() + ctx.client.bounds.operationTimeoutMs;
}
/**
 * Runs a request whose body is read whole, again when the connection breaks or stalls mid-body: the transport's
 * retries end once the headers are in, and a GET is safe to repeat. What still breaks after the last attempt is a
 * RegistryError naming what was being read and where, not the socket's bare "other side closed".
 */
async function retryingBrokenBody(ctx, where, read) {
    const notAfter = where.notAfter ?? operationDeadline(ctx);
    for (let attempt = 1;; attempt++) {
        try {
            return await read(notAfter);
        }
        catch (err) {
            // A RegistryError comes from the transport, which has spent its own budget on that request already.
            if (err instanceof errors/* RegistryError */.gl || (0,retry/* classifyFailure */.XE)(err) !== 'transient')
                throw err;
            const message = `reading ${where.what} broke off (${(0,retry/* errorCode */.CA)(err) ?? err.name} ${err.message})`;
            if (attempt >= retry/* BODY_READ_ATTEMPTS */.JO) {
                throw new errors/* RegistryError */.gl(`${message} after ${attempt} attempts`, {
                    status: undefined,
                    registry: ctx.client.registry,
                    repository: where.repository,
                    operation: where.operation,
                    failure: 'transient',
                    cause: err,
                });
            }
            const delay = (0,retry/* backoffDelay */.EY)(attempt - 1);
            ctx.logger.debug(`${message}; retrying`, { registry: ctx.client.registry, attempt, delayMs: delay });
            await (0,promises_.setTimeout)(delay);
        }
    }
}

;// CONCATENATED MODULE: ./build/src/store/registry/blob.js


async function headBlob(ctx, repository, digest) {
    const res = await ctx.client.request({ method: 'HEAD', target: apiPath(ctx, repository, `blobs/${digest}`), repository, operation: 'blob-head' });
    await res.body.dump();
    if (res.status === 404)
        return undefined;
    await expectStatus(res, [200], ctx, repository, 'blob-head', `blob ${digest}`);
    const length = header(res.headers, 'content-length');
    return length === undefined ? 0 : Number(length);
}
/** The body as the registry sends it: unverified, so the consumer pipes it through DigestVerifier. */
async function getBlob(ctx, repository, desc) {
    const res = await ctx.client.request({
        method: 'GET',
        target: apiPath(ctx, repository, `blobs/${desc.digest}`),
        repository,
        operation: 'blob-get',
        blobBytes: desc.size,
    });
    await expectStatus(res, [200], ctx, repository, 'blob-get', `blob ${desc.digest}`);
    return res.body;
}

;// CONCATENATED MODULE: ./build/src/store/registry/list.js
// Paged lists: tags (`/v2/<repo>/tags/list`) and repositories (`/v2/_catalog`), with `n`/`last` and the
// `Link: <…>; rel="next"` header (distribution spec "Listing Tags"; relative or absolute), guarded against loops.







/** The `rel="next"` target of a Link header (RFC 8288), if any. */
function nextLink(value) {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const v of values) {
        for (const m of v.matchAll(/<([^>]*)>([^<]*)/g)) {
            if (/;\s*rel\s*=\s*"?(?:[^"]*\s)?next(?:\s[^"]*)?"?\s*(?:[;,]|$)/i.test(m[2] ?? ''))
                return m[1];
        }
    }
    return undefined;
}
function query(opts) {
    const q = new URLSearchParams();
    if (opts.limit !== undefined)
        q.set('n', String(opts.limit));
    if (opts.last !== undefined)
        q.set('last', opts.last);
    const s = q.toString();
    return s ? `?${s}` : '';
}
/** The page's entries; undefined when the body is not the JSON object the spec describes. */
function listItems(body, field) {
    let parsed;
    try {
        parsed = JSON.parse(body.toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null)
        return undefined;
    const items = parsed[field];
    // distribution answers `"tags": null` for a repository whose tags were all deleted.
    if (items === null || items === undefined)
        return [];
    return Array.isArray(items) ? items.filter((t) => typeof t === 'string') : undefined;
}
async function listPages(ctx, first, field, operation, repository, scopes) {
    const out = [];
    const known = new Set();
    const seen = new Set();
    let target = first;
    const what = field === 'tags' ? `tag list of ${repository}` : 'repository catalog';
    const notAfter = operationDeadline(ctx);
    const bounds = ctx.client.bounds;
    for (let pages = 1; target !== undefined; pages++) {
        const page = target;
        if (pages > bounds.listPages)
            throw listingLimit(ctx, { repository, operation }, `the ${what} goes on past ${bounds.listPages} pages`, 'listPages', String(bounds.listPages));
        const fetched = await retryingBrokenBody(ctx, { repository, operation, what, notAfter }, async () => {
            const res = await ctx.client.request({ method: 'GET', target: page, operation, ...(repository !== undefined ? { repository } : {}), scopes, notAfter });
            // A repository the registry does not know is an answer to pass on (a typo must not read as "no tags").
            if (res.status === 404 && operation === 'tag-list') {
                throw await errorFromResponse(res.status, res.body, {
                    registry: ctx.client.registry,
                    secrets: ctx.client.secrets,
                    repository,
                    operation,
                    notFoundHint: `check the repository name (regkit repo ls ${ctx.client.registry} lists what the registry holds) and the credentials that can see it`,
                }, what);
            }
            await expectStatus(res, [200], ctx, repository, operation, what);
            const body = await readBounded(res, {
                registry: ctx.client.registry,
                secrets: ctx.client.secrets,
                repository,
                operation,
                what: `page ${pages} of the ${what}`,
                limit: bounds.listPageBytes,
                bound: 'listPageBytes',
            });
            return { url: res.url, link: res.headers['link'], body };
        });
        seen.add(fetched.url.href);
        const items = listItems(fetched.body, field);
        if (items === undefined)
            throw new errors/* RegistryError */.gl(`the registry answered the ${what} with something that is not a JSON list of ${field}`, {
                status: 200,
                registry: ctx.client.registry,
                repository,
                operation,
            });
        const before = known.size;
        for (const item of items) {
            if (known.has(item))
                continue;
            known.add(item);
            out.push(item);
        }
        if (out.length > bounds.listEntries)
            throw listingLimit(ctx, { repository, operation }, `the ${what} goes on past ${bounds.listEntries} ${field}`, 'listEntries', String(bounds.listEntries));
        const next = nextLink(fetched.link);
        if (next === undefined)
            break;
        const url = new URL(next, fetched.url);
        if (seen.has(url.href)) {
            throw new errors/* RegistryError */.gl(`the registry's Link header points back to a page already read (${url.pathname}${url.search}); stopping`, {
                status: 200,
                registry: ctx.client.registry,
                repository,
                operation,
            });
        }
        // Links to ever new pages that bring nothing new would page on forever.
        if (known.size === before) {
            throw new errors/* RegistryError */.gl(`the registry's Link header points on to ${url.pathname}${url.search} after a page that brought no new ${field}; stopping`, {
                status: 200,
                registry: ctx.client.registry,
                repository,
                operation,
            });
        }
        target = url.href;
    }
    return out;
}
/** A listing (tags, catalog, referrers) that passed its page or entry bound. */
function listingLimit(ctx, where, message, bound, limit) {
    return new errors/* RegistryLimitError */.$P(message, { status: 200, registry: ctx.client.registry, ...where, setting: (0,bounds/* boundKey */.o0)(bound), limit });
}
/** Tags of a repository; a repository the registry does not know is a RegistryError with the registry's 404. */
async function listTags(ctx, repository, opts = {}) {
    const listed = await listPages(ctx, `${apiPath(ctx, repository, 'tags/list')}${query(opts)}`, 'tags', 'tag-list', repository, []);
    return keepValidNames(listed, names/* parseTag */.ED, `the tag list of ${ctx.client.registry}/${repository}`, opts, ctx.logger);
}
async function listRepositories(ctx, opts = {}) {
    const listed = await listPages(ctx, `${catalogPath(ctx)}${query(opts)}`, 'repositories', 'catalog', undefined, [CATALOG_SCOPE]);
    return keepValidNames(listed, names/* parseRepository */.SU, `the catalog of ${ctx.client.registry}`, opts, ctx.logger);
}

// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(93662);
;// CONCATENATED MODULE: ./build/src/transport/ratelimit.js
// Docker Hub pull accounting headers (`ratelimit-limit: 100;w=21600`, `ratelimit-remaining: 76;w=21600`,
// `ratelimit-reset: <seconds>`), as regclient reports them.
function first(value) {
    return Array.isArray(value) ? value[0] : value;
}
function leadingInt(value) {
    const m = /^\s*(\d+)/.exec(value);
    return m ? Number(m[1]) : undefined;
}
/** `undefined` when the response carries no rate-limit header at all. */
function parseRateLimit(headers) {
    const limitHeader = first(headers['ratelimit-limit']);
    const remainingHeader = first(headers['ratelimit-remaining']);
    const resetHeader = first(headers['ratelimit-reset']);
    if (limitHeader === undefined && remainingHeader === undefined && resetHeader === undefined)
        return undefined;
    const rl = { set: false, policies: [] };
    if (limitHeader !== undefined) {
        const limit = leadingInt(limitHeader);
        if (limit !== undefined)
            rl.limit = limit;
        rl.policies.push(...limitHeader
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== ''));
    }
    if (remainingHeader !== undefined) {
        const remaining = leadingInt(remainingHeader);
        if (remaining !== undefined) {
            rl.remaining = remaining;
            rl.set = true;
        }
    }
    if (resetHeader !== undefined) {
        const reset = leadingInt(resetHeader);
        if (reset !== undefined)
            rl.reset = reset;
    }
    return rl;
}

;// CONCATENATED MODULE: ./build/src/store/registry/manifest.js
// Manifests over the distribution API: HEAD (digest from `Docker-Content-Digest`), GET with every manifest type in
// `Accept`, verified against the digest, capped in size; PUT checked against the digest the registry reports; DELETE.










const BLOB_UNKNOWN_ATTEMPTS = 4;
const BLOB_UNKNOWN_DELAY_MS = 150;
const ACCEPT = mediatypes/* MANIFEST_MEDIA_TYPES */.$T.join(', ');
function manifestName(ref) {
    return `manifest ${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
function referenceOf(ref) {
    const target = ref.digest ?? ref.tag;
    if (target === undefined)
        throw new errors/* RegistryError */.gl('a manifest reference needs a tag or a digest', {
            status: undefined,
            registry: ref.registry,
            repository: ref.repository,
            operation: 'manifest-get',
        });
    return target;
}
function contentType(value) {
    const mt = value?.split(';')[0]?.trim();
    // Some registries (and static servers) answer with a generic type; the body's own mediaType is better then.
    return mt && mt !== 'application/json' && mt !== 'text/plain' && mt !== 'application/octet-stream' ? mt : undefined;
}
function mediaTypeInBody(bytes) {
    try {
        const json = JSON.parse(Buffer.from(bytes).toString('utf8'));
        if (typeof json.mediaType === 'string')
            return json.mediaType;
        if (Array.isArray(json.manifests))
            return 'application/vnd.oci.image.index.v1+json';
        if (typeof json.config === 'object')
            return 'application/vnd.oci.image.manifest.v1+json';
    }
    catch {
        // Not JSON: the caller's parse will say so with context.
    }
    return '';
}
async function headManifest(ctx, ref) {
    if ((0,hostconfig/* headDisabled */.t5)(ctx.client.host))
        return getForHead(ctx, ref);
    const res = await ctx.client.request({
        method: 'HEAD',
        target: apiPath(ctx, ref.repository, `manifests/${referenceOf(ref)}`),
        repository: ref.repository,
        operation: 'manifest-head',
        headers: { accept: ACCEPT },
    });
    await res.body.dump();
    if (res.status === 404)
        return undefined;
    await expectStatus(res, [200], ctx, ref.repository, 'manifest-head', manifestName(ref));
    const digest = ref.digest ?? headerDigest(ctx, ref, header(res.headers, 'docker-content-digest'));
    const mediaType = contentType(header(res.headers, 'content-type'));
    const length = header(res.headers, 'content-length');
    // Without a digest header (or a usable type) the HEAD cannot answer: fetch the manifest and hash it.
    if (digest === undefined || mediaType === undefined || length === undefined)
        return getForHead(ctx, ref);
    const rateLimit = parseRateLimit(res.headers);
    return { digest, mediaType, size: Number(length), ...(rateLimit ? { rateLimit } : {}) };
}
/** A HEAD's `Docker-Content-Digest` names the manifest every later request asks for, so it is parsed first. */
function headerDigest(ctx, ref, value) {
    return value === undefined ? undefined : (0,names/* parseDigest */.m)(value, `the Docker-Content-Digest header for ${manifestName(ref)} on ${ctx.client.registry}`);
}
async function getForHead(ctx, ref) {
    try {
        const { bytes: _bytes, ...head } = await getManifest(ctx, ref);
        return head;
    }
    catch (err) {
        if (err instanceof errors/* RegistryError */.gl && err.status === 404)
            return undefined;
        throw err;
    }
}
function getManifest(ctx, ref) {
    return retryingBrokenBody(ctx, { repository: ref.repository, operation: 'manifest-get', what: manifestName(ref) }, (notAfter) => getManifestOnce(ctx, ref, notAfter));
}
async function getManifestOnce(ctx, ref, notAfter) {
    const what = manifestName(ref);
    const res = await ctx.client.request({
        method: 'GET',
        target: apiPath(ctx, ref.repository, `manifests/${referenceOf(ref)}`),
        repository: ref.repository,
        operation: 'manifest-get',
        headers: { accept: ACCEPT },
        notAfter,
    });
    await expectStatus(res, [200], ctx, ref.repository, 'manifest-get', what);
    const bytes = await readBounded(res, {
        registry: ctx.client.registry,
        secrets: ctx.client.secrets,
        repository: ref.repository,
        operation: 'manifest-get',
        what,
        limit: ctx.client.bounds.manifestBytes,
        bound: 'manifestBytes',
    });
    const headerDigest = header(res.headers, 'docker-content-digest');
    const expected = ref.digest ?? headerDigest;
    if (expected !== undefined)
        (0,oci_digest/* verifyBytes */.RV)(bytes, expected, what);
    if (ref.digest !== undefined && headerDigest !== undefined && headerDigest !== ref.digest && (0,oci_digest/* digestAlgorithm */.g4)(headerDigest) === (0,oci_digest/* digestAlgorithm */.g4)(ref.digest)) {
        throw new errors/* DigestMismatchError */.h(ref.digest, headerDigest, `${what} (Docker-Content-Digest header)`);
    }
    const rateLimit = parseRateLimit(res.headers);
    return {
        digest: expected ?? (0,oci_digest/* digestOf */.ol)(bytes),
        mediaType: contentType(header(res.headers, 'content-type')) ?? mediaTypeInBody(bytes),
        size: bytes.length,
        bytes,
        ...(rateLimit ? { rateLimit } : {}),
    };
}
async function putManifest(ctx, ref, bytes, mediaType) {
    const where = `${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}`;
    const limit = ctx.client.bounds.manifestBytes;
    if (bytes.length > limit) {
        throw new errors/* RegistryLimitError */.$P(`manifest for ${where} is ${bytes.length} bytes`, {
            status: undefined,
            registry: ctx.client.registry,
            repository: ref.repository,
            operation: 'manifest-put',
            setting: (0,bounds/* boundKey */.o0)('manifestBytes'),
            limit: (0,bounds/* formatBytes */.z3)(limit),
        });
    }
    const digest = (0,oci_digest/* digestOf */.ol)(bytes, ref.digest ? (0,oci_digest/* digestAlgorithm */.g4)(ref.digest) : 'sha256');
    if (ref.digest !== undefined && ref.digest !== digest)
        throw new errors/* DigestMismatchError */.h(ref.digest, digest, `manifest for ${where}`);
    for (let attempt = 1;; attempt++) {
        const res = await ctx.client.request({
            method: 'PUT',
            target: apiPath(ctx, ref.repository, `manifests/${ref.tag ?? digest}`),
            repository: ref.repository,
            operation: 'manifest-put',
            headers: { 'content-type': mediaType },
            body: bytes,
        });
        try {
            await expectStatus(res, [200, 201, 202, 204], ctx, ref.repository, 'manifest-put', `manifest ${where}`);
        }
        catch (err) {
            // Callers put a manifest only after its blobs are in. distribution's filesystem driver rewrites a blob's link
            // file in place when another writer commits the same blob, so for a moment the blob reads as unknown: that
            // answer is worth a second look before it is believed.
            if (attempt >= BLOB_UNKNOWN_ATTEMPTS || !(err instanceof errors/* RegistryError */.gl) || !err.codes.includes('MANIFEST_BLOB_UNKNOWN'))
                throw err;
            await (0,promises_.setTimeout)(BLOB_UNKNOWN_DELAY_MS * attempt);
            continue;
        }
        await res.body.dump();
        return finishPut(res, digest, where);
    }
}
function finishPut(res, digest, where) {
    const reported = header(res.headers, 'docker-content-digest');
    if (reported !== undefined && reported.startsWith(`${(0,oci_digest/* digestAlgorithm */.g4)(digest)}:`) && reported !== digest) {
        throw new errors/* DigestMismatchError */.h(digest, reported, `manifest ${where} as stored by the registry`);
    }
    return { digest, subjectHandled: header(res.headers, 'oci-subject') !== undefined };
}
async function deleteManifestByDigest(ctx, repository, digest) {
    const res = await ctx.client.request({ method: 'DELETE', target: apiPath(ctx, repository, `manifests/${digest}`), repository, operation: 'manifest-delete' });
    await expectStatus(res, [200, 202, 204], ctx, repository, 'manifest-delete', `manifest ${repository}@${digest}`);
    await res.body.dump();
}

;// CONCATENATED MODULE: ./build/src/store/registry/referrers.js
// Referrers (OCI distribution spec 1.1): the `/v2/<repo>/referrers/<digest>` API where the registry has it, else
// the fallback tag `<alg>-<hex>` holding an OCI index of the referrers, which the client keeps up to date itself
// when it pushes a manifest with a `subject` and the registry does not answer with `OCI-Subject`.








/**
 * The fallback tag for a subject digest (spec "Referrers Tag Schema"): `sha256:abc…` → `sha256-abc…`, the algorithm
 * cut to 32 characters and the hex to 64, so a sha512 subject still gets a tag of the grammar.
 */
function referrersTag(digest) {
    const colon = digest.indexOf(':');
    return (0,names/* parseTag */.ED)(`${digest.slice(0, Math.min(colon, 32))}-${digest.slice(colon + 1, colon + 65)}`, `the referrers tag of ${digest}`);
}
function filtered(descs, opts) {
    return opts.artifactType === undefined ? descs : descs.filter((d) => d.artifactType === opts.artifactType);
}
async function listReferrers(ctx, ref, opts = {}) {
    if (ctx.referrers.get(ref.repository) !== false) {
        const viaApi = await listFromApi(ctx, ref.repository, ref.digest, opts);
        ctx.referrers.set(ref.repository, viaApi !== undefined);
        if (viaApi !== undefined)
            return viaApi;
    }
    const index = await readFallbackIndex(ctx, ref);
    return filtered(index?.manifests ?? [], opts);
}
async function listFromApi(ctx, repository, digest, opts) {
    const q = opts.artifactType !== undefined ? `?artifactType=${encodeURIComponent(opts.artifactType)}` : '';
    let target = `${apiPath(ctx, repository, `referrers/${digest}`)}${q}`;
    const out = [];
    const seen = new Set();
    const notAfter = operationDeadline(ctx);
    const bounds = ctx.client.bounds;
    const where = { repository, operation: 'referrers' };
    for (let pages = 1; target !== undefined; pages++) {
        if (pages > bounds.listPages)
            throw listingLimit(ctx, where, `the referrers of ${digest} go on past ${bounds.listPages} pages`, 'listPages', String(bounds.listPages));
        const res = await ctx.client.request({ method: 'GET', target, repository, operation: 'referrers', headers: { accept: mediatypes/* MediaType */.zu.OciIndex }, notAfter });
        if (res.status === 404 && out.length === 0) {
            await res.body.dump();
            return undefined;
        }
        await expectStatus(res, [200], ctx, repository, 'referrers', `referrers of ${digest}`);
        seen.add(res.url.href);
        const body = await readBounded(res, {
            registry: ctx.client.registry,
            secrets: ctx.client.secrets,
            ...where,
            what: `page ${pages} of the referrers of ${digest}`,
            limit: bounds.manifestBytes,
            bound: 'manifestBytes',
        });
        const index = JSON.parse(body.toString('utf8'));
        const page = validReferrers(ctx, index.manifests, `the referrers of ${ctx.client.registry}/${repository}@${digest}`);
        // A registry that ignored the filter says so by leaving it out of OCI-Filters-Applied.
        const applied = (header(res.headers, 'oci-filters-applied') ?? '').split(',').map((s) => s.trim());
        out.push(...(applied.includes('artifactType') ? page : filtered(page, opts)));
        if (out.length > bounds.listEntries)
            throw listingLimit(ctx, where, `the referrers of ${digest} go on past ${bounds.listEntries} entries`, 'listEntries', String(bounds.listEntries));
        const next = nextLink(res.headers['link']);
        if (next === undefined)
            break;
        const url = new URL(next, res.url);
        if (seen.has(url.href))
            throw new errors/* RegistryError */.gl('the referrers Link header loops back to a page already read', {
                status: 200,
                registry: ctx.client.registry,
                repository,
                operation: 'referrers',
            });
        target = url.href;
    }
    return out;
}
async function readFallbackIndex(ctx, subject) {
    try {
        const m = await getManifest(ctx, { scheme: 'registry', registry: subject.registry, repository: subject.repository, tag: referrersTag(subject.digest) });
        const index = JSON.parse(Buffer.from(m.bytes).toString('utf8'));
        if (!Array.isArray(index.manifests))
            return undefined;
        return {
            ...index,
            manifests: validReferrers(ctx, index.manifests, `the referrers tag ${subject.registry}/${subject.repository}:${referrersTag(subject.digest)}`),
        };
    }
    catch (err) {
        if (err instanceof errors/* RegistryError */.gl && err.status === 404)
            return undefined;
        throw err;
    }
}
/** A referrer's digest becomes a manifest URL: one whose digest is not valid is left out (and logged). */
function validReferrers(ctx, listed, source) {
    if (!Array.isArray(listed))
        return [];
    return keepValidNames(listed, parseReferrer, source, {}, ctx.logger);
}
function parseReferrer(entry, source) {
    (0,names/* parseDigest */.m)(entry?.digest, source);
    return entry;
}
/** The descriptor a referrers index lists for a manifest (spec: artifactType, else the config's media type). */
function referrerDescriptor(bytes, mediaType, digest) {
    const m = JSON.parse(Buffer.from(bytes).toString('utf8'));
    const artifactType = m.artifactType ?? m.config?.mediaType;
    return {
        mediaType,
        digest,
        size: bytes.length,
        ...(artifactType !== undefined ? { artifactType } : {}),
        ...(m.annotations !== undefined ? { annotations: m.annotations } : {}),
    };
}
const FALLBACK_ATTEMPTS = 3;
/**
 * Adds a referrer to the subject's fallback index: read, add, write, then read again to see the entry stayed. Within
 * this process the updates of one subject take turns; another client updating the same index at the same moment can
 * still overwrite ours, which the read-back catches and the next attempt repairs.
 */
async function addToFallbackIndex(ctx, subject, referrer) {
    const tagRef = { scheme: 'registry', registry: subject.registry, repository: subject.repository, tag: referrersTag(subject.digest) };
    await ctx.turns.run(`referrers ${subject.repository}@${subject.digest}`, async () => {
        for (let attempt = 1;; attempt++) {
            const manifests = (await readFallbackIndex(ctx, subject))?.manifests ?? [];
            if (manifests.some((d) => d.digest === referrer.digest))
                return;
            if (attempt > FALLBACK_ATTEMPTS) {
                throw new errors/* RegistryError */.gl(`the referrers index ${tagRef.tag} kept losing ${referrer.digest} to other writers; run the copy again`, {
                    status: undefined,
                    registry: ctx.client.registry,
                    repository: subject.repository,
                    operation: 'manifest-put',
                });
            }
            const index = { schemaVersion: 2, mediaType: mediatypes/* MediaType */.zu.OciIndex, manifests: [...manifests, referrer] };
            await putManifest(ctx, tagRef, Buffer.from(JSON.stringify(index)), mediatypes/* MediaType */.zu.OciIndex);
            ctx.logger.debug('updated the referrers fallback tag', {
                registry: ctx.client.registry,
                repository: subject.repository,
                subject: subject.digest,
                referrer: referrer.digest,
                attempt,
            });
        }
    });
}

;// CONCATENATED MODULE: ./build/src/store/registry/upload.js






const OCTET_STREAM = 'application/octet-stream';
async function openSession(ctx, repository, digest) {
    const res = await ctx.client.request({
        method: 'POST',
        target: apiPath(ctx, repository, 'blobs/uploads/'),
        repository,
        operation: 'blob-put',
        headers: { 'content-length': '0' },
    });
    await expectStatus(res, [202], ctx, repository, 'blob-put', `upload of blob ${digest}`);
    await res.body.dump();
    const min = header(res.headers, 'oci-chunk-min-length');
    return {
        location: resolveLocation(res, ctx, repository, 'blob-put', 'the upload request'),
        minChunk: min !== undefined && /^\d+$/.test(min) ? Number(min) : undefined,
    };
}
/** Cancels an upload session; best effort, since the failure that led here is what the caller needs to see. */
async function cancelSession(ctx, repository, location) {
    try {
        const res = await ctx.client.request({ method: 'DELETE', target: location.href, repository, operation: 'blob-put' });
        await res.body.dump();
    }
    catch (err) {
        ctx.logger.debug('could not cancel an upload session', { registry: ctx.client.registry, repository, error: err.message });
    }
}
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.href;
}
async function putBlob(ctx, repository, desc, content) {
    const verifier = new oci_digest/* DigestVerifier */.Do(desc.digest, desc.size, `blob ${desc.digest}`, ctx.spent);
    let verifyError;
    verifier.on('error', (err) => (verifyError ??= err));
    // A source still answering: the session opens meanwhile, and its body flows into the verifier when it comes.
    let source;
    void Promise.resolve(content).then((body) => {
        source = body;
        body.on('error', (err) => verifier.destroy(err));
        if (verifier.destroyed)
            body.destroy();
        else
            body.pipe(verifier);
    }, (err) => verifier.destroy(err instanceof Error ? err : new Error(String(err))));
    let session;
    try {
        session = await openSession(ctx, repository, desc.digest);
        const blobMax = ctx.client.host.blobMax ?? -1;
        if (blobMax > 0 && desc.size > blobMax)
            await uploadChunked(ctx, repository, desc, verifier, session);
        else
            await uploadMonolithic(ctx, repository, desc, verifier, session);
    }
    catch (err) {
        source?.unpipe(verifier);
        source?.destroy();
        verifier.destroy();
        if (session)
            await cancelSession(ctx, repository, session.location);
        // The verifier's verdict (a digest mismatch, or the source's own error) explains an aborted body better than
        // the socket error it caused.
        throw verifyError ?? err;
    }
}
async function uploadMonolithic(ctx, repository, desc, body, session) {
    const res = await ctx.client.request({
        method: 'PUT',
        target: withDigest(session.location, desc.digest),
        repository,
        operation: 'blob-put',
        headers: { 'content-type': OCTET_STREAM, 'content-length': String(desc.size) },
        body,
        blobBytes: desc.size,
    });
    await finishUpload(ctx, repository, desc, res);
}
async function finishUpload(ctx, repository, desc, res) {
    await expectStatus(res, [201, 204], ctx, repository, 'blob-put', `upload of blob ${desc.digest}`);
    await res.body.dump();
    const stored = header(res.headers, 'docker-content-digest');
    if (stored !== undefined && stored !== desc.digest && stored.split(':')[0] === desc.digest.split(':')[0]) {
        throw new errors/* DigestMismatchError */.h(desc.digest, stored, `blob ${desc.digest} as stored by the registry`);
    }
}
async function uploadChunked(ctx, repository, desc, body, session) {
    const wanted = Math.max(ctx.client.host.blobChunk ?? hostconfig/* DEFAULT_BLOB_CHUNK */.UI, session.minChunk ?? 0);
    if (wanted > hostconfig/* MAX_BLOB_CHUNK */.fG) {
        throw new errors/* RegistryError */.gl(`the registry asks for upload chunks of ${wanted} bytes, above the ${hostconfig/* MAX_BLOB_CHUNK */.fG}-byte limit`, {
            status: undefined,
            registry: ctx.client.registry,
            repository,
            operation: 'blob-put',
            hint: 'raise blobMax so this blob goes up in one PUT',
        });
    }
    let location = session.location;
    let offset = 0;
    let pending = Buffer.alloc(0);
    const sendChunk = async (chunk) => {
        const range = `${offset}-${offset + chunk.length - 1}`;
        const res = await ctx.client.request({
            method: 'PATCH',
            target: location.href,
            repository,
            operation: 'blob-put',
            headers: { 'content-type': OCTET_STREAM, 'content-length': String(chunk.length), 'content-range': range },
            body: chunk,
            blobBytes: chunk.length,
        });
        await expectStatus(res, [202], ctx, repository, 'blob-put', `chunk ${range} of blob ${desc.digest}`);
        await res.body.dump();
        location = resolveLocation(res, ctx, repository, 'blob-put', 'a chunk upload');
        offset += chunk.length;
    };
    for await (const data of body) {
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        while (pending.length >= wanted) {
            await sendChunk(pending.subarray(0, wanted));
            pending = pending.subarray(wanted);
        }
    }
    // The closing PUT may carry the last chunk (distribution spec), which can be shorter than the minimum.
    const last = pending.length > 0 ? pending : undefined;
    const res = await ctx.client.request({
        method: 'PUT',
        target: withDigest(location, desc.digest),
        repository,
        operation: 'blob-put',
        headers: {
            'content-type': OCTET_STREAM,
            'content-length': String(last?.length ?? 0),
            ...(last ? { 'content-range': `${offset}-${offset + last.length - 1}` } : {}),
        },
        ...(last ? { body: last, blobBytes: last.length } : {}),
    });
    await finishUpload(ctx, repository, desc, res);
}
/** Cross-repository mount: 201 means linked; 202 means the registry opened a plain upload instead, which is cancelled. */
async function mountBlob(ctx, repository, digest, fromRepository) {
    const target = `${apiPath(ctx, repository, 'blobs/uploads/')}?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
    const res = await ctx.client.request({
        method: 'POST',
        target,
        repository,
        // The registry checks pull access on the source; without it in the token it silently declines the mount.
        scopes: [repositoryScope(fromRepository, ['pull'])],
        operation: 'blob-mount',
        headers: { 'content-length': '0' },
    });
    await expectStatus(res, [201, 202], ctx, repository, 'blob-mount', `mount of blob ${digest} from ${fromRepository}`);
    await res.body.dump();
    if (res.status === 201)
        return true;
    if (res.headers['location'] !== undefined)
        await cancelSession(ctx, repository, resolveLocation(res, ctx, repository, 'blob-mount', 'a declined mount'));
    return false;
}

;// CONCATENATED MODULE: ./build/src/store/registry/tag-delete.js
// Deleting one tag without touching other tags on the same manifest, on a registry without a vendor API for it (those
// are github/ and dockerhub/). The way is chosen once per registry from its answers and kept in the session
// (session.ts, TagDeleteWay; docs/registries.md): OCI distribution 1.1 allows DELETE by tag, and a registry that
// answers it 202 (distribution 3, Quay, GitLab) gets one DELETE per tag. distribution 2.8 refuses it; there, as
// regclient does, the tag is pointed at a throwaway manifest of the same family, which is then deleted by digest: only
// the throwaway and the tag go; the old digest and its other tags stay. Many hosted registries refuse DELETE by tag
// with 400/404 and DELETE by digest with 403/405: there the tag would be left on the throwaway, so before any tag moves
// the registry is asked, once per repository, to delete a digest no manifest has. Should the throwaway still not go,
// each tag is put back on its manifest.








const EMPTY_JSON = Buffer.from('{}');
/**
 * One throwaway per repository and family, the same bytes every time: its blobs go up once, and each tag delete
 * after the first is one manifest PUT and one DELETE. Several tags pointing at it at once would all go with its
 * DELETE, which is no harm: only tags being deleted are ever pointed at it, and within a process one at a time.
 */
const THROWAWAY_CONFIG = (layer) => Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Labels: { 'org.regkit.throwaway': 'points a tag being deleted away from its image' } },
    rootfs: { type: 'layers', diff_ids: [layer] },
}));
async function ensureBlob(ctx, repository, bytes, mediaType) {
    const desc = { mediaType, digest: (0,oci_digest/* digestOf */.ol)(bytes), size: bytes.length };
    if ((await headBlob(ctx, repository, desc.digest)) === undefined)
        await putBlob(ctx, repository, desc, external_node_stream_.Readable.from([bytes]));
    return desc;
}
async function throwawayManifest(ctx, repository, docker) {
    const emptyLayer = { mediaType: docker ? mediatypes/* MediaType */.zu.DockerLayerGzip : mediatypes/* MediaType */.zu.OciLayer, digest: (0,oci_digest/* digestOf */.ol)(EMPTY_JSON), size: EMPTY_JSON.length };
    const config = THROWAWAY_CONFIG(emptyLayer.digest);
    const configDesc = { mediaType: docker ? mediatypes/* MediaType */.zu.DockerConfig : mediatypes/* MediaType */.zu.OciConfig, digest: (0,oci_digest/* digestOf */.ol)(config), size: config.length };
    const memo = ctx.tagDeletes;
    const key = `${docker ? 'docker' : 'oci'} ${repository}`;
    let uploaded = memo.blobsIn.get(key);
    if (!uploaded) {
        uploaded = Promise.all([ensureBlob(ctx, repository, EMPTY_JSON, emptyLayer.mediaType), ensureBlob(ctx, repository, config, configDesc.mediaType)]);
        memo.blobsIn.set(key, uploaded);
        // A failed upload is tried again by the next delete rather than remembered.
        uploaded.catch(() => memo.blobsIn.delete(key));
    }
    await uploaded;
    const mediaType = docker ? mediatypes/* MediaType */.zu.DockerManifest : mediatypes/* MediaType */.zu.OciManifest;
    const manifest = { schemaVersion: 2, mediaType, config: configDesc, layers: [emptyLayer] };
    return { bytes: Buffer.from(JSON.stringify(manifest)), mediaType };
}
/**
 * The digest of bytes that are not JSON, so no registry holds a manifest with it: deleting it cannot remove anything,
 * and the answer says whether this registry deletes manifests (distribution 2.8: 404 MANIFEST_UNKNOWN when deletes
 * are on, 405 UNSUPPORTED when they are off; hosted registries that refuse answer 403 or 405).
 */
const DELETE_PROBE_DIGEST = (0,oci_digest/* digestOf */.ol)(Buffer.from('regkit delete probe: these bytes are not JSON, so no manifest has their digest\n'));
function probeDeletes(ctx, repository) {
    const probes = ctx.tagDeletes.probes;
    let probe = probes.get(repository);
    if (!probe) {
        probe = (async () => {
            const res = await ctx.client.request({
                method: 'DELETE',
                target: apiPath(ctx, repository, `manifests/${DELETE_PROBE_DIGEST}`),
                repository,
                operation: 'manifest-delete',
            });
            await res.body.dump();
            return { deletes: res.status === 404 || (res.status >= 200 && res.status < 300), status: res.status };
        })();
        probes.set(repository, probe);
        // A probe that could not be sent says nothing about the registry: the next delete asks again.
        probe.catch(() => probes.delete(repository));
    }
    return probe;
}
/**
 * The session's way of deleting tags (session.ts, TagDeleteWay), learned from the first DELETE by tag: a 2xx chooses
 * `by-tag` (and has deleted this tag), a refusal other than 401/403/405 chooses `throwaway`. 401/403/405 say the
 * credentials or the registry refuse deletes at all: they throw, nothing moved, and the next delete asks again.
 */
async function tagDeleteWay(ctx, ref) {
    const memo = ctx.tagDeletes;
    if (memo.way?.kind === 'throwaway')
        return memo.way;
    const name = `tag ${ref.repository}:${ref.tag}`;
    const res = await ctx.client.request({
        method: 'DELETE',
        target: apiPath(ctx, ref.repository, `manifests/${ref.tag}`),
        repository: ref.repository,
        operation: 'tag-delete',
    });
    if (res.status === 202 || res.status === 200 || res.status === 204) {
        await res.body.dump();
        if (memo.way === undefined)
            ctx.logger.debug('tags are deleted by OCI DELETE of the tag', { registry: ctx.client.registry });
        memo.way = { kind: 'by-tag' };
        return 'deleted';
    }
    // 405 is how distribution says deletes are disabled; going on would leave the tag on the throwaway manifest. On a
    // registry that took DELETE by tag before, any refusal is this tag's error, not a reason to change ways.
    if (res.status === 405 || res.status === 401 || res.status === 403 || memo.way?.kind === 'by-tag')
        await expectStatus(res, [], ctx, ref.repository, 'tag-delete', name);
    await res.body.dump();
    ctx.logger.debug('the registry refused DELETE by tag; tags are deleted through a throwaway manifest', { registry: ctx.client.registry, status: res.status });
    // A registry that refuses DELETE by tag once refuses it for every tag: not asked again.
    memo.way = { kind: 'throwaway', tagDeleteRefused: res.status };
    return memo.way;
}
/** `current`: the tag's manifest as the caller has just seen it, so it is not looked up again. */
async function deleteTag(ctx, ref, current) {
    const name = `tag ${ref.repository}:${ref.tag}`;
    current ??= await headManifest(ctx, ref);
    if (!current)
        throw new errors/* RegistryError */.gl(`${name} not found`, { status: 404, registry: ctx.client.registry, repository: ref.repository, operation: 'tag-delete' });
    const way = await tagDeleteWay(ctx, ref);
    if (way === 'deleted')
        return;
    const probe = await probeDeletes(ctx, ref.repository);
    if (!probe.deletes && probe.status !== 403 && probe.status !== 405) {
        throw new errors/* RegistryError */.gl(`the registry's answer to a DELETE by digest (HTTP ${probe.status}) does not show whether it deletes manifests in ${ref.repository}; nothing was moved, ${ref.repository}:${ref.tag} still names ${current.digest}`, {
            status: probe.status,
            registry: ctx.client.registry,
            repository: ref.repository,
            operation: 'tag-delete',
            hint: "run again later; if it persists, delete the tag with the registry's own tools",
        });
    }
    if (!probe.deletes) {
        throw new errors/* RegistryError */.gl(`the registry does not delete manifests in ${ref.repository}: DELETE of the tag answered ${way.tagDeleteRefused}, DELETE by digest answered ${probe.status} (where deletes work, a digest no manifest has gets 404); nothing was moved, ${ref.repository}:${ref.tag} still names ${current.digest}`, {
            status: probe.status,
            registry: ctx.client.registry,
            repository: ref.repository,
            operation: 'tag-delete',
            hint: "enable deletes on the registry (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true) or give these credentials delete permission, or delete the tag with the registry's own tools",
        });
    }
    // Same family as the tag's manifest: a registry that only takes Docker types still takes the throwaway.
    const throwaway = await throwawayManifest(ctx, ref.repository, current.mediaType.startsWith('application/vnd.docker.'));
    await pointAwayAndDelete(ctx, { ref, original: current.digest }, throwaway);
    ctx.logger.debug('deleted a tag through a throwaway manifest', {
        registry: ctx.client.registry,
        repository: ref.repository,
        tag: ref.tag,
        previous: current.digest,
    });
}
/**
 * Points the tag at the throwaway and deletes the throwaway by digest, which takes the tag with it. distribution
 * deletes a manifest by reading every tag link of the repository, while a tag PUT rewrites its link file in place: a
 * DELETE that meets a PUT reads a half-written link and answers 500 for a delete it partly made. So within one
 * repository the PUTs and the DELETE take turns; tags that arrive while a turn runs wait together, and the next turn
 * points them all at the throwaway and deletes it once for all of them.
 */
function pointAwayAndDelete(ctx, tag, throwaway) {
    const byKey = ctx.tagDeletes.waiting;
    const turn = `tag-delete ${tag.ref.repository}`;
    const key = `${turn} ${throwaway.mediaType}`;
    return new Promise((resolve, reject) => {
        const entry = { ...tag, settle: (err) => (err === undefined ? resolve() : reject(err)) };
        const open = byKey.get(key);
        if (open)
            return void open.push(entry);
        const batch = [entry];
        byKey.set(key, batch);
        void ctx.turns.run(turn, async () => {
            byKey.delete(key);
            // deleteBatch settles every tag itself; this catches what it did not foresee, so no caller waits forever.
            await deleteBatch(ctx, batch, throwaway).catch((err) => batch.forEach((w) => w.settle(err ?? new Error('tag delete failed'))));
        });
    });
}
async function deleteBatch(ctx, batch, throwaway) {
    const puts = await Promise.allSettled(batch.map((w) => putManifest(ctx, w.ref, throwaway.bytes, throwaway.mediaType)));
    const pointed = [];
    let digest;
    puts.forEach((put, i) => {
        if (put.status === 'rejected')
            return batch[i].settle(put.reason);
        pointed.push(batch[i]);
        digest = put.value.digest;
    });
    if (digest === undefined)
        return;
    try {
        await deleteManifestByDigest(ctx, batch[0].ref.repository, digest);
    }
    catch (err) {
        // Another process deleting tags here took the throwaway, and these tags with it: they are gone either way.
        if (!(err instanceof errors/* RegistryError */.gl && err.status === 404)) {
            await Promise.all(pointed.map(async (w) => w.settle(await putBack(ctx, w, digest, err))));
            return;
        }
    }
    for (const w of pointed)
        w.settle();
}
/** The throwaway could not be deleted: the tag goes back to its manifest, and the error says which way it ended. */
async function putBack(ctx, w, throwaway, cause) {
    const { ref, original } = w;
    const why = cause instanceof Error ? cause.message : String(cause);
    const init = {
        status: cause instanceof errors/* RegistryError */.gl ? cause.status : undefined,
        registry: ctx.client.registry,
        repository: ref.repository,
        operation: 'tag-delete',
        cause,
    };
    try {
        // Read back only now: on the way that works it costs nothing (on Docker Hub a manifest GET is a counted pull), and
        // a manifest untagged a moment ago is still there by digest.
        const manifest = await getManifest(ctx, { scheme: 'registry', registry: ref.registry, repository: ref.repository, digest: original });
        await putManifest(ctx, ref, manifest.bytes, manifest.mediaType);
    }
    catch (err) {
        return new errors/* RegistryError */.gl(`the throwaway manifest ${throwaway} could not be deleted (${why}), and putting ${ref.repository}:${ref.tag} back failed too (${err instanceof Error ? err.message : String(err)}): the tag names the throwaway now`, {
            ...init,
            hint: `put it back with: regkit copy ${ref.registry}/${ref.repository}@${original} ${ref.registry}/${ref.repository}:${ref.tag}`,
        });
    }
    return new errors/* RegistryError */.gl(`the throwaway manifest ${throwaway} could not be deleted (${why}); ${ref.repository}:${ref.tag} was put back on ${original}, nothing else changed`, {
        ...init,
        hint: 'check that these credentials may delete manifests in this repository, then run again',
    });
}

;// CONCATENATED MODULE: ./build/src/store/registry/github/deletes.js
// Tag and manifest deletes on a GitHub Packages registry (ghcr.io), which answers every OCI manifest DELETE with
// 405 UNSUPPORTED. There one package version is one manifest digest, with `metadata.container.tags`, and deleting
// the version is the only delete:
// - a tag whose version carries no other tag, and which no kept index holds as a child, goes with its version;
// - a tag sharing its version (other tags, or a kept index reaching it) moves to the throwaway manifest that
//   tag-delete.ts builds, and the throwaway's version is deleted: the version and its other tags stay;
// - after a version goes, what only it held goes after it (parent first, children after): its children and its
//   `sha256-<hex>` digest-tag versions (cosign `.sig`/`.att`/`.sbom`, the referrers fallback index), unless
//   another tag or a tagged index still reaches them.
// "Kept" means reached from a tagged version; an untagged index is not a root, so children it alone holds may go.





/** Manifest reads in flight at once while learning what reaches what. */
const MANIFEST_READS_AT_ONCE = 8;
/** `sha256-<hex>`, `sha256-<hex>.sig` …: tags named after the digest they belong to. */
function isDigestTagOf(tag, digest) {
    const [alg, hex] = digest.split(':');
    return tag === `${alg}-${hex}` || tag.startsWith(`${alg}-${hex}.`);
}
class GithubPackagesDeletes {
    ctx;
    api;
    states = new Map();
    /** What each manifest points at, by digest; manifests by digest never change. */
    links = new Map();
    constructor(ctx, api) {
        this.ctx = ctx;
        this.api = api;
    }
    deleteTag(ref, current) {
        return this.ctx.turns.run(`github-packages ${ref.repository}`, async () => {
            const head = current ?? (await headManifest(this.ctx, ref));
            if (!head)
                throw this.error(`tag ${ref.repository}:${ref.tag} not found`, 404, ref.repository, 'tag-delete');
            const state = await this.stateOf(ref.repository);
            this.api.assertMayDelete(state.pkg, 'tag-delete');
            const version = await this.versionHolding(state, head.digest, ref.tag);
            const now = await this.api.version(state.pkg, version.id);
            if (now && now.tags.length === 1 && now.tags[0] === ref.tag && !(await this.reached(state, version.digest))) {
                return { githubVersionIds: await this.deleteWithDependents(state, version, 'tag-delete') };
            }
            await this.untag(state, ref, head);
            version.tags = version.tags.filter((t) => t !== ref.tag);
            return { githubVersionIds: [] };
        });
    }
    deleteManifest(ref) {
        return this.ctx.turns.run(`github-packages ${ref.repository}`, async () => {
            const state = await this.stateOf(ref.repository);
            this.api.assertMayDelete(state.pkg, 'manifest-delete');
            const version = await this.versionHolding(state, ref.digest);
            return { githubVersionIds: await this.deleteWithDependents(state, version, 'manifest-delete') };
        });
    }
    /** The versions of a deleted tag's or manifest's package, for `restore` (GitHub keeps them 30 days). */
    async restore(repository, ids) {
        const pkg = await this.api.packageOf(repository);
        for (const id of ids)
            await this.api.restoreVersion(pkg, id);
        this.states.delete(repository);
    }
    stateOf(repository) {
        let state = this.states.get(repository);
        if (!state) {
            state = (async () => {
                const pkg = await this.api.packageOf(repository);
                return { pkg, versions: await this.api.versions(pkg) };
            })();
            this.states.set(repository, state);
            state.catch(() => this.states.delete(repository));
        }
        return state;
    }
    /** The version of `digest` (holding `tag`, when given); listed again once when this run's list does not have it. */
    async versionHolding(state, digest, tag) {
        const find = () => state.versions.find((v) => v.digest === digest && (tag === undefined || v.tags.includes(tag)));
        let version = find();
        if (!version) {
            state.versions = await this.api.versions(state.pkg);
            version = find();
        }
        if (!version)
            throw this.error(`no version of package ${state.pkg.name} holds ${digest}${tag === undefined ? '' : ` with tag ${tag}`}`, 404, state.pkg.repository, tag === undefined ? 'manifest-delete' : 'tag-delete');
        return version;
    }
    linksOf(digest, repository) {
        let found = this.links.get(digest);
        if (!found) {
            found = getManifest(this.ctx, { scheme: 'registry', registry: this.ctx.client.registry, repository, digest }).then((m) => {
                const parsed = (0,manifest/* parseManifest */.N)(m.bytes, m.mediaType);
                const subject = parsed.kind === 'index' ? parsed.index.subject?.digest : parsed.kind === 'image' ? parsed.manifest.subject?.digest : undefined;
                return { children: parsed.kind === 'index' ? parsed.index.manifests.map((d) => d.digest) : [], ...(subject !== undefined ? { subject } : {}) };
            });
            this.links.set(digest, found);
            found.catch(() => this.links.delete(digest));
        }
        return found;
    }
    /** Reads the manifests not yet known, a few at a time: a package can hold thousands, each one round trip. */
    async prefetch(digests, repository) {
        const unknown = digests.filter((d) => !this.links.has(d));
        for (let i = 0; i < unknown.length; i += MANIFEST_READS_AT_ONCE)
            await Promise.all(unknown.slice(i, i + MANIFEST_READS_AT_ONCE).map((d) => this.linksOf(d, repository)));
    }
    async childrenOf(digest, repository) {
        return (await this.linksOf(digest, repository)).children;
    }
    /**
     * Untagged versions no tag reaches: not a child (at any depth) of a tagged version, and not a referrer (`subject`)
     * of a version that stays. Listed afresh; indexes first, so a parent goes before its children.
     */
    async listUntagged(repository) {
        const state = await this.stateOf(repository);
        state.versions = await this.api.versions(state.pkg);
        const live = new Map(state.versions.map((v) => [v.digest, v]));
        await this.prefetch([...live.keys()], repository);
        const reached = new Set();
        const walk = async (digest) => {
            if (reached.has(digest) || !live.has(digest))
                return;
            reached.add(digest);
            for (const child of await this.childrenOf(digest, repository))
                await walk(child);
        };
        for (const v of state.versions)
            if (v.tags.length > 0)
                await walk(v.digest);
        // A referrer of an image that stays (a signature, an SBOM pushed by digest) stays with it, and so does what it reaches.
        let grew = true;
        while (grew) {
            grew = false;
            for (const v of state.versions) {
                if (reached.has(v.digest))
                    continue;
                const subject = (await this.linksOf(v.digest, repository)).subject;
                if (subject !== undefined && reached.has(subject)) {
                    await walk(v.digest);
                    grew = true;
                }
            }
        }
        const untagged = state.versions.filter((v) => !reached.has(v.digest));
        const isParent = new Map();
        for (const v of untagged)
            isParent.set(v.digest, (await this.childrenOf(v.digest, repository)).length > 0);
        return [...untagged.filter((v) => isParent.get(v.digest)), ...untagged.filter((v) => !isParent.get(v.digest))].map((v) => ({
            digest: v.digest,
            githubVersionId: v.id,
        }));
    }
    /** Whether a tagged version other than the digest's own holds it as a child. */
    async reached(state, digest) {
        await this.prefetch(state.versions.filter((v) => v.tags.length > 0).map((v) => v.digest), state.pkg.repository);
        for (const v of state.versions) {
            if (v.tags.length === 0 || v.digest === digest)
                continue;
            if ((await this.childrenOf(v.digest, state.pkg.repository)).includes(digest))
                return true;
        }
        return false;
    }
    /** Deletes the version, then what only it held; the ids of every version deleted, parent first. */
    async deleteWithDependents(state, version, operation) {
        // Read before the delete: the manifest is gone after it.
        const children = await this.childrenOf(version.digest, state.pkg.repository);
        await this.api.deleteVersion(state.pkg, version.id, operation);
        state.versions = state.versions.filter((v) => v.id !== version.id);
        const deleted = [version.id];
        const digestTagged = state.versions.filter((v) => v.tags.length > 0 && v.tags.every((t) => isDigestTagOf(t, version.digest)));
        const orphans = state.versions.filter((v) => v.tags.length === 0 && children.includes(v.digest));
        for (const dependent of [...digestTagged, ...orphans]) {
            if (!state.versions.includes(dependent) || (await this.reached(state, dependent.digest)))
                continue;
            deleted.push(...(await this.deleteWithDependents(state, dependent, operation)));
        }
        return deleted;
    }
    /**
     * Points the tag at the throwaway and deletes the throwaway's version: only the tag goes. When that delete fails the
     * tag is put back on its image; the throwaway stays behind as one untagged version, named in the error.
     */
    async untag(state, ref, head) {
        const original = await getManifest(this.ctx, { ...ref, digest: head.digest });
        const throwaway = await throwawayManifest(this.ctx, ref.repository, head.mediaType.startsWith('application/vnd.docker.'));
        // A throwaway version left by an earlier refused run goes first: with a token whose rights GitHub does not tell in
        // advance, that delete is the probe, and a refusal now has moved nothing.
        const leftover = state.versions.find((v) => v.digest === (0,oci_digest/* digestOf */.ol)(throwaway.bytes) && v.tags.length === 0);
        if (leftover) {
            await this.api.deleteVersion(state.pkg, leftover.id, 'tag-delete');
            state.versions = state.versions.filter((v) => v.id !== leftover.id);
        }
        const { digest } = await putManifest(this.ctx, ref, throwaway.bytes, throwaway.mediaType);
        let version;
        try {
            state.versions = await this.api.versions(state.pkg);
            version = state.versions.find((v) => v.digest === digest);
            if (!version)
                throw this.error(`the throwaway manifest ${digest} that tag ${ref.tag} was moved to has no package version to delete`, undefined, ref.repository, 'tag-delete');
            await this.api.deleteVersion(state.pkg, version.id, 'tag-delete');
        }
        catch (err) {
            const { digest: _digest, ...tagged } = ref;
            await putManifest(this.ctx, tagged, original.bytes, original.mediaType);
            this.ctx.logger.warn('tag put back on its image after the throwaway could not be deleted', {
                registry: this.ctx.client.registry,
                repository: ref.repository,
                tag: ref.tag,
                digest: head.digest,
                ...(version ? { leftVersion: version.id } : {}),
            });
            throw err;
        }
        state.versions = state.versions.filter((v) => v.id !== version.id);
        this.ctx.logger.debug('deleted a tag through a throwaway package version', {
            registry: this.ctx.client.registry,
            repository: ref.repository,
            tag: ref.tag,
            version: version.id,
        });
    }
    error(message, status, repository, operation) {
        return new errors/* RegistryError */.gl(message, { status, registry: this.ctx.client.registry, repository, operation });
    }
}

;// CONCATENATED MODULE: ./build/src/store/registry/registry.js









function registry_subjectOf(bytes) {
    try {
        const m = JSON.parse(Buffer.from(bytes).toString('utf8'));
        return typeof m.subject?.digest === 'string' ? m.subject.digest : undefined;
    }
    catch {
        return undefined;
    }
}
class RegistryStore {
    ctx;
    kind = 'registry';
    githubDeletes;
    constructor(ctx) {
        this.ctx = ctx;
        this.githubDeletes = ctx.githubPackages && new GithubPackagesDeletes(ctx, ctx.githubPackages);
    }
    get registry() {
        return this.ctx.client.registry;
    }
    headManifest(ref) {
        return headManifest(this.ctx, registryRef(this.ctx, ref));
    }
    getManifest(ref) {
        return getManifest(this.ctx, registryRef(this.ctx, ref));
    }
    async putManifest(ref, bytes, mediaType) {
        const r = registryRef(this.ctx, ref);
        const { digest, subjectHandled } = await putManifest(this.ctx, r, bytes, mediaType);
        const subject = registry_subjectOf(bytes);
        if (subject !== undefined && !subjectHandled) {
            await addToFallbackIndex(this.ctx, { ...r, digest: subject }, referrerDescriptor(bytes, mediaType, digest));
        }
        return digest;
    }
    async deleteManifest(ref) {
        const r = registryRef(this.ctx, ref);
        let digest = r.digest;
        if (digest === undefined) {
            const head = await headManifest(this.ctx, r);
            if (!head)
                throw new errors/* RegistryError */.gl(`${manifestName(r)} not found`, { status: 404, registry: r.registry, repository: r.repository, operation: 'manifest-delete' });
            digest = head.digest;
        }
        if (this.githubDeletes)
            return this.githubDeletes.deleteManifest({ ...r, digest });
        await deleteManifestByDigest(this.ctx, r.repository, digest);
    }
    headBlob(repo, digest) {
        return headBlob(this.ctx, registryRef(this.ctx, repo).repository, digest);
    }
    getBlob(repo, desc) {
        return getBlob(this.ctx, registryRef(this.ctx, repo).repository, desc);
    }
    /** One upload session; on failure the session is cancelled and the caller retries with a re-opened source. */
    putBlob(repo, desc, content) {
        return putBlob(this.ctx, registryRef(this.ctx, repo).repository, desc, content);
    }
    mountBlob(repo, digest, from) {
        const target = registryRef(this.ctx, repo);
        const source = registryRef(this.ctx, from);
        if (source.repository === target.repository)
            return Promise.resolve(true);
        return mountBlob(this.ctx, target.repository, digest, source.repository);
    }
    listTags(repo, opts) {
        return listTags(this.ctx, registryRef(this.ctx, repo).repository, opts);
    }
    listRepositories(opts) {
        return listRepositories(this.ctx, opts);
    }
    async listReferrers(ref, opts) {
        const r = registryRef(this.ctx, ref);
        let digest = r.digest;
        if (digest === undefined) {
            const head = await headManifest(this.ctx, r);
            if (!head)
                throw new errors/* RegistryError */.gl(`${manifestName(r)} not found`, { status: 404, registry: r.registry, repository: r.repository, operation: 'referrers' });
            digest = head.digest;
        }
        return listReferrers(this.ctx, { ...r, digest }, opts);
    }
    deleteTag(ref, current) {
        const r = registryRef(this.ctx, ref);
        if (r.tag === undefined)
            throw new errors/* RegistryError */.gl('deleting a tag needs a reference with a tag', {
                status: undefined,
                registry: r.registry,
                repository: r.repository,
                operation: 'tag-delete',
            });
        if (this.githubDeletes)
            return this.githubDeletes.deleteTag({ ...r, tag: r.tag }, current);
        if (this.ctx.dockerHub)
            return this.deleteHubTag(this.ctx.dockerHub, { ...r, tag: r.tag }, current);
        return deleteTag(this.ctx, { ...r, tag: r.tag }, current);
    }
    /** Docker Hub: the tag goes through the Hub API; the manifest stays, untagged, with any other tags it has. */
    async deleteHubTag(hub, ref, current) {
        if (!current && !(await headManifest(this.ctx, ref)))
            throw new errors/* RegistryError */.gl(`tag ${ref.repository}:${ref.tag} not found`, {
                status: 404,
                registry: ref.registry,
                repository: ref.repository,
                operation: 'tag-delete',
            });
        await hub.deleteTag(ref.repository, ref.tag);
    }
    listUntagged(repo) {
        const r = registryRef(this.ctx, repo);
        if (!this.githubDeletes)
            throw new errors/* UsageError */.eb(`${r.registry} has no API that lists untagged manifests: the untagged policy works on GitHub Packages registries (ghcr.io, or a host with api: github)`);
        return this.githubDeletes.listUntagged(r.repository);
    }
    restoreDeleted(repo, githubVersionIds) {
        const r = registryRef(this.ctx, repo);
        if (!this.githubDeletes)
            throw new errors/* UsageError */.eb(`${r.registry} has no API to restore deleted images: restore works on GitHub Packages registries (ghcr.io, or a host with api: github)`);
        return this.githubDeletes.restore(r.repository, githubVersionIds);
    }
    close() {
        return this.ctx.close();
    }
}

;// CONCATENATED MODULE: ./build/src/store/registry/turns.js
// Writes to one registry that must not overlap within this process, queued by a key (a repository, a subject).
/** The queues of one registry session; a key's queue is dropped once nothing waits in it. */
class WriteTurns {
    queues = new Map();
    /** Runs `work` after every earlier `work` of the same key has settled. */
    async run(key, work) {
        const before = this.queues.get(key) ?? Promise.resolve();
        const mine = before.then(work, work);
        const settled = mine.then(() => undefined, () => undefined);
        this.queues.set(key, settled);
        try {
            return await mine;
        }
        finally {
            if (this.queues.get(key) === settled)
                this.queues.delete(key);
        }
    }
}

;// CONCATENATED MODULE: ./build/src/store/registry/session.js


class RegistrySession {
    client;
    logger;
    spent;
    githubPackages;
    dockerHub;
    referrers = new Map();
    tagDeletes = { blobsIn: new Map(), way: undefined, probes: new Map(), waiting: new Map() };
    turns = new WriteTurns();
    constructor(opts) {
        this.client = opts.client;
        this.logger = opts.logger;
        this.spent = opts.spent ?? spent_buffers/* KEEP_SPENT */.x;
        this.githubPackages = opts.githubPackages;
        this.dockerHub = opts.dockerHub;
    }
    get registry() {
        return this.client.registry;
    }
    /** The host's settings: TLS, path prefix, request limits (`reqConcurrent`, `reqPerSec`), HEAD use. */
    get host() {
        return this.client.host;
    }
    close() {
        return this.client.close();
    }
}

;// CONCATENATED MODULE: ./build/src/store/registry/github/packages.js



/** octokit is loaded on the first API call only, so the many runs that never delete on ghcr.io do not load it. */
async function createClient(registry, settings, userAgent, logger) {
    const [{ Octokit: Core }, { paginateRest: paginate }, { retry }, { throttling }] = await Promise.all([
        __webpack_require__.e(/* import() */ 730).then(__webpack_require__.bind(__webpack_require__, 14730)),
        __webpack_require__.e(/* import() */ 779).then(__webpack_require__.bind(__webpack_require__, 93779)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 49735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 86856)),
    ]);
    const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
        logger.warn(`GitHub API ${kind} rate limit; waiting`, {
            registry,
            seconds: retryAfter,
            request: `${options.method} ${options.url}`,
            attempt: retryCount + 1,
        });
        return retryCount < LIMIT_RETRIES;
    };
    const GitHub = Core.plugin(paginate, throttling, retry);
    const limits = { ...API_LIMITS, ...settings.limits };
    return new GitHub({
        baseUrl: settings.apiUrl.replace(/\/+$/, ''),
        userAgent,
        request: { fetch: boundedFetch(limits) },
        retry: { retries: limits.retries },
        ...(settings.token ? { auth: settings.token } : {}),
        throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
        log: { debug: () => undefined, info: () => undefined, warn: (m) => logger.debug(m), error: (m) => logger.debug(m) },
    });
}
const API_LIMITS = { maxBodyBytes: 8 * 1024 * 1024, timeoutMs: 60_000, maxPages: 1000, retries: 3 };
/** fetch with a deadline and a body bound: the body is read here, whole, and handed on only when within bounds. */
function boundedFetch(limits) {
    return async (input, init) => {
        const deadline = AbortSignal.timeout(limits.timeoutMs);
        const res = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
        if (!res.body || res.status === 204 || res.status === 205 || res.status === 304)
            return res;
        const declared = Number(res.headers.get('content-length'));
        const over = () => new Error(`the GitHub API answered more than ${limits.maxBodyBytes} bytes`);
        if (declared > limits.maxBodyBytes) {
            await res.body.cancel();
            throw over();
        }
        const chunks = [];
        let size = 0;
        for await (const chunk of res.body) {
            size += chunk.byteLength;
            if (size > limits.maxBodyBytes)
                throw over();
            chunks.push(chunk);
        }
        return new Response(Buffer.concat(chunks), { status: res.status, statusText: res.statusText, headers: res.headers });
    };
}
const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** Read once where the process starts: Actions sets GITHUB_API_URL (also on GitHub Enterprise) and GITHUB_TOKEN. */
function githubApiFromEnv(env) {
    const apiUrl = env['GITHUB_API_URL']?.trim() || DEFAULT_GITHUB_API_URL;
    const token = env['GITHUB_TOKEN']?.trim();
    return token ? { apiUrl, token } : { apiUrl };
}
/** Retries after a primary or secondary limit before the delete fails: GitHub asks for minutes at most. */
const LIMIT_RETRIES = 4;
const PERMISSION_HINT = 'deleting container package versions needs a token with delete rights on the package: in a workflow, `permissions: packages: write` ' +
    'for GITHUB_TOKEN and this repository given the Admin role in the package\'s "Manage Actions access" settings; ' +
    'a personal access token (classic) needs the `delete:packages` scope and admin rights on the package';
/** The route and parameters of a package's versions (`suffix` for one version), under `/orgs` or `/users` as its owner is. */
function versionsRoute(method, pkg, suffix, params) {
    const owner = pkg.scope === 'orgs' ? { org: pkg.owner } : { username: pkg.owner };
    const route = `${method} /${pkg.scope}/{${pkg.scope === 'orgs' ? 'org' : 'username'}}/packages/{package_type}/{package_name}/versions${suffix}`;
    return [route, { ...owner, package_type: 'container', package_name: pkg.name, ...params }];
}
/** A version as the API describes it, checked once here: an id, a manifest digest, tags that are tags. */
function versionOf(v) {
    const tags = v?.metadata?.container?.tags ?? [];
    if (!Number.isSafeInteger(v?.id) ||
        v.id <= 0 ||
        typeof v.name !== 'string' ||
        !(0,reference/* isValidDigest */.fH)(v.name) ||
        !Array.isArray(tags) ||
        !tags.every((t) => typeof t === 'string' && (0,reference/* isValidTag */.r_)(t))) {
        throw new Error(`the API described a container version that is not an id, a manifest digest and tags: ${JSON.stringify(v).slice(0, 200)}`);
    }
    return { id: v.id, digest: v.name, tags };
}
function statusOf(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}
class GithubPackagesApi {
    registry;
    settings;
    userAgent;
    logger;
    client;
    scopes = new Map();
    /** Why deletes cannot work with this token, once GitHub has said so: later deletes stop before any write. */
    refusal;
    constructor(registry, settings, userAgent, logger) {
        this.registry = registry;
        this.settings = settings;
        this.userAgent = userAgent;
        this.logger = logger;
    }
    api() {
        return (this.client ??= createClient(this.registry, this.settings, this.userAgent, this.logger));
    }
    /** The package behind a repository path; the owner's kind is asked once per owner. */
    async packageOf(repository) {
        const slash = repository.indexOf('/');
        if (slash <= 0)
            throw this.error(`${repository} is not OWNER/PACKAGE: a GitHub Packages repository starts with its owner`, undefined, repository, 'tag-delete');
        const owner = repository.slice(0, slash);
        let scope = this.scopes.get(owner.toLowerCase());
        if (!scope) {
            scope = this.api().then((api) => api.request('GET /users/{username}', { username: owner }).then((res) => {
                // A classic personal access token (or OAuth token) lists its scopes on every answer. Tokens without scopes
                // (GITHUB_TOKEN, fine-grained, app tokens) send none or an empty list: then nothing can be told in advance.
                const scopes = res.headers['x-oauth-scopes'];
                if (typeof scopes === 'string' && scopes.trim() !== '' && !scopes.split(',').some((s) => s.trim() === 'delete:packages'))
                    this.refusal ??= `the token's scopes are "${scopes.slice(0, 200)}", without delete:packages`;
                return res.data.type === 'Organization' ? 'orgs' : 'users';
            }), (err) => {
                throw this.apiError(err, `looking up owner ${owner} (GET /users/${owner}) failed`, repository, 'tag-delete', false);
            });
            this.scopes.set(owner.toLowerCase(), scope);
            scope.catch(() => this.scopes.delete(owner.toLowerCase()));
        }
        return { scope: await scope, owner, name: repository.slice(slash + 1), repository };
    }
    /** Throws, before anything is written, when GitHub has already shown that this token cannot delete. */
    assertMayDelete(pkg, operation) {
        if (this.refusal !== undefined)
            throw this.error(`nothing deleted in package ${pkg.name} of ${pkg.owner}: ${this.refusal}`, undefined, pkg.repository, operation, PERMISSION_HINT);
    }
    /** Every active version of the package, newest first, following `Link` pages of 100. */
    async versions(pkg) {
        try {
            const api = await this.api();
            const maxPages = this.settings.limits?.maxPages ?? API_LIMITS.maxPages;
            const pages = api.paginate.iterator(...versionsRoute('GET', pkg, '', { per_page: 100 }));
            const versions = [];
            let count = 0;
            for await (const page of pages) {
                if (++count > maxPages)
                    throw new Error(`more than ${maxPages} pages of versions; nothing is planned on a part of the list`);
                if (!Array.isArray(page.data))
                    throw new Error('a page of versions that is not a JSON array');
                versions.push(...page.data.map(versionOf));
            }
            return versions;
        }
        catch (err) {
            throw this.apiError(err, `listing the versions of package ${pkg.name} of ${pkg.owner} failed`, pkg.repository, 'tag-delete', statusOf(err) === 404);
        }
    }
    /** One version as it is now; undefined when it is gone. */
    async version(pkg, id) {
        try {
            const api = await this.api();
            const res = await api.request(...versionsRoute('GET', pkg, '/{package_version_id}', { package_version_id: id }));
            return versionOf(res.data);
        }
        catch (err) {
            if (statusOf(err) === 404)
                return undefined;
            throw this.apiError(err, `reading version ${id} of package ${pkg.name} failed`, pkg.repository, 'tag-delete', false);
        }
    }
    /**
     * Deletes a version seen moments ago: a 403 or 404 now is the token's missing right, not a missing version (GitHub
     * answers "Package not found." to a token that may read but not administer the package).
     */
    async deleteVersion(pkg, id, operation) {
        try {
            const api = await this.api();
            await api.request(...versionsRoute('DELETE', pkg, '/{package_version_id}', { package_version_id: id }));
            this.logger.debug('deleted a package version', { registry: this.registry, repository: pkg.repository, version: id });
        }
        catch (err) {
            const status = statusOf(err);
            const error = this.apiError(err, `deleting version ${id} of package ${pkg.name} was refused`, pkg.repository, operation, status === 403 || status === 404);
            if (status === 401 || status === 403 || status === 404)
                this.refusal ??= `GitHub refused the delete of version ${id} (HTTP ${status})`;
            throw error;
        }
    }
    /** GitHub's restore, within its 30 days. */
    async restoreVersion(pkg, id) {
        try {
            const api = await this.api();
            await api.request(...versionsRoute('POST', pkg, '/{package_version_id}/restore', { package_version_id: id }));
        }
        catch (err) {
            const status = statusOf(err);
            throw this.apiError(err, `restoring version ${id} of package ${pkg.name} was refused`, pkg.repository, 'manifest-put', status === 403 || status === 404);
        }
    }
    error(message, status, repository, operation, hint) {
        return new errors/* RegistryError */.gl(message, { status, registry: this.registry, repository, operation, ...(hint ? { hint } : {}) });
    }
    /** GitHub's own message (never the request, which holds the token) and, where a right is missing, which one. */
    apiError(err, what, repository, operation, missingRight) {
        const status = statusOf(err);
        const said = err?.response?.data?.message;
        // No answer to quote (a dropped connection, a bound hit here): the client's own message says what happened.
        const own = err?.response === undefined ? String(err?.message ?? err).slice(0, 300) : `HTTP ${status}`;
        const because = typeof said === 'string' ? `${what}: GitHub said "${said.slice(0, 200)}"` : `${what}: ${own}`;
        if (status === 401)
            return this.error(because, status, repository, operation, "the GitHub API needs a token: the host's pass (or token) in creds/--host, or GITHUB_TOKEN");
        return this.error(because, status, repository, operation, missingRight ? PERMISSION_HINT : undefined);
    }
}
/** The API client for a registry that deletes through GitHub Packages; undefined for every other registry. */
function githubPackagesFor(host, settings, userAgent, logger) {
    if (!(0,hostconfig/* deletesThroughGithubPackages */.eV)(host))
        return undefined;
    const token = host.pass ?? host.token ?? settings.token;
    return new GithubPackagesApi(host.registry, token ? { apiUrl: settings.apiUrl, token } : { apiUrl: settings.apiUrl }, userAgent, logger);
}

;// CONCATENATED MODULE: ./build/src/store/registry/dockerhub/hub.js
// Tag deletes on Docker Hub, which refuses the registry's DELETE of a tag and deletes tags through its own API
// (hub.docker.com): `POST /v2/auth/token` exchanges the account's user and password or personal access token for a
// bearer JWT (valid 10 minutes), and `DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}/` removes the tag
// (Docker's published API description lists the tag reads only). The manifest stays, with its other tags or untagged:
// the registry's DELETE by digest is left to the ordinary manifest delete, which Hub refuses. Calls are paced by Hub's
// answers: 429 waits `Retry-After` seconds or until the `X-Retry-After` unix time, as Docker documents both, a bounded
// number of times.



const DEFAULT_DOCKER_HUB_API_URL = 'https://hub.docker.com';
const HUB_LIMITS = { timeoutMs: 30_000, maxBodyBytes: 256 * 1024, limitRetries: 4, maxWaitMs: 5 * 60_000 };
/** Read once where the process starts. */
function dockerHubFromEnv(env) {
    return { apiUrl: env['DOCKER_HUB_API_URL']?.trim() || DEFAULT_DOCKER_HUB_API_URL };
}
const HUB_PERMISSION_HINT = "deleting tags on Docker Hub needs the account's user name with its password or a personal access token with the " +
    '"Read, Write, Delete" access scope, and admin (or owner) rights on the repository: put them in the host\'s user and pass (creds or --host) or docker login';
/** The key of `refusals` for credentials Hub refused, whatever the namespace. */
const LOGIN = '';
/** A bearer token is renewed this long before Hub's 10 minutes run out. */
const TOKEN_LIFETIME_MS = 9 * 60_000;
class DockerHubApi {
    registry;
    settings;
    credentials;
    userAgent;
    logger;
    secrets;
    bearer;
    /**
     * Why deletes cannot work, once Hub has said so, per namespace (rights are given per namespace), and for every
     * namespace under LOGIN when the credentials themselves were refused: later deletes there stop before any write.
     */
    refusals = new Map();
    limits;
    constructor(registry, settings, credentials, userAgent, logger, 
    /** The run's secrets: the bearer token joins them before it is used. */
    secrets) {
        this.registry = registry;
        this.settings = settings;
        this.credentials = credentials;
        this.userAgent = userAgent;
        this.logger = logger;
        this.secrets = secrets;
        this.limits = { ...HUB_LIMITS, ...settings.limits };
    }
    /** Deletes one tag; its manifest and the manifest's other tags stay. */
    async deleteTag(repository, tag) {
        const [namespace, name, ...rest] = repository.split('/');
        if (namespace === undefined || name === undefined || rest.length > 0 || !(0,reference/* isValidTag */.r_)(tag))
            throw this.error(`${repository} is not NAMESPACE/REPOSITORY: Docker Hub repositories have exactly two path components`, undefined, repository);
        const refusal = this.refusals.get(LOGIN) ?? this.refusals.get(namespace);
        if (refusal !== undefined)
            throw this.error(`nothing deleted: ${refusal}`, undefined, repository, 'tag-delete', HUB_PERMISSION_HINT);
        const path = `/v2/repositories/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/tags/${encodeURIComponent(tag)}/`;
        let answer = await this.call('DELETE', path, repository, await this.token(repository));
        // A token Hub no longer takes (expired early, revoked) is renewed once.
        if (answer.status === 401) {
            this.bearer = undefined;
            answer = await this.call('DELETE', path, repository, await this.token(repository));
        }
        if (answer.status === 204 || answer.status === 200 || answer.status === 202) {
            this.logger.debug('deleted a tag through the Docker Hub API', { registry: this.registry, repository, tag });
            return;
        }
        const said = hubMessage(answer.body);
        if (answer.status === 401 || answer.status === 403) {
            if (!this.refusals.has(namespace))
                this.refusals.set(namespace, `Docker Hub refused the delete of ${repository}:${tag} (HTTP ${answer.status}${said ? `: "${said}"` : ''})`);
            throw this.error(`Docker Hub refused to delete tag ${tag}${said ? `: Hub said "${said}"` : ''}`, answer.status, repository, 'tag-delete', HUB_PERMISSION_HINT);
        }
        if (answer.status === 404)
            throw this.error(`Docker Hub has no tag ${tag} in ${repository}${said ? `: Hub said "${said}"` : ''}`, 404, repository, 'tag-delete');
        throw this.error(`Docker Hub answered HTTP ${answer.status} to the delete of tag ${tag}${said ? `: "${said}"` : ''}`, answer.status, repository);
    }
    /** A bearer JWT for these credentials, asked once (parallel deletes share the login) and kept until shortly before it expires. */
    token(repository) {
        if (!this.bearer || this.bearer.until <= Date.now()) {
            const token = this.login(repository);
            const bearer = { token, until: Date.now() + TOKEN_LIFETIME_MS };
            this.bearer = bearer;
            // A failed login is not kept: the next delete logs in again (unless Hub refused, which `refusals` remembers).
            token.catch(() => {
                if (this.bearer === bearer)
                    this.bearer = undefined;
            });
        }
        return this.bearer.token;
    }
    async login(repository) {
        const cred = await this.credentials.credential();
        if (cred.kind !== 'basic') {
            this.refusals.set(LOGIN, 'no user name and password or personal access token for Docker Hub');
            throw this.error('the Docker Hub API needs a user name with a password or personal access token, and none is configured', undefined, repository, 'auth', HUB_PERMISSION_HINT);
        }
        const answer = await this.call('POST', '/v2/auth/token', repository, undefined, { identifier: cred.username, secret: cred.password });
        const token = answer.body?.access_token;
        if (answer.status === 200 && typeof token === 'string' && token !== '') {
            this.secrets.add(token);
            return token;
        }
        const said = hubMessage(answer.body);
        if (answer.status === 401 || answer.status === 403) {
            this.refusals.set(LOGIN, `Docker Hub refused the login of ${cred.username} (HTTP ${answer.status})`);
            throw this.error(`Docker Hub refused the login of ${cred.username}${said ? `: Hub said "${said}"` : ''}`, answer.status, repository, 'auth', HUB_PERMISSION_HINT);
        }
        throw this.error(`Docker Hub's login answered HTTP ${answer.status} without a token`, answer.status, repository, 'auth');
    }
    /** One API call, waiting out 429s; the body is read whole, within the bounds, and parsed when it is JSON. */
    async call(method, path, repository, bearer, json) {
        const url = this.settings.apiUrl.replace(/\/+$/, '') + path;
        for (let attempt = 0;; attempt++) {
            let res;
            try {
                res = await fetch(url, {
                    method,
                    signal: AbortSignal.timeout(this.limits.timeoutMs),
                    headers: {
                        'user-agent': this.userAgent,
                        accept: 'application/json',
                        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
                        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
                    },
                    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
                });
            }
            catch (err) {
                throw this.error(`the Docker Hub API at ${this.settings.apiUrl} did not answer ${method} ${path}: ${err.message}`, undefined, repository);
            }
            let text;
            try {
                text = await this.readBody(res, repository);
            }
            catch (err) {
                if (err instanceof errors/* RegistryError */.gl)
                    throw err;
                throw this.error(`the Docker Hub API's answer to ${method} ${path} did not arrive whole: ${err.message}`, res.status, repository);
            }
            if (res.status === 429 && attempt < this.limits.limitRetries) {
                const waitMs = retryAfterMs(res.headers);
                if (waitMs <= this.limits.maxWaitMs) {
                    this.logger.warn('Docker Hub API rate limit; waiting', { registry: this.registry, seconds: Math.ceil(waitMs / 1000), attempt: attempt + 1 });
                    await new Promise((resolve) => setTimeout(resolve, waitMs));
                    continue;
                }
            }
            if (res.status === 429)
                throw this.error(`Docker Hub's API rate limit held past ${attempt + 1} tries`, 429, repository, 'tag-delete', 'run again later: Docker Hub limits API requests per minute');
            let body;
            try {
                body = text === '' ? undefined : JSON.parse(text);
            }
            catch {
                body = undefined;
            }
            return { status: res.status, body, headers: res.headers };
        }
    }
    async readBody(res, repository) {
        if (!res.body)
            return '';
        const chunks = [];
        let size = 0;
        for await (const chunk of res.body) {
            size += chunk.byteLength;
            if (size > this.limits.maxBodyBytes)
                throw this.error(`the Docker Hub API answered more than ${this.limits.maxBodyBytes} bytes`, res.status, repository);
            chunks.push(chunk);
        }
        return Buffer.concat(chunks).toString('utf8');
    }
    error(message, status, repository, operation = 'tag-delete', hint) {
        return new errors/* RegistryError */.gl(message, { status, registry: this.registry, repository, operation, ...(hint ? { hint } : {}) });
    }
}
/** How long a 429 asks to wait: `Retry-After` seconds, else the `X-Retry-After` unix time; a second when neither. */
function retryAfterMs(headers) {
    const seconds = Number(headers.get('retry-after'));
    if (Number.isFinite(seconds) && seconds >= 0 && headers.get('retry-after') !== null)
        return seconds * 1000;
    const at = Number(headers.get('x-retry-after'));
    if (Number.isFinite(at) && at > 0)
        return Math.max(0, at * 1000 - Date.now());
    return 1000;
}
/** Hub's own words from an error body (`detail` or `message`), shortened; never the request. */
function hubMessage(body) {
    const b = body;
    const said = typeof b?.detail === 'string' ? b.detail : typeof b?.message === 'string' ? b.message : undefined;
    return said?.slice(0, 200);
}
/** The Hub API for a registry whose tags are deleted through it; undefined for every other registry. */
function dockerHubFor(host, settings, credentials, userAgent, logger, secrets) {
    if (!(0,hostconfig/* deletesThroughDockerHub */.$I)(host))
        return undefined;
    return new DockerHubApi(host.registry, settings, credentials, userAgent, logger, secrets);
}

;// CONCATENATED MODULE: ./build/src/store/open.js
// The stores a run uses, one per registry and one per OCI layout directory, created on first use and sharing
// nothing but docker's config: each registry gets its own session (client with its connections, limiter and tokens,
// and what the store learns about the registry while the run goes).















class StoreSet {
    opts;
    registries = new Map();
    ocidirs = new Map();
    dockerConfig;
    /** For what streams blobs outside a store (an archive written or read). */
    spent;
    secrets;
    constructor(opts) {
        this.opts = opts;
        this.secrets = opts.secrets ?? new log/* Secrets */.Sb();
        this.secrets.add(opts.github?.token);
        for (const host of opts.hosts)
            (0,secrets/* learnHostSecrets */.C)(this.secrets, host);
        this.dockerConfig = sharedDockerConfig(opts.useDockerConfig ?? true, this.secrets);
        this.spent = opts.spent ?? spent_buffers/* KEEP_SPENT */.x;
    }
    get layoutBounds() {
        return (0,bounds/* boundsWith */.CE)(this.opts.bounds);
    }
    storeFor(ref) {
        if (ref.scheme === 'registry')
            return this.storeForRegistry(ref.registry);
        const key = (0,external_node_path_.resolve)(ref.path);
        let store = this.ocidirs.get(key);
        if (!store)
            this.ocidirs.set(key, (store = new OcidirStore(ref.path, { logger: this.opts.logger, spent: this.spent, ...(this.opts.bounds ? { bounds: this.opts.bounds } : {}) })));
        return store;
    }
    storeForRegistry(registry) {
        let store = this.registries.get(registry);
        if (!store) {
            const host = withCertsDirs((0,hostconfig/* hostConfigFor */.YX)(registry, this.opts.hosts), this.opts.certsDirs ?? DEFAULT_CERTS_DIRS, this.opts.logger);
            const credentials = new HostCredentialSource({ host, dockerConfig: this.dockerConfig, logger: this.opts.logger, secrets: this.secrets });
            const client = new RegistryClient({
                host,
                credentials,
                logger: this.opts.logger,
                secrets: this.secrets,
                userAgent: this.opts.userAgent ?? DEFAULT_USER_AGENT,
                ...(this.opts.retry ? { retry: this.opts.retry } : {}),
                ...(this.opts.timeouts ? { timeouts: this.opts.timeouts } : {}),
                ...(this.opts.bounds ? { bounds: this.opts.bounds } : {}),
            });
            const githubPackages = githubPackagesFor(host, this.opts.github ?? { apiUrl: DEFAULT_GITHUB_API_URL }, this.opts.userAgent ?? DEFAULT_USER_AGENT, this.opts.logger);
            const dockerHub = dockerHubFor(host, this.opts.dockerHub ?? { apiUrl: DEFAULT_DOCKER_HUB_API_URL }, credentials, this.opts.userAgent ?? DEFAULT_USER_AGENT, this.opts.logger, this.secrets);
            this.registries.set(registry, (store = new RegistryStore(new RegistrySession({
                client,
                logger: this.opts.logger,
                spent: this.spent,
                ...(githubPackages ? { githubPackages } : {}),
                ...(dockerHub ? { dockerHub } : {}),
            }))));
        }
        return store;
    }
    async close() {
        const stores = [...this.registries.values(), ...this.ocidirs.values()];
        this.registries.clear();
        this.ocidirs.clear();
        await Promise.all(stores.map((s) => s.close()));
    }
}

// EXTERNAL MODULE: ./build/src/command/options.js
var options = __webpack_require__(24141);
;// CONCATENATED MODULE: ./build/src/command/store-options.js





/** Config `creds` first, then the flags on top, field by field: the command line wins for the registry it names. */
function mergeHosts(fromConfig, fromFlags) {
    const byRegistry = new Map(fromConfig.map((h) => [h.registry, { ...h }]));
    for (const h of fromFlags)
        byRegistry.set(h.registry, { ...byRegistry.get(h.registry), ...h });
    return [...byRegistry.values()];
}
/**
 * Layers, lowest first: the user's stored registry settings (`registry set|login`), a config's `creds`, the flags.
 */
function storeOptionsFor(command, hosts, bounds, logger, secrets, stored) {
    if (command.name === 'prune once') {
        const { config } = command;
        return {
            hosts: mergeHosts(mergeHosts(stored, config.creds), hosts),
            bounds,
            logger,
            secrets,
            useDockerConfig: !config.defaults.skipDockerConfig,
            ...(config.defaults.userAgent ? { userAgent: config.defaults.userAgent } : {}),
        };
    }
    if (!(0,options/* isSyncCommand */.dv)(command))
        return { hosts: mergeHosts(stored, hosts), bounds, logger, secrets };
    const { config } = command;
    return { hosts: mergeHosts(mergeHosts(stored, config.creds), hosts), bounds, logger, secrets, useDockerConfig: !config.defaults.skipDockerConfig };
}
/**
 * The stores a command runs against, as both faces open them. Every credential the stores hold or learn is added to
 * `secrets`, the set the face masks its output with; those of the hosts and the config's `creds` at once.
 */
function openStores(command, global, logger, secrets, tuning = {}, stored = []) {
    const spent = tuning.collectYoung ? (0,spent_buffers/* collectEvery */.U)(tuning.collectYoung) : spent_buffers/* KEEP_SPENT */.x;
    return new StoreSet({
        ...storeOptionsFor(command, global.hosts, global.bounds, logger, secrets, stored),
        spent,
        github: githubApiFromEnv(process.env),
        dockerHub: dockerHubFromEnv(process.env),
    });
}


/***/ }),

/***/ 1029:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ withPretty),
/* harmony export */   Hu: () => (/* binding */ withRawJson),
/* harmony export */   s0: () => (/* binding */ goView),
/* harmony export */   ud: () => (/* binding */ goTime),
/* harmony export */   z8: () => (/* binding */ rateLimitView)
/* harmony export */ });
/* harmony import */ var _gotemplate_time_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(217);
// What `--format '{{ … }}'` sees: each read command's answer as Go-named data, as regctl names it where it has the
// command (`.Tags`, `.Digest`, `.Created`, `.Config.Labels` …). Maps (labels, annotations) stay maps so their keys
// are read as written; `{{json .}}` of a manifest or config gives back the registry's JSON, as regctl's does.

/** JSON keys whose Go field name is not the key with its first letter raised. */
const GO_NAMES = {
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
function goName(key) {
    return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}
/** A timestamp as a Go time.Time, so `{{.Created.Format "2006-01-02"}}` works; text that is no RFC 3339 time stays text. */
function goTime(text) {
    try {
        return (0,_gotemplate_time_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTime */ .pe)('2006-01-02T15:04:05Z07:00', text);
    }
    catch {
        return text;
    }
}
/** OCI/Docker JSON → Go-named data: struct fields raised, maps kept as Map, `created` as a time. */
function goView(json, key = '') {
    if (Array.isArray(json))
        return json.map((v) => goView(v));
    if (json === null || typeof json !== 'object')
        return key === 'created' && typeof json === 'string' ? goTime(json) : json;
    const entries = Object.entries(json);
    if (MAP_KEYS.has(key))
        return new Map(entries);
    return Object.fromEntries(entries.map(([k, v]) => [goName(k), goView(v, k)]));
}
/** A view whose `{{json .}}` is `raw` itself (the bytes the registry sent), not the Go-named fields. */
function withRawJson(view, raw) {
    Object.defineProperty(view, 'MarshalJSON', { value: () => raw, enumerable: false });
    return view;
}
/** A view whose `{{printPretty .}}` (regctl's default format) is the command's text output. */
function withPretty(view, text) {
    Object.defineProperty(view, 'MarshalPretty', { value: () => text, enumerable: false });
    return view;
}
/** regclient's RateLimit fields. */
function rateLimitView(rl) {
    return { Set: rl.set, Remain: rl.remaining ?? 0, Limit: rl.limit ?? 0, Reset: rl.reset ?? 0, Policies: [...rl.policies] };
}


/***/ }),

/***/ 77675:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CE: () => (/* binding */ boundsWith),
/* harmony export */   Ip: () => (/* binding */ parseBoundSpecs),
/* harmony export */   _V: () => (/* binding */ formatMs),
/* harmony export */   o0: () => (/* binding */ boundKey),
/* harmony export */   oI: () => (/* binding */ DEFAULT_BOUNDS),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99154);
// The bounds regkit keeps on what it reads from registries, layouts and archives: bytes held in memory, pages and
// entries of a listing, and time. Every source is untrusted (docs/security.md, "Bounds"), so none is left unbounded;
// the defaults sit far above what real registries send and far below what hurts the process. `--bound key=value`
// (action input `bounds`) moves one.


const KiB = 1024;
const MiB = 1024 * KiB;
const DEFAULT_BOUNDS = {
    manifestBytes: 4 * MiB,
    tokenBytes: 1 * MiB,
    listPageBytes: 16 * MiB,
    listPages: 10_000,
    listEntries: 250_000,
    indexBytes: 64 * MiB,
    requestTimeoutMs: 5 * 60_000,
    blobMinBytesPerSec: 32 * KiB,
    operationTimeoutMs: 30 * 60_000,
};
/** The `--bound` keys, each with its field and how its value is written. */
const KEYS = {
    'manifest-bytes': { field: 'manifestBytes', kind: 'bytes' },
    'token-bytes': { field: 'tokenBytes', kind: 'bytes' },
    'list-page-bytes': { field: 'listPageBytes', kind: 'bytes' },
    'list-pages': { field: 'listPages', kind: 'count' },
    'list-entries': { field: 'listEntries', kind: 'count' },
    'index-bytes': { field: 'indexBytes', kind: 'bytes' },
    'request-timeout': { field: 'requestTimeoutMs', kind: 'duration' },
    'blob-min-rate': { field: 'blobMinBytesPerSec', kind: 'rate' },
    'operation-timeout': { field: 'operationTimeoutMs', kind: 'duration' },
};
/** The `--bound` key of a field, for messages that tell the user what to raise. */
function boundKey(field) {
    return Object.entries(KEYS).find(([, k]) => k.field === field)[0];
}
const BYTE_UNITS = { '': 1, b: 1, k: 1000, kb: 1000, kib: KiB, m: 1e6, mb: 1e6, mib: MiB, g: 1e9, gb: 1e9, gib: 1024 * MiB };
function parseBytes(text) {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
    const unit = m ? BYTE_UNITS[m[2].toLowerCase()] : undefined;
    return m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : undefined;
}
function parseValue(kind, text) {
    switch (kind) {
        case 'bytes':
            return parseBytes(text);
        case 'rate':
            return parseBytes(text.replace(/\/s$/i, ''));
        case 'count':
            return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
        case 'duration':
            try {
                return Math.round((0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseGoDuration */ .Q)(text.trim()) * 1000);
            }
            catch {
                return undefined;
            }
    }
}
const EXAMPLE = { bytes: '8MiB', count: '20000', duration: '10m', rate: '16KiB/s' };
/** `key=value` specs (`manifest-bytes=8MiB`, `request-timeout=10m`) as the bounds they change; `from` names the flag. */
function parseBoundSpecs(specs, from) {
    const out = {};
    for (const spec of specs) {
        const eq = spec.indexOf('=');
        const key = eq < 0 ? spec : spec.slice(0, eq).trim();
        const known = KEYS[key];
        if (eq < 0 || known === undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${from} "${spec}": expected key=value with a key among ${Object.keys(KEYS).join(', ')}`);
        const value = parseValue(known.kind, spec.slice(eq + 1));
        if (value === undefined || !Number.isFinite(value) || value <= 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${from} "${spec}": ${key} takes a positive ${known.kind} such as ${key}=${EXAMPLE[known.kind]}`);
        out[known.field] = value;
    }
    return out;
}
/** The bounds with `given` over the defaults. */
function boundsWith(given) {
    return { ...DEFAULT_BOUNDS, ...given };
}
/** A byte count as people read it: `4 MiB`, `512 KiB`, `1000 bytes`. */
function formatBytes(n) {
    if (n >= MiB && n % (MiB / 4) === 0)
        return `${n / MiB} MiB`;
    if (n >= KiB && n % KiB === 0)
        return `${n / KiB} KiB`;
    return `${n} bytes`;
}
function formatMs(ms) {
    return ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}


/***/ }),

/***/ 99154:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ parseGoDuration)
/* harmony export */ });
// Go's time.ParseDuration (https://pkg.go.dev/time#ParseDuration): "300ms", "-1.5h", "2h45m", units ns us µs ms s m h.
const UNIT_SECONDS = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
/** Seconds in a Go duration string; throws with Go's wording on bad input. */
function parseGoDuration(text) {
    const fail = (why) => {
        throw new Error(`invalid duration ${JSON.stringify(text)}: ${why} (Go syntax such as 90s, 15m, 1h30m, 500ms)`);
    };
    let s = text;
    let sign = 1;
    if (s.startsWith('-') || s.startsWith('+')) {
        sign = s.startsWith('-') ? -1 : 1;
        s = s.slice(1);
    }
    if (s === '0')
        return 0;
    if (s === '')
        fail('empty');
    let total = 0;
    while (s !== '') {
        const m = /^([0-9]*(?:\.[0-9]*)?)([^0-9.]*)/.exec(s);
        const [all, num, unit] = m;
        if (num === '' || num === '.')
            fail('expected a number');
        if (unit === '')
            fail('missing unit');
        const factor = UNIT_SECONDS[unit];
        if (factor === undefined)
            fail(`unknown unit ${JSON.stringify(unit)}`);
        total += Number(num) * factor;
        s = s.slice(all.length);
    }
    return sign * total;
}


/***/ }),

/***/ 91310:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   jP: () => (/* binding */ secretsInHostSpecs),
/* harmony export */   wE: () => (/* binding */ parseHostSpecs)
/* harmony export */ });
/* unused harmony exports SECRET_KEYS, parseHostSpec */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84974);
/* harmony import */ var _hostconfig_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73794);
// `--host` specs (and the action's `hosts` lines) → HostConfig. Error messages never repeat a value from the spec
// other than the registry name and the tls mode: a password may sit anywhere in it.



const TLS_MODES = ['enabled', 'insecure', 'disabled'];
const KEYS = ['reg', 'hostname', 'tls', 'user', 'pass', 'token', 'repo-auth', 'api'];
/** Keys whose values are credentials: masked in action logs, redacted from CLI output. */
const SECRET_KEYS = ['pass', 'token'];
function isKey(k) {
    return KEYS.includes(k);
}
function parseHostSpec(spec, from = '--host') {
    const fields = new Map();
    let previous;
    for (const [i, field] of spec.split(',').entries()) {
        const eq = field.indexOf('=');
        if (eq <= 0) {
            const hint = previous !== undefined && SECRET_KEYS.includes(previous) ? ` (a ${previous} value cannot contain a comma)` : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host: field ${i + 1} is not key=value${hint}`);
        }
        const key = field.slice(0, eq).trim();
        if (!isKey(key)) {
            const shown = /^[a-z][a-z-]{0,20}$/.test(key) ? `"${key}"` : `in field ${i + 1}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host: unknown key ${shown}; known keys: ${KEYS.join(', ')}`);
        }
        if (fields.has(key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host: key "${key}" given twice`);
        fields.set(key, field.slice(eq + 1));
        previous = key;
    }
    const reg = fields.get('reg');
    if (reg === undefined || reg.trim() === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb('--host: reg=HOST[:PORT] is required');
    const registry = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRegistryHost */ .TZ)(reg);
    const host = { registry };
    const hostname = fields.get('hostname');
    if (hostname !== undefined) {
        if (!/^[A-Za-z0-9.\-[\]:]+$/.test(hostname))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host reg=${registry}: hostname must be HOST[:PORT]`);
        host.hostname = hostname;
    }
    const tls = fields.get('tls');
    if (tls !== undefined) {
        if (!TLS_MODES.includes(tls))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host reg=${registry}: tls must be one of ${TLS_MODES.join(', ')}, not "${tls}"`);
        host.tls = tls;
    }
    const user = fields.get('user');
    const pass = fields.get('pass');
    if ((user === undefined) !== (pass === undefined))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host reg=${registry}: user and pass go together`);
    if (user !== undefined)
        host.user = user;
    if (pass !== undefined)
        host.pass = pass;
    const token = fields.get('token');
    if (token !== undefined)
        host.token = token;
    if (user !== undefined || token !== undefined)
        host.credsFrom = `${from} reg=${registry}`;
    const repoAuth = fields.get('repo-auth');
    if (repoAuth !== undefined) {
        if (repoAuth !== 'true' && repoAuth !== 'false')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host reg=${registry}: repo-auth must be true or false`);
        host.repoAuth = repoAuth === 'true';
    }
    const api = fields.get('api');
    if (api !== undefined) {
        if (!_hostconfig_js__WEBPACK_IMPORTED_MODULE_2__/* .HOST_APIS */ .j7.includes(api))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host reg=${registry}: api must be github (deletes through the GitHub Packages API) or dockerhub (tag deletes through the Docker Hub API)`);
        host.api = api;
    }
    return host;
}
/** Several specs; one registry may be described once. */
function parseHostSpecs(specs, from = '--host') {
    const hosts = specs.map((spec) => parseHostSpec(spec, from));
    const seen = new Set();
    for (const h of hosts) {
        if (seen.has(h.registry))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--host reg=${h.registry} given twice; put every setting of a registry in one --host`);
        seen.add(h.registry);
    }
    return hosts;
}
/**
 * The credential values in raw specs, found without parsing (which may fail), so they can be hidden first. A value
 * with a comma in it (invalid, but typed) is hidden whole and piece by piece.
 */
function secretsInHostSpecs(specs) {
    const secrets = [];
    for (const spec of specs) {
        let current;
        for (const field of spec.split(',')) {
            const eq = field.indexOf('=');
            if (eq <= 0 && current) {
                current.push(field);
                continue;
            }
            if (current)
                secrets.push(current.join(','), ...current);
            current = eq > 0 && SECRET_KEYS.includes(field.slice(0, eq).trim()) ? [field.slice(eq + 1)] : undefined;
        }
        if (current)
            secrets.push(current.join(','), ...current);
    }
    return [...new Set(secrets.filter((s) => s !== ''))];
}


/***/ }),

/***/ 73794:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ deletesThroughDockerHub),
/* harmony export */   Fb: () => (/* binding */ DEFAULT_REQ_CONCURRENT),
/* harmony export */   UI: () => (/* binding */ DEFAULT_BLOB_CHUNK),
/* harmony export */   YX: () => (/* binding */ hostConfigFor),
/* harmony export */   eV: () => (/* binding */ deletesThroughGithubPackages),
/* harmony export */   fG: () => (/* binding */ MAX_BLOB_CHUNK),
/* harmony export */   j7: () => (/* binding */ HOST_APIS),
/* harmony export */   t5: () => (/* binding */ headDisabled)
/* harmony export */ });
// Per-registry settings: the fields of regclient's `creds[]` entries, also filled from `--host` and docker config.
/** The values of regkit's `api` key: which vendor API deletes go through. */
const HOST_APIS = ['github', 'dockerhub'];
/**
 * Requests in flight per host until their response headers (regclient allows 3). Six, as browsers open per host: a
 * sync checks every tag at once and a copy checks every blob at once, and on a distant registry those round trips are
 * the run's length; uploads do not hold a slot, so bodies in flight stay bounded by the copy's own concurrency.
 */
const DEFAULT_REQ_CONCURRENT = 6;
/** Chunk size for chunked uploads when neither the config nor the registry (`OCI-Chunk-Min-Length`) says. */
const DEFAULT_BLOB_CHUNK = 1024 * 1024;
/** A registry may ask for chunks this large at most; a larger minimum is refused rather than buffered. */
const MAX_BLOB_CHUNK = 1024 * 1024 * 1024;
/** The settings for a registry: its configured entry, else the defaults (TLS enabled, as regclient does). */
function hostConfigFor(registry, hosts) {
    return hosts.find((h) => h.registry === registry) ?? { registry };
}
function headDisabled(host) {
    return host.apiOpts?.['disableHead'] === 'true';
}
/** Deletes on this registry go through the GitHub Packages REST API: ghcr.io refuses every OCI manifest DELETE. */
function deletesThroughGithubPackages(host) {
    return host.registry === 'ghcr.io' || host.api === 'github';
}
/** Tags on this registry are deleted through the Docker Hub API: Hub refuses the registry's DELETE of a tag. */
function deletesThroughDockerHub(host) {
    return host.registry === 'docker.io' || host.api === 'dockerhub';
}


/***/ }),

/***/ 62939:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ compileAnchoredRegex)
/* harmony export */ });
// Regsync's tag and repository filters are Go RE2 expressions, anchored `^…$`. Most RE2 is valid JavaScript; the
// RE2-only forms users write are translated here, and anything JavaScript still refuses is an error to show.
const POSIX_CLASSES = {
    alnum: '0-9A-Za-z',
    alpha: 'A-Za-z',
    ascii: '\\x00-\\x7F',
    blank: '\\t ',
    cntrl: '\\x00-\\x1F\\x7F',
    digit: '0-9',
    graph: '!-~',
    lower: 'a-z',
    print: ' -~',
    punct: '!-\\/:-@\\[-`{-~',
    space: '\\t\\n\\v\\f\\r ',
    upper: 'A-Z',
    word: '0-9A-Za-z_',
    xdigit: '0-9A-Fa-f',
};
function escapeLiteral(s) {
    return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
/** Compiles an RE2 pattern anchored at both ends; throws an Error saying why it cannot be used. */
function compileAnchoredRegex(pattern) {
    let p = pattern;
    let flags = '';
    // RE2 flags at the very start apply to the whole pattern; JavaScript takes them as RegExp flags.
    const lead = /^\(\?([imsU]+)\)/.exec(p);
    if (lead) {
        if (lead[1].includes('U'))
            throw new Error(`regex ${JSON.stringify(pattern)}: the U (ungreedy) flag has no JavaScript equivalent`);
        flags = [...new Set(lead[1])].join('');
        p = p.slice(lead[0].length);
    }
    if (/\(\?[imsU-]+[):]/.test(p)) {
        throw new Error(`regex ${JSON.stringify(pattern)}: inline flags such as (?i) are supported only at the start of the pattern`);
    }
    p = p
        .replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, lit) => escapeLiteral(lit))
        .replace(/\(\?P</g, '(?<')
        .replace(/\\A/g, '^')
        .replace(/\\z/g, '$')
        .replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}')
        .replace(/\[:(\^?)([a-z]+):\]/g, (all, neg, name) => {
        const cls = POSIX_CLASSES[name];
        if (!cls)
            return all;
        if (neg)
            throw new Error(`regex ${JSON.stringify(pattern)}: negated POSIX class [:^${name}:] is not supported; use [^${cls}]`);
        return cls;
    });
    if (/\\[pP]/.test(p))
        flags += 'u';
    try {
        return new RegExp(`^(?:${p})$`, flags);
    }
    catch (err) {
        throw new Error(`invalid regex ${JSON.stringify(pattern)}: ${err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`, {
            cause: err,
        });
    }
}


/***/ }),

/***/ 78965:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ learnHostSecrets),
/* harmony export */   x: () => (/* binding */ SECRET_FIELDS)
/* harmony export */ });
const SECRET_FIELDS = ['pass', 'token', 'clientKey'];
/** Registers a host's password (with its `user:pass` Basic form), token and client key. */
function learnHostSecrets(secrets, host) {
    if (host.pass !== undefined)
        secrets.addBasic(host.user ?? '', host.pass);
    secrets.add(host.token);
    secrets.add(host.clientKey);
}


/***/ }),

/***/ 34004:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iw: () => (/* binding */ inShard),
/* harmony export */   _b: () => (/* binding */ shardMatrix),
/* harmony export */   uK: () => (/* binding */ parseShard)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27406);
// Splitting a sync over N matrix jobs: each item belongs to exactly one shard, decided by a hash of its target, so
// every job computes the same split without talking to the others and a re-run lands each tag on the same job.


function parseShard(text) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    if (!m)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--shard must be I/N (e.g. 1/4), not "${text}"`);
    const index = Number(m[1]);
    const count = Number(m[2]);
    if (count < 1 || index < 1 || index > count)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--shard ${text}: I must be between 1 and N, and N at least 1`);
    return { index, count };
}
function inShard(key, shard) {
    if (!shard || shard.count === 1)
        return true;
    const bucket = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(key).digest().readUInt32BE(0) % shard.count;
    return bucket === shard.index - 1;
}
/** The values a job matrix fans out over: `["1/3","2/3","3/3"]`. */
function shardMatrix(count) {
    return Array.from({ length: count }, (_, i) => `${i + 1}/${count}`);
}


/***/ }),

/***/ 90170:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eV: () => (/* binding */ CREDS_KEYS_REFUSED_UNDER_REVIEW),
/* harmony export */   f6: () => (/* binding */ TRUSTED_CONFIG),
/* harmony export */   ub: () => (/* binding */ configTrustOf),
/* harmony export */   vh: () => (/* binding */ UNTRUSTED_CONFIG_REASON),
/* harmony export */   yL: () => (/* binding */ templateRunOptions)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
// Whose config this is. The operator's own regsync.yml / regbot.yml is trusted like the operator: its templates read
// files and environment variables, its `creds` carry passwords. A policy under review in a pull request is written
// by whoever opened it, so with `--untrusted-config` (the action's `untrusted-config` input) it may describe what to
// sync or prune, but not who regkit is nor where credentials go. docs/security.md, "Policies under review".

const TRUSTED_CONFIG = { kind: 'trusted' };
/** Why a config under review may not read outside itself: the message `{{file}}`, `{{env}}` and refused keys give. */
const UNTRUSTED_CONFIG_REASON = 'the config is under review (--untrusted-config), so credentials come only from the trusted side (--host, the hosts input, docker login on the runner)';
/**
 * `creds` keys a config under review may not set: credentials and what stands for them (a helper to run, another
 * host's docker login to borrow, a client key), and what moves a registry's traffic, with the credentials the
 * trusted side gives that registry, to another host or another trust anchor.
 */
const CREDS_KEYS_REFUSED_UNDER_REVIEW = [
    'user',
    'pass',
    'token',
    'credHelper',
    'credHost',
    'hostname',
    'regcert',
    'clientCert',
    'clientKey',
    'clientcert',
    'clientkey',
];
/**
 * The trust both faces read from a flag or input pair: `untrusted` set or not, and the `allow-env` values (names,
 * comma- or line-separated), which mean something only with it. `names` spells the two as the face calls them.
 */
function configTrustOf(untrusted, allowEnvValues, names) {
    const allowEnv = allowEnvValues
        .flatMap((v) => v.split(','))
        .map((n) => n.trim())
        .filter((n) => n !== '');
    if (untrusted)
        return { kind: 'untrusted', allowEnv };
    if (allowEnv.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${names.allowEnv} limits what a config under review may read: give it with ${names.untrusted}`);
    return TRUSTED_CONFIG;
}
/** The template options of a config: under review, `file` refused and `env` limited to the allowed names. */
function templateRunOptions(trust, env) {
    if (trust.kind === 'trusted')
        return { env };
    return {
        env: Object.fromEntries(trust.allowEnv.map((name) => [name, env[name]])),
        refuseOutsideAccess: { reason: UNTRUSTED_CONFIG_REASON, allowEnv: trust.allowEnv },
    };
}


/***/ }),

/***/ 27187:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HE: () => (/* binding */ writeSettingsFile),
/* harmony export */   P5: () => (/* binding */ storedKey),
/* harmony export */   br: () => (/* binding */ loadStoredHosts),
/* harmony export */   kU: () => (/* binding */ parseTlsMode),
/* harmony export */   ur: () => (/* binding */ readSettingsFile),
/* harmony export */   xj: () => (/* binding */ settingsPath),
/* harmony export */   yy: () => (/* binding */ hostFromStored)
/* harmony export */ });
/* unused harmony export regctlSettingsPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27406);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84974);
// Registry settings a user stores once (`regkit registry set|login`), so no command needs `--host` for them. The file
// has regctl's shape (`{"hosts": {"HOST": {"tls": …, "user": …, "pass": …}}}`), and regctl's own file is read too,
// beneath regkit's: a machine set up for regctl works unchanged. Only regkit's file is ever written, mode 0600.





function home(env) {
    return env['HOME'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)();
}
/** regkit's file: `$REGKIT_CONFIG`, else `~/.regkit/config.json`. */
function settingsPath(env) {
    return env['REGKIT_CONFIG'] || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home(env), '.regkit', 'config.json');
}
/** regctl's file, read-only: `$REGCTL_CONFIG`, else `~/.regctl/config.json`. */
function regctlSettingsPath(env) {
    return env['REGCTL_CONFIG'] || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home(env), '.regctl', 'config.json');
}
/** The file's content; a missing file is an empty one, a broken one a ConfigError naming it. */
function readSettingsFile(path) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return { hosts: {} };
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`cannot read the registry settings: ${err.code ?? err.message}`, { file: path });
    }
    let parsed;
    try {
        parsed = text.trim() === '' ? {} : JSON.parse(text);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`not valid JSON (${err.message}); fix or remove the file`, { file: path });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL('expected a JSON object with "hosts"', { file: path });
    const file = parsed;
    if (file.hosts === undefined)
        file.hosts = {};
    if (file.hosts === null || typeof file.hosts !== 'object' || Array.isArray(file.hosts))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL('"hosts" must be an object of registry names', { file: path });
    return file;
}
const TLS_MODES = ['enabled', 'insecure', 'disabled'];
function text(v, key, where) {
    if (v === undefined || v === null || v === '')
        return undefined;
    if (typeof v !== 'string')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`hosts.${where}.${key} must be a string`);
    return v;
}
function count(v, key, where) {
    if (v === undefined || v === null || v === 0)
        return undefined;
    if (typeof v !== 'number' || !(v > 0))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`hosts.${where}.${key} must be a positive number`);
    return v;
}
/** One stored entry → HostConfig. Keys regkit does not use (regctl's mirrors, priority) are left alone. */
function hostFromStored(name, h, file) {
    const registry = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRegistryHost */ .TZ)(name);
    const host = { registry };
    try {
        const tls = text(h.tls, 'tls', name);
        if (tls !== undefined) {
            if (!TLS_MODES.includes(tls))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`hosts.${name}.tls must be one of ${TLS_MODES.join(', ')}`);
            host.tls = tls;
        }
        const fields = [
            ['hostname', text(h.hostname, 'hostname', name)],
            ['user', text(h.user, 'user', name)],
            ['pass', text(h.pass, 'pass', name)],
            ['token', text(h.token, 'token', name)],
            ['regcert', text(h.regcert, 'regcert', name)],
            ['clientCert', text(h.clientCert ?? h['clientcert'], 'clientCert', name)],
            ['clientKey', text(h.clientKey ?? h['clientkey'], 'clientKey', name)],
            ['pathPrefix', text(h.pathPrefix, 'pathPrefix', name)],
        ];
        for (const [key, value] of fields)
            if (value !== undefined)
                host[key] = value;
        // regctl writes `hostname` equal to the name; it says nothing then.
        if (host.hostname === name || host.hostname === registry)
            delete host.hostname;
        if (host.user !== undefined || host.token !== undefined)
            host.credsFrom = `the stored settings ${file}`;
        if (h.repoAuth !== undefined)
            host.repoAuth = h.repoAuth === true;
        const perSec = count(h.reqPerSec, 'reqPerSec', name);
        if (perSec !== undefined)
            host.reqPerSec = perSec;
        const concurrent = count(h.reqConcurrent, 'reqConcurrent', name);
        if (concurrent !== undefined)
            host.reqConcurrent = concurrent;
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(err.message, { file });
        throw err;
    }
    return host;
}
function hostsIn(path) {
    const file = readSettingsFile(path);
    return Object.entries(file.hosts).map(([name, h]) => hostFromStored(name, h ?? {}, path));
}
/** Every stored registry: regctl's entries, then regkit's on top, field by field. */
function loadStoredHosts(env) {
    const byRegistry = new Map();
    for (const path of [regctlSettingsPath(env), settingsPath(env)]) {
        for (const h of hostsIn(path))
            byRegistry.set(h.registry, { ...byRegistry.get(h.registry), ...h });
    }
    return [...byRegistry.values()];
}
/** Writes through a temporary file in the same directory, so a crash never leaves half a file; 0600, dir 0700. */
function writeSettingsFile(path, file) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(tmp, 0o600);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(tmp, path);
}
/** The stored key for a registry name as typed (`index.docker.io` and `docker.io` are one registry). */
function storedKey(file, registry) {
    const existing = Object.keys(file.hosts).find((k) => {
        try {
            return (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRegistryHost */ .TZ)(k) === registry;
        }
        catch {
            return false;
        }
    });
    return existing ?? registry;
}
function parseTlsMode(value) {
    if (!TLS_MODES.includes(value))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(`--tls must be one of ${TLS_MODES.join(', ')}, not "${value}"`);
    return value;
}


/***/ }),

/***/ 64263:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _: () => (/* binding */ exportImage),
  J: () => (/* binding */ importImage)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/report/result.js
var report_result = __webpack_require__(34123);
// EXTERNAL MODULE: ./build/src/store/ocidir/layout.js
var ocidir_layout = __webpack_require__(27248);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var oci_platform = __webpack_require__(23856);
;// CONCATENATED MODULE: ./build/src/store/tarfile/format.js
// The tar format, as much as a layout needs: POSIX ustar headers (IEEE 1003.1-2001 "ustar Interchange Format"), with
// pax extended headers ('x') for paths that do not fit and sizes of 8 GiB and more. Reading also accepts GNU long
// names ('L'/'K') and GNU base-256 sizes, which GNU tar and older Docker write.

const BLOCK = 512;
/** ustar's size field holds 11 octal digits: 8 GiB - 1 at most. */
const MAX_OCTAL_SIZE = 8 ** 11 - 1;
const TYPE_FLAGS = {
    '0': 'file',
    '\0': 'file',
    '7': 'file',
    '5': 'directory',
    '2': 'symlink',
    '1': 'hardlink',
    x: 'pax',
    g: 'pax-global',
    L: 'gnu-longname',
    K: 'gnu-longlink',
};
function writeString(block, offset, length, value) {
    block.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}
function writeOctal(block, offset, length, value) {
    writeString(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}
/** Splits a path into ustar's prefix (155 bytes) and name (100 bytes) at a slash; undefined when it cannot. */
function splitUstarPath(path) {
    if (Buffer.byteLength(path) <= 100)
        return { prefix: '', name: path };
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        const prefix = path.slice(0, i);
        const name = path.slice(i + 1);
        if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '')
            return { prefix, name };
    }
    return undefined;
}
function paxRecord(key, value) {
    const body = ` ${key}=${value}\n`;
    const bodyLength = Buffer.byteLength(body);
    // The length counts its own digits, which can push it past a power of ten.
    let total = bodyLength + String(bodyLength).length;
    if (String(total).length > String(bodyLength).length)
        total = bodyLength + String(total).length;
    return `${total}${body}`;
}
function ustarBlock(path, typeflag, size, mode, mtime) {
    const block = Buffer.alloc(BLOCK);
    writeString(block, 0, 100, path.name);
    writeOctal(block, 100, 8, mode);
    writeOctal(block, 108, 8, 0);
    writeOctal(block, 116, 8, 0);
    writeOctal(block, 124, 12, size);
    writeOctal(block, 136, 12, mtime);
    block.fill(' ', 148, 156);
    block.write(typeflag, 156, 1, 'latin1');
    writeString(block, 257, 6, 'ustar\0');
    writeString(block, 263, 2, '00');
    writeString(block, 345, 155, path.prefix);
    let sum = 0;
    for (const byte of block)
        sum += byte;
    writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    return block;
}
/** Zero bytes that fill data of `size` up to the next block. */
function padding(size) {
    return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}
/** Two zero blocks end an archive. */
function endOfArchive() {
    return Buffer.alloc(2 * BLOCK);
}
/** The header block(s) of one entry: a pax header first when the path or the size does not fit ustar. */
function encodeHeader(entry) {
    const path = entry.type === 'directory' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
    const mode = entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644);
    const mtime = entry.mtime ?? 0;
    const split = splitUstarPath(path);
    let pax = '';
    if (!split)
        pax += paxRecord('path', path);
    if (entry.size > MAX_OCTAL_SIZE)
        pax += paxRecord('size', String(entry.size));
    const main = ustarBlock(split ?? { prefix: '', name: path.slice(-100).replace(/^\/+/, '') }, entry.type === 'directory' ? '5' : '0', entry.size > MAX_OCTAL_SIZE ? 0 : entry.size, mode, mtime);
    if (pax === '')
        return main;
    const body = Buffer.from(pax, 'utf8');
    const paxName = `PaxHeaders/${path.split('/').filter(Boolean).pop() ?? 'entry'}`.slice(0, 100);
    return Buffer.concat([ustarBlock({ prefix: '', name: paxName }, 'x', body.length, 0o644, mtime), body, padding(body.length), main]);
}
function readString(block, offset, length) {
    const end = block.indexOf(0, offset);
    return block.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}
function readNumber(block, offset, length) {
    if ((block[offset] & 0x80) !== 0) {
        // GNU base-256: the high bit flags it; the remaining bits are a big-endian number.
        let value = block[offset] & 0x7f;
        for (let i = offset + 1; i < offset + length; i++)
            value = value * 256 + block[i];
        return value;
    }
    const text = readString(block, offset, length).trim();
    return text === '' ? 0 : Number.parseInt(text, 8);
}
/** Parses one header block; `undefined` for a zero block (the end of the archive). Throws on a bad checksum. */
function decodeHeader(block) {
    if (block.every((b) => b === 0))
        return undefined;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : block[i];
    const stored = readNumber(block, 148, 8);
    if (stored !== sum)
        throw new errors/* UsageError */.eb(`tar header checksum mismatch (stored ${stored}, computed ${sum}): the file is not a tar archive or is damaged`);
    const name = readString(block, 0, 100);
    const isUstar = block.toString('latin1', 257, 262) === 'ustar';
    const prefix = isUstar ? readString(block, 345, 155) : '';
    const flag = String.fromCharCode(block[156]);
    return {
        path: prefix !== '' ? `${prefix}/${name}` : name,
        type: TYPE_FLAGS[flag] ?? 'other',
        size: readNumber(block, 124, 12),
        mode: readNumber(block, 100, 8),
        mtime: readNumber(block, 136, 12),
        linkname: readString(block, 157, 100),
    };
}
/** Records of a pax extended header (`<len> <key>=<value>\n` each). */
function parsePax(body) {
    const out = {};
    let pos = 0;
    while (pos < body.length) {
        const space = body.indexOf(0x20, pos);
        if (space < 0)
            break;
        const len = Number.parseInt(body.toString('latin1', pos, space), 10);
        if (!Number.isFinite(len) || len <= 0 || pos + len > body.length)
            throw new errors/* UsageError */.eb('malformed pax extended header in tar archive');
        const record = body.toString('utf8', space + 1, pos + len - 1);
        const eq = record.indexOf('=');
        if (eq > 0)
            out[record.slice(0, eq)] = record.slice(eq + 1);
        pos += len;
    }
    return out;
}

// EXTERNAL MODULE: ./build/src/spent-buffers.js
var spent_buffers = __webpack_require__(17291);
;// CONCATENATED MODULE: ./build/src/store/tarfile/export.js
// One tar holding an OCI image layout plus the Docker `manifest.json` that `docker load` reads, so the same file
// goes into an air-gapped registry (`image import`) and into a Docker engine. Blobs stream from disk and are verified
// against their names on the way out.












const DOCKER_MANIFEST_FILE = 'manifest.json';
/** containerd and `docker save` name the image of an `index.json` entry with this annotation. */
const CONTAINERD_IMAGE_NAME = 'io.containerd.image.name';
function blobName(digest) {
    return `blobs/${digest.replace(':', '/')}`;
}
async function exists(root, digest) {
    return (0,promises_.stat)((0,external_node_path_.join)(root, blobName(digest))).then((s) => s.isFile(), () => false);
}
/** The image Docker should load for an `index.json` entry: itself, or for an index the child for `platform`. */
async function imageFor(root, entry, platform) {
    const m = await (0,ocidir_layout/* readManifestBlob */.XU)(root, entry.digest);
    if (m?.kind === 'image')
        return { config: m.manifest.config, layers: m.manifest.layers };
    if (m?.kind !== 'index')
        return undefined;
    const present = [];
    for (const child of m.index.manifests)
        if (await exists(root, child.digest))
            present.push(child);
    const candidates = [(0,oci_platform/* selectPlatform */.md)(present, platform), ...present].filter((d) => d !== undefined);
    for (const child of candidates) {
        const image = await imageFor(root, child, platform);
        if (image)
            return image;
    }
    return undefined;
}
/** Docker's `manifest.json` for the tagged images of a layout whose config and layers are all present. */
async function dockerManifestFor(root, opts = {}) {
    const index = await (0,ocidir_layout/* readIndex */.vY)(root);
    if (!index)
        throw new errors/* UsageError */.eb(`${root} is not an OCI image layout: it has no ${ocidir_layout/* INDEX_FILE */.K$}`);
    const platform = opts.platform ?? (0,oci_platform/* localPlatform */.hJ)();
    const byConfig = new Map();
    for (const entry of index.manifests) {
        const tag = (0,ocidir_layout/* tagOf */.cO)(entry);
        if (tag === undefined)
            continue;
        const image = await imageFor(root, entry, platform);
        if (!image)
            continue;
        const blobs = [image.config, ...image.layers];
        if (!blobs.every((d) => (0,reference/* isValidDigest */.fH)(d.digest)))
            continue;
        if (!(await Promise.all(blobs.map((d) => exists(root, d.digest)))).every(Boolean))
            continue;
        const key = `${image.config.digest} ${image.layers.map((l) => l.digest).join(' ')}`;
        let item = byConfig.get(key);
        if (!item) {
            item = { Config: blobName(image.config.digest), RepoTags: [], Layers: image.layers.map((l) => blobName(l.digest)) };
            byConfig.set(key, item);
        }
        const name = entry.annotations?.[CONTAINERD_IMAGE_NAME] ?? (opts.repository !== undefined ? `${opts.repository}:${tag}` : undefined);
        if (name !== undefined && !item.RepoTags.includes(name))
            item.RepoTags.push(name);
    }
    return [...byConfig.values()].map((m) => ({ ...m, RepoTags: m.RepoTags.length > 0 ? m.RepoTags : null }));
}
async function* blobChunks(file, digest, size, spent) {
    const hash = (0,external_node_crypto_.createHash)(digest.slice(0, digest.indexOf(':')));
    let seen = 0;
    // Exactly `size` bytes: a file that grew meanwhile must not shift every later entry of the archive.
    if (size > 0) {
        for await (const chunk of (0,external_node_fs_.createReadStream)(file, { start: 0, end: size - 1 })) {
            const buf = chunk;
            hash.update(buf);
            spent.spent(buf.length);
            seen += buf.length;
            yield buf;
        }
    }
    const actual = `${digest.slice(0, digest.indexOf(':'))}:${hash.digest('hex')}`;
    if (seen !== size)
        throw new errors/* DigestMismatchError */.h(digest, `${seen} bytes where ${size} were expected`, `${file} while exporting`);
    if (actual !== digest)
        throw new errors/* DigestMismatchError */.h(digest, actual, `${file} while exporting`);
}
async function* archive(root, dockerManifest, spent) {
    const small = [
        [ocidir_layout/* OCI_LAYOUT_FILE */.u2, await (0,promises_.readFile)((0,external_node_path_.join)(root, ocidir_layout/* OCI_LAYOUT_FILE */.u2))],
        [ocidir_layout/* INDEX_FILE */.K$, await (0,promises_.readFile)((0,external_node_path_.join)(root, ocidir_layout/* INDEX_FILE */.K$))],
        [DOCKER_MANIFEST_FILE, Buffer.from(`${JSON.stringify(dockerManifest)}\n`)],
    ];
    for (const [name, bytes] of small) {
        yield encodeHeader({ path: name, type: 'file', size: bytes.length });
        yield bytes;
        yield padding(bytes.length);
    }
    yield encodeHeader({ path: 'blobs', type: 'directory', size: 0 });
    const algorithms = (await (0,promises_.readdir)((0,external_node_path_.join)(root, 'blobs'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const alg of algorithms.sort()) {
        const names = (await (0,promises_.readdir)((0,external_node_path_.join)(root, 'blobs', alg))).filter((n) => (0,reference/* isValidDigest */.fH)(`${alg}:${n}`)).sort();
        yield encodeHeader({ path: `blobs/${alg}`, type: 'directory', size: 0 });
        for (const name of names) {
            const file = (0,external_node_path_.join)(root, 'blobs', alg, name);
            const size = (await (0,promises_.stat)(file)).size;
            yield encodeHeader({ path: `blobs/${alg}/${name}`, type: 'file', size });
            yield* blobChunks(file, `${alg}:${name}`, size, spent);
            yield padding(size);
        }
    }
    yield endOfArchive();
}
/**
 * Writes the layout at `root` as one tar into `out` (which is ended): `oci-layout`, `index.json`, Docker's
 * `manifest.json`, then every blob. Throws DigestMismatchError if a blob does not hash to its name.
 */
async function writeLayoutTar(root, out, opts = {}) {
    const dockerManifest = await dockerManifestFor(root, opts);
    await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(archive(root, dockerManifest, opts.spent ?? spent_buffers/* KEEP_SPENT */.x), { objectMode: false }), out);
}

// EXTERNAL MODULE: ./build/src/config/bounds.js
var config_bounds = __webpack_require__(77675);
// EXTERNAL MODULE: ./build/src/oci/digest.js
var oci_digest = __webpack_require__(6559);
// EXTERNAL MODULE: ./build/src/oci/manifest.js
var manifest = __webpack_require__(62262);
;// CONCATENATED MODULE: ./build/src/store/tarfile/import.js
// Unpacks a layout tar (ours, `docker save`'s, or a plain tar of an OCI layout; gzip'd or not) into a new directory.
// The archive is untrusted: no absolute paths, no `..`, nothing but regular files and directories is created (links
// inside the archive are skipped, links pointing outside reject it), and every blob is verified against its name.













/** Pulls exact byte counts from a stream of chunks. */
class ByteSource {
    chunks;
    buffered = [];
    length = 0;
    done = false;
    constructor(chunks) {
        this.chunks = chunks;
    }
    async fill(min) {
        while (this.length < min && !this.done) {
            const next = await this.chunks.next();
            if (next.done)
                this.done = true;
            else {
                this.buffered.push(next.value);
                this.length += next.value.length;
            }
        }
    }
    /** Up to `max` bytes, at least one unless the stream ended. */
    async some(max) {
        await this.fill(1);
        const head = this.buffered[0];
        if (!head)
            return undefined;
        const out = head.length <= max ? head : head.subarray(0, max);
        if (out === head)
            this.buffered.shift();
        else
            this.buffered[0] = head.subarray(max);
        this.length -= out.length;
        return out;
    }
    /** The next header block; `undefined` at the end of the stream. */
    async block() {
        await this.fill(BLOCK);
        return this.length === 0 ? undefined : this.exactly(BLOCK, 'a header');
    }
    async exactly(n, what) {
        await this.fill(n);
        if (this.length < n)
            throw new errors/* UsageError */.eb(`tar archive ends in the middle of ${what}: the file is truncated`);
        const all = Buffer.concat(this.buffered);
        this.buffered = all.length > n ? [all.subarray(n)] : [];
        this.length -= n;
        return all.subarray(0, n);
    }
    async *take(n, what) {
        let left = n;
        while (left > 0) {
            const chunk = await this.some(left);
            if (!chunk)
                throw new errors/* UsageError */.eb(`tar archive ends in the middle of ${what}: the file is truncated`);
            left -= chunk.length;
            yield chunk;
        }
    }
    async skip(n, what) {
        for (let left = n; left > 0;) {
            const chunk = await this.some(left);
            if (!chunk)
                throw new errors/* UsageError */.eb(`tar archive ends in the middle of ${what}: the file is truncated`);
            left -= chunk.length;
        }
    }
}
function paddedSize(size) {
    return Math.ceil(size / BLOCK) * BLOCK;
}
/** The entry's path inside the archive root, or a UsageError when it would land elsewhere. */
function safeRelativePath(tarFile, name) {
    const trimmed = name.replace(/\/+$/, '');
    const parts = trimmed.split('/').filter((p) => p !== '' && p !== '.');
    if (name.startsWith('/') || name.includes('\0') || /^[A-Za-z]:/.test(name) || name.includes('\\') || parts.includes('..')) {
        throw new errors/* UsageError */.eb(`refusing ${tarFile}: entry "${name}" would be written outside the target directory`);
    }
    return parts.join('/');
}
function checkLinkTarget(tarFile, header, path) {
    const target = header.type === 'hardlink' ? header.linkname : external_node_path_.posix.join(external_node_path_.posix.dirname(path), header.linkname);
    const normalized = external_node_path_.posix.normalize(target);
    if (header.linkname.startsWith('/') || normalized === '..' || normalized.startsWith('../')) {
        throw new errors/* UsageError */.eb(`refusing ${tarFile}: link "${path}" points outside the archive (to "${header.linkname}")`);
    }
}
/** The archive's bytes, inflated when it is gzip'd (`docker save | gzip`). */
async function openArchive(tarFile) {
    const magic = Buffer.alloc(2);
    const fh = await (0,promises_.open)(tarFile, 'r').catch((err) => {
        throw new errors/* UsageError */.eb(`cannot read the archive: ${(0,errors/* fileProblem */.Wj)(tarFile, err)}; give the path of a tar written by regkit image export, docker save or skopeo (oci-archive:)`);
    });
    try {
        await fh.read(magic, 0, 2, 0);
    }
    finally {
        await fh.close();
    }
    const file = (0,external_node_fs_.createReadStream)(tarFile);
    let stream = file;
    if (magic[0] === 0x1f && magic[1] === 0x8b) {
        // Loaded here, not with the module: every CLI call loads this store, few read a gzip'd archive.
        const { createGunzip } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 38522, 19));
        const gunzip = createGunzip();
        file.on('error', (err) => gunzip.destroy(err));
        stream = file.pipe(gunzip);
    }
    return {
        chunks: stream[Symbol.asyncIterator](),
        close: () => {
            file.destroy();
            stream.destroy();
        },
    };
}
/** An entry named `blobs/<alg>/<hex>` with a valid digest names that digest; anything else is not a blob. */
function blobDigest(path) {
    const parts = path.split('/');
    const digest = parts.length === 3 && parts[0] === 'blobs' ? `${parts[1]}:${parts[2]}` : undefined;
    return digest !== undefined && (0,reference/* isValidDigest */.fH)(digest) ? digest : undefined;
}
/**
 * Undeclared blobs that could still be manifests are held in memory up to this many manifest-size bounds: enough for
 * the manifests and configs of archives that put `index.json` last (`docker save`), while larger undeclared entries
 * wait for another pass over the archive instead of being written on trust.
 */
const HELD_MANIFESTS = 8;
/**
 * What an archive may write: `oci-layout`, `index.json`, and each blob its `index.json` and manifests declare, at
 * exactly the declared size. A tar entry states its size before its data, so an entry larger than its descriptor
 * (a small layer that inflates to gigabytes) is refused before one byte of it is written; an entry nothing declares
 * is not written at all. Entries seen before their declaration are held (small ones) or fetched by a later pass.
 */
class Extraction {
    tarFile;
    intoDir;
    bounds;
    spent;
    result = { files: 0, bytes: 0, index: undefined };
    declared = new Map();
    written = new Set();
    held = new Map();
    heldBytes = 0;
    deferred = new Set();
    constructor(tarFile, intoDir, bounds, spent) {
        this.tarFile = tarFile;
        this.intoDir = intoDir;
        this.bounds = bounds;
        this.spent = spent;
    }
    /** Takes one file entry's `size` bytes from `source`; `wanted` on later passes names the deferred blobs to write. */
    async entry(source, path, size, wanted) {
        if (path === ocidir_layout/* OCI_LAYOUT_FILE */.u2 || path === ocidir_layout/* INDEX_FILE */.K$) {
            if (wanted !== undefined || this.written.has(path))
                return source.skip(size, path);
            const bytes = await source.exactly(this.checkSize(path, size, this.bounds.indexBytes, 'indexBytes'), path);
            await this.writeBytes(path, bytes);
            if (path === ocidir_layout/* INDEX_FILE */.K$)
                await this.readIndex(bytes);
            return;
        }
        const digest = blobDigest(path);
        if (digest === undefined || this.written.has(digest))
            return source.skip(size, path);
        const declared = this.declared.get(digest);
        if (declared !== undefined) {
            if (declared.size !== size)
                throw new errors/* InvalidContentError */.JW(`refusing ${this.tarFile}: entry "${path}" is ${(0,config_bounds/* formatBytes */.z3)(size)} but the image's manifests declare ${(0,config_bounds/* formatBytes */.z3)(declared.size)} for ${digest}; nothing of it was written`);
            if (declared.manifest)
                return this.store(digest, declared, await source.exactly(this.checkSize(path, size, this.bounds.manifestBytes, 'manifestBytes'), path));
            return this.storeStream(digest, source, path, size);
        }
        if (wanted === undefined && size <= this.bounds.manifestBytes && this.heldBytes + size <= HELD_MANIFESTS * this.bounds.manifestBytes) {
            const bytes = await source.exactly(size, path);
            (0,oci_digest/* verifyBytes */.RV)(bytes, digest, `${path} in the archive`);
            this.held.set(digest, bytes);
            this.heldBytes += size;
            return;
        }
        if (wanted === undefined)
            this.deferred.add(digest);
        return source.skip(size, path);
    }
    /** Deferred blobs declared since they went by: the next pass writes them. */
    takeWanted() {
        const wanted = new Set([...this.deferred].filter((d) => this.declared.has(d) && !this.written.has(d)));
        for (const d of wanted)
            this.deferred.delete(d);
        return wanted;
    }
    checkSize(path, size, limit, bound) {
        if (size > limit)
            throw new errors/* FileLimitError */.kn(this.tarFile, `entry "${path}" is ${(0,config_bounds/* formatBytes */.z3)(size)}, larger than ${(0,config_bounds/* formatBytes */.z3)(limit)}`, {
                setting: (0,config_bounds/* boundKey */.o0)(bound),
                limit: (0,config_bounds/* formatBytes */.z3)(limit),
            });
        return size;
    }
    async readIndex(bytes) {
        let index;
        try {
            index = JSON.parse(bytes.toString('utf8'));
        }
        catch (err) {
            throw new errors/* InvalidContentError */.JW(`${this.tarFile}: its index.json is not valid JSON (${err.message})`);
        }
        if (typeof index !== 'object' || index === null || !Array.isArray(index.manifests))
            throw new errors/* InvalidContentError */.JW(`${this.tarFile}: its index.json has no "manifests" array`);
        this.result.index = index;
        for (const d of index.manifests)
            await this.declare(d, true);
    }
    async declare(desc, manifest) {
        if (typeof desc?.digest !== 'string' || !(0,reference/* isValidDigest */.fH)(desc.digest) || !Number.isSafeInteger(desc.size) || desc.size < 0) {
            throw new errors/* InvalidContentError */.JW(`${this.tarFile}: a manifest in it lists an unusable descriptor (${JSON.stringify(desc).slice(0, 200)})`);
        }
        const prior = this.declared.get(desc.digest);
        if (prior !== undefined) {
            if (prior.size !== desc.size)
                throw new errors/* InvalidContentError */.JW(`${this.tarFile}: ${desc.digest} is declared with two sizes (${prior.size} and ${desc.size})`);
            return;
        }
        const declared = { size: desc.size, manifest };
        this.declared.set(desc.digest, declared);
        const held = this.held.get(desc.digest);
        if (held === undefined)
            return;
        this.held.delete(desc.digest);
        this.heldBytes -= held.length;
        if (held.length !== desc.size)
            throw new errors/* InvalidContentError */.JW(`refusing ${this.tarFile}: blob ${desc.digest} is ${(0,config_bounds/* formatBytes */.z3)(held.length)} but the image's manifests declare ${(0,config_bounds/* formatBytes */.z3)(desc.size)}`);
        await this.store(desc.digest, declared, held);
    }
    async store(digest, declared, bytes) {
        (0,oci_digest/* verifyBytes */.RV)(bytes, digest, `${digest} in ${this.tarFile}`);
        this.written.add(digest);
        const path = (0,ocidir_layout/* blobPath */.nD)(this.intoDir, digest);
        await (0,ocidir_layout/* makeDirectories */.Kb)((0,external_node_path_.dirname)(path));
        await this.writeBytes(path, bytes);
        if (!declared.manifest)
            return;
        const m = (0,manifest/* parseManifest */.N)(bytes);
        for (const child of (0,manifest/* referencedDescriptors */.a)(m))
            await this.declare(child, m.kind === 'index');
    }
    async storeStream(digest, source, path, size) {
        this.written.add(digest);
        const file = (0,ocidir_layout/* blobPath */.nD)(this.intoDir, digest);
        await (0,ocidir_layout/* makeDirectories */.Kb)((0,external_node_path_.dirname)(file));
        try {
            await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(source.take(size, path)), new oci_digest/* DigestVerifier */.Do(digest, size, `${path} in ${this.tarFile}`, this.spent), (0,external_node_fs_.createWriteStream)(file, { flags: 'wx' }));
        }
        catch (err) {
            await (0,promises_.unlink)(file).catch(() => undefined);
            throw err;
        }
        this.result.files++;
        this.result.bytes += size;
    }
    async writeBytes(path, bytes) {
        this.written.add(path);
        await (0,promises_.writeFile)(path.startsWith('/') ? path : (0,external_node_path_.join)(this.intoDir, path), bytes, { flag: 'wx' });
        this.result.files++;
        this.result.bytes += bytes.length;
    }
}
/**
 * Extracts `tarFile` into `intoDir`, which must be absent or empty (so no link already inside can redirect a write).
 * Fails unless the result is an OCI image layout (`oci-layout` and `index.json`). Only what the layout declares is
 * written (see Extraction); the archive is read again only for blobs that came before their declaration. `spent` is
 * told of blob bytes written and verified (spent-buffers.ts).
 */
async function extractLayoutTar(tarFile, intoDir, bounds = config_bounds/* DEFAULT_BOUNDS */.oI, spent = spent_buffers/* KEEP_SPENT */.x) {
    const existing = await (0,promises_.readdir)(intoDir).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    });
    const existed = existing !== undefined;
    if (existing !== undefined && existing.length > 0)
        throw new errors/* UsageError */.eb(`cannot extract into ${intoDir}: the directory is not empty; choose a new or empty directory`);
    await (0,ocidir_layout/* makeDirectories */.Kb)(intoDir);
    try {
        const extraction = new Extraction(tarFile, intoDir, bounds, spent);
        await readArchive(tarFile, intoDir, (source, path, size) => extraction.entry(source, path, size));
        for (let wanted = extraction.takeWanted(); wanted.size > 0; wanted = extraction.takeWanted()) {
            await readArchive(tarFile, intoDir, (source, path, size) => extraction.entry(source, path, size, wanted));
        }
        for (const required of [ocidir_layout/* OCI_LAYOUT_FILE */.u2, ocidir_layout/* INDEX_FILE */.K$]) {
            if (!(await (0,promises_.stat)((0,external_node_path_.join)(intoDir, required)).then((s) => s.isFile(), () => false))) {
                throw new errors/* UsageError */.eb(`${tarFile} is not an OCI image layout archive: it has no ${required}`);
            }
        }
        return extraction.result;
    }
    catch (err) {
        // The directory was empty or absent before, so everything in it now came from this archive.
        await (0,promises_.rm)(intoDir, { recursive: true, force: true });
        if (existed)
            await (0,ocidir_layout/* makeDirectories */.Kb)(intoDir);
        throw err;
    }
}
/** pax and GNU long-name headers carry a path and a few numbers; they are read into memory, so they are bounded. */
const EXTENDED_HEADER_MAX = 1024 * 1024;
async function readArchive(tarFile, intoDir, onFile) {
    const archive = await openArchive(tarFile);
    try {
        await extractEntries(tarFile, new ByteSource(archive.chunks), intoDir, onFile);
    }
    finally {
        archive.close();
    }
}
async function extractEntries(tarFile, source, intoDir, onFile) {
    let pax = {};
    let longName;
    let longLink;
    for (;;) {
        const block = await source.block();
        const raw = block ? decodeHeader(block) : undefined;
        if (!raw)
            return;
        const size = pax['size'] !== undefined ? Number(pax['size']) : raw.size;
        if (raw.type === 'pax' || raw.type === 'gnu-longname' || raw.type === 'gnu-longlink' || raw.type === 'pax-global') {
            if (raw.size > EXTENDED_HEADER_MAX)
                throw new errors/* InvalidContentError */.JW(`refusing ${tarFile}: an extended header of ${(0,config_bounds/* formatBytes */.z3)(raw.size)} (real ones hold a path and a few numbers)`);
            const body = await source.exactly(paddedSize(raw.size), 'an extended header');
            const content = body.subarray(0, raw.size);
            if (raw.type === 'pax')
                pax = { ...pax, ...parsePax(content) };
            else if (raw.type === 'gnu-longname')
                longName = content.toString('utf8').replace(/\0+$/, '');
            else if (raw.type === 'gnu-longlink')
                longLink = content.toString('utf8').replace(/\0+$/, '');
            continue;
        }
        const header = { ...raw, path: pax['path'] ?? longName ?? raw.path, linkname: pax['linkpath'] ?? longLink ?? raw.linkname, size };
        pax = {};
        longName = undefined;
        longLink = undefined;
        const path = safeRelativePath(tarFile, header.path);
        if (header.type === 'file' && path !== '') {
            await onFile(source, path, header.size);
            await source.skip(paddedSize(header.size) - header.size, path);
            continue;
        }
        if (header.type === 'directory')
            await (0,ocidir_layout/* makeDirectories */.Kb)((0,external_node_path_.join)(intoDir, path));
        if (header.type === 'symlink' || header.type === 'hardlink')
            checkLinkTarget(tarFile, header, path);
        // Links and special files are not part of a layout: their data, if any, is skipped.
        await source.skip(header.type === 'directory' ? 0 : paddedSize(header.size), path);
    }
}

// EXTERNAL MODULE: ./build/src/copy/copy.js + 5 modules
var copy = __webpack_require__(23631);
;// CONCATENATED MODULE: ./build/src/copy/archive.js
// One-file transfer for air-gapped sites: an image as an OCI layout inside a tar (which `docker load` also reads),
// staged through a temporary layout so the copy engine does the verifying and the tar is written whole or not at all.










async function withStaging(work) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'regkit-stage-'));
    try {
        return await work(dir);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
async function exportImage(ctx, src, file, opts = {}) {
    const started = Date.now();
    // Written beside the target and renamed, so an interrupted export never leaves a file that looks complete; opened
    // before the image is fetched, so a directory that is not there fails at once.
    const partial = (0,external_node_path_.join)((0,external_node_path_.dirname)(file), `.${(0,external_node_path_.basename)(file)}.partial-${process.pid}`);
    const handle = await (0,promises_.open)(partial, 'w').catch((err) => {
        throw new errors/* UsageError */.eb(`cannot write ${file}: ${(0,errors/* fileProblem */.Wj)((0,external_node_path_.dirname)(file), err)}; create the directory first or name another file`);
    });
    return withStaging(async (dir) => {
        try {
            const staged = { scheme: 'ocidir', path: (0,external_node_path_.join)(dir, 'layout'), tag: src.tag ?? 'latest' };
            const copied = await (0,copy/* copyImage */.L1)(ctx, src, staged, { ...opts, dryRun: false });
            const out = handle.createWriteStream();
            const repository = src.scheme === 'registry' ? `${src.registry}/${src.repository}` : undefined;
            await writeLayoutTar(staged.path, out, { ...(repository ? { repository } : {}), ...(ctx.spent ? { spent: ctx.spent } : {}) });
            await (0,promises_.rename)(partial, file);
            return { ...copied, op: 'export', status: 'copied', target: { kind: 'file', path: file }, durationMs: Date.now() - started };
        }
        catch (err) {
            await handle.close().catch(() => undefined);
            await (0,promises_.rm)(partial, { force: true });
            throw err;
        }
    });
}
async function importImage(ctx, file, dst, opts = {}) {
    const started = Date.now();
    return withStaging(async (dir) => {
        const layout = { scheme: 'ocidir', path: (0,external_node_path_.join)(dir, 'layout') };
        await extractLayoutTar(file, layout.path, ctx.stores.layoutBounds, ctx.spent);
        const tag = await pickTag(ctx, layout, file, dst);
        const result = await (0,copy/* copyImage */.L1)(ctx, (0,reference/* withTag */.Rd)(layout, tag), dst, opts);
        return { ...result, op: 'import', source: { kind: 'file', path: file, tag }, target: (0,report_result/* imageAt */.t3)(dst), durationMs: Date.now() - started };
    });
}
/**
 * The archive's only valid tag, or the target's tag when the archive holds several. A name in its `index.json` that is
 * not a valid tag is never imported: it fails the import when the archive holds no valid one, and is warned about
 * otherwise.
 */
async function pickTag(ctx, layout, file, dst) {
    const invalid = [];
    const tags = await ctx.stores.storeFor(layout).listTags(layout, { onInvalid: (err) => invalid.push(err.from(`${file} (${ocidir_layout/* INDEX_FILE */.K$})`)) });
    if (tags.length === 0 && invalid[0] !== undefined)
        throw invalid[0];
    for (const err of invalid)
        ctx.logger.warn(`${err.message}; not imported`);
    const wanted = tags.length === 1 ? tags[0] : tags.find((t) => t === dst.tag);
    if (wanted !== undefined)
        return wanted;
    if (tags.length === 0)
        throw new errors/* UsageError */.eb(`${file} holds no tagged image (no ${ocidir_layout/* REF_NAME_ANNOTATION */.EP} annotation in its ${ocidir_layout/* INDEX_FILE */.K$})`);
    throw new errors/* UsageError */.eb(`${file} holds several images (${tags.join(', ')}); name one as the target's tag`);
}


/***/ }),

/***/ 23631:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dd: () => (/* reexport */ UNCHANGED_REASON),
  L1: () => (/* binding */ copyImage),
  rG: () => (/* reexport */ digestFromHead),
  lZ: () => (/* reexport */ upToDateByHeads)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/oci/digest.js
var digest = __webpack_require__(6559);
// EXTERNAL MODULE: ./build/src/oci/manifest.js
var manifest = __webpack_require__(62262);
// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(93662);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var platform = __webpack_require__(23856);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(34123);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./build/src/retry.js
var retry = __webpack_require__(32975);
// EXTERNAL MODULE: ./build/src/copy/failures.js
var failures = __webpack_require__(376);
;// CONCATENATED MODULE: ./build/src/copy/blobs.js
// Moving blobs from one repository to another: skip what is there, mount what the registry can link, stream the rest.






/** How often a transfer with bytes on the wire tells its listener where it is; the renderers throttle further. */
const PROGRESS_TICK_MS = 250;
class BlobTransfer {
    ctx;
    src;
    dst;
    opts;
    limit;
    counts = (0,result/* emptyBlobCounts */.p4)();
    bytesMoved = 0;
    bytesPlanned = 0;
    blobsPlanned = 0;
    blobsDone = 0;
    inFlight = new Map();
    /** Blobs streaming now; while there are any, a timer reports the byte count (the chunks only add to it). */
    streaming = 0;
    ticker;
    constructor(ctx, src, dst, opts, limit) {
        this.ctx = ctx;
        this.src = src;
        this.dst = dst;
        this.opts = opts;
        this.limit = limit;
    }
    /** Copies one blob once, however many manifests name it. */
    copy(desc) {
        let pending = this.inFlight.get(desc.digest);
        if (!pending) {
            this.blobsPlanned++;
            this.bytesPlanned += desc.size;
            pending = this.transfer(desc).then(() => {
                this.blobsDone++;
                this.report();
            });
            this.inFlight.set(desc.digest, pending);
        }
        return pending;
    }
    async transfer(desc) {
        const { src, dst, opts } = this;
        // Inside one repository every blob of the source is already the target's: a retag moves no bytes.
        // A blob that does not stream leaves the progress total: the total is what has to cross the wire.
        if ((0,reference/* sameRepository */.RB)(src, dst) && !opts.forceRecursive) {
            this.counts.skipped++;
            this.bytesPlanned -= desc.size;
            return;
        }
        const dstStore = this.ctx.stores.storeFor(dst);
        if ((0,reference/* sameRegistry */.cJ)(src, dst) && !opts.dryRun && (await dstStore.mountBlob(dst, desc.digest, src))) {
            this.counts.mounted++;
            this.bytesPlanned -= desc.size;
            return;
        }
        if ((await dstStore.headBlob(dst, desc.digest)) !== undefined) {
            this.counts.skipped++;
            this.bytesPlanned -= desc.size;
            return;
        }
        if (opts.dryRun) {
            this.counts.copied++;
            this.bytesMoved += desc.size;
            this.bytesPlanned -= desc.size;
            return;
        }
        // Only the byte moving takes a slot: the cheap checks above for every blob go out at once.
        await this.limit(async () => {
            this.startTicking();
            try {
                await this.stream(desc);
            }
            finally {
                this.stopTicking();
            }
        });
        this.counts.copied++;
    }
    async stream(desc) {
        const srcStore = this.ctx.stores.storeFor(this.src);
        const dstStore = this.ctx.stores.storeFor(this.dst);
        let reauthenticated = false;
        for (let attempt = 1;; attempt++) {
            let counted = 0;
            let sourceBroke;
            try {
                // The target opens its upload session while the source answers: one round trip per blob instead of two. The
                // body goes to the store as it comes, with no stream between them: each one a chunk passes through costs CPU.
                const content = srcStore.getBlob(this.src, desc).then((body) => {
                    body.once('error', (err) => (sourceBroke = err));
                    if (this.ctx.onProgress) {
                        // Progress listens beside the store's reader. Paused first, so the listener does not start the flow and
                        // drop chunks while a store is still getting ready: the reader resumes it when it reads.
                        body.pause();
                        body.on('data', (chunk) => {
                            counted += chunk.length;
                            this.streamed += chunk.length;
                        });
                    }
                    return body;
                });
                const [got, put] = await Promise.allSettled([content, dstStore.putBlob(this.dst, desc, content)]);
                // A store that failed before reading leaves the body to its owner.
                if (put.status === 'rejected' && got.status === 'fulfilled')
                    got.value.destroy();
                if (got.status === 'rejected')
                    throw got.reason;
                if (put.status === 'rejected')
                    throw put.reason;
                this.bytesMoved += desc.size;
                return;
            }
            catch (err) {
                // A streamed upload cannot be replayed by the transport: on a 401 it learns the new challenge and leaves the
                // fresh attempt, which then goes out authorized, to this loop.
                const failure = (0,retry/* classifyFailure */.XE)(err);
                const again = failure === 'transient' || (failure === 'reauth' && !reauthenticated);
                if (attempt >= retry/* BODY_READ_ATTEMPTS */.JO || !again) {
                    // The store passes the source's own stream error through; it says "socket closed" but not what or where.
                    throw sourceBroke !== undefined && err === sourceBroke && !(err instanceof errors/* RegistryError */.gl)
                        ? (0,failures/* blobReadFailed */.f)(this.src, desc, sourceBroke, attempt)
                        : err;
                }
                reauthenticated ||= failure === 'reauth';
                const delay = (0,retry/* backoffDelay */.EY)(attempt - 1);
                this.ctx.logger.warn(`blob ${desc.digest} from ${(0,reference/* formatReference */.FH)(this.src)} broke off (${err.message}); retrying (${attempt}/${retry/* BODY_READ_ATTEMPTS */.JO - 1}) in ${delay} ms`);
                this.streamed -= counted;
                await (0,promises_.setTimeout)(delay);
            }
        }
    }
    /** Bytes that have flowed through so far, for progress; a retried blob's partial bytes are taken back. */
    streamed = 0;
    startTicking() {
        if (this.streaming++ > 0 || !this.ctx.onProgress)
            return;
        this.ticker = setInterval(() => this.report(), PROGRESS_TICK_MS);
        // Progress must never keep the process alive on its own.
        this.ticker.unref();
    }
    stopTicking() {
        if (--this.streaming > 0 || this.ticker === undefined)
            return;
        clearInterval(this.ticker);
        this.ticker = undefined;
    }
    report() {
        this.ctx.onProgress?.({
            image: (0,reference/* formatReference */.FH)(this.dst),
            bytesDone: this.streamed,
            bytesTotal: this.bytesPlanned,
            blobsDone: this.blobsDone,
            blobsTotal: this.blobsPlanned,
        });
    }
}

// EXTERNAL MODULE: ./build/src/limit.js
var limit = __webpack_require__(53346);
;// CONCATENATED MODULE: ./build/src/copy/options.js
const DEFAULT_BLOB_CONCURRENCY = 3;

;// CONCATENATED MODULE: ./build/src/copy/platforms.js
// Platform filtering of a multi-platform source. One platform resolves to that platform's image manifest, as
// `regctl image copy --platform` does. Several keep an index, rewritten by default to list only them, because a
// sparse index (the original bytes with children missing, regsync's way) is refused by registries that check an
// index's children exist, distribution among them; sparse stays available for registries that take it.



async function narrowToPlatforms(ctx, src, top, wanted, sparse = false) {
    if (top.kind !== 'index')
        return { manifest: top };
    const chosen = (0,platform/* choosePlatforms */.kD)(top.index.manifests, wanted, (0,reference/* formatReference */.FH)(src));
    if ('single' in chosen) {
        const fetched = await ctx.stores.storeFor(src).getManifest((0,reference/* withDigest */.hQ)(src, chosen.single.digest));
        return { manifest: (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType) };
    }
    const { kept } = chosen;
    if (kept.length === top.index.manifests.length)
        return { manifest: top };
    if (sparse)
        return { manifest: top, only: new Set(kept.map((d) => d.digest)) };
    const index = { ...top.index, manifests: kept };
    return { manifest: { kind: 'index', mediaType: top.mediaType, index, bytes: Buffer.from(JSON.stringify(index)) } };
}

;// CONCATENATED MODULE: ./build/src/copy/referrers.js
// What hangs off a copied manifest: referrers (OCI distribution 1.1 "Listing Referrers") and digest tags, the
// `sha256-<hex>[.suffix]` tags that cosign and older signers push beside an image.

/** Referrers of `digest` listed in the repository `from`, keeping those a filter matches (all when none is given). */
async function referrersOf(ctx, from, digest, filters = []) {
    const listed = await ctx.stores.storeFor(from).listReferrers((0,reference/* withDigest */.hQ)(from, digest));
    return filters.length === 0 ? listed : listed.filter((d) => filters.some((f) => matches(d, f)));
}
function matches(d, f) {
    if (f.artifactType !== undefined && f.artifactType !== '' && d.artifactType !== f.artifactType)
        return false;
    return Object.entries(f.annotations).every(([key, value]) => {
        const found = d.annotations !== undefined && Object.hasOwn(d.annotations, key) ? d.annotations[key] : undefined;
        return found !== undefined && (value === '' || value === found);
    });
}
/**
 * Tags named after one of `digests`. When referrers are copied, the plain `sha256-<hex>` tag is the referrers fallback
 * index, which the target store maintains itself, so it is left out.
 */
function digestTagsFor(tags, digests, skipFallback) {
    const prefixes = digests.map((d) => d.replace(':', '-'));
    return tags.filter((t) => prefixes.some((p) => (t === p && !skipFallback) || t.startsWith(`${p}.`)));
}

;// CONCATENATED MODULE: ./build/src/copy/uptodate.js
const UNCHANGED_REASON = 'target already has this digest';
/**
 * The digest the target tag will hold after the copy, when the source HEAD alone tells it: with no platform filter,
 * or a sparse index over several platforms (the source's bytes). Undefined when only the source manifest can tell:
 * one platform is that platform's image manifest, and a rewritten index has a digest of its own.
 */
function digestFromHead(source, opts) {
    const n = opts.platforms?.length ?? 0;
    return n === 0 || (opts.sparseIndex && n > 1) ? source.digest : undefined;
}
/**
 * True when the target's tag already points at `digest`, the top manifest the copy would write, and nothing else is
 * asked for: referrers and digest tags may still be missing below a matching digest unless `fast` says not to look.
 */
function holds(target, digest, opts) {
    const wantsExtras = (opts.referrers || opts.digestTags) && !opts.fast;
    return target?.digest === digest && !opts.forceRecursive && !wantsExtras;
}
/** The verdict from the two HEADs alone: the digest the target already holds, or undefined when the copy must look. */
function upToDateByHeads(source, target, opts) {
    const digest = digestFromHead(source, opts);
    return digest !== undefined && holds(target, digest, opts) ? digest : undefined;
}

;// CONCATENATED MODULE: ./build/src/copy/copy.js
// The copy engine: cheapest check first, then blobs, child manifests, referrers, and the tag last, so a tag never
// points at content the target does not hold and a failed copy leaves the target tag as it was.















async function copyImage(ctx, src, dst, opts = {}) {
    const started = Date.now();
    if (src.tag === undefined && src.digest === undefined)
        throw new errors/* UsageError */.eb(`source ${(0,reference/* formatReference */.FH)(src)} needs a tag or a digest`);
    if (dst.tag === undefined && dst.digest === undefined)
        throw new errors/* UsageError */.eb(`target ${(0,reference/* formatReference */.FH)(dst)} needs a tag or a digest`);
    // Checked before any request: a single-platform source never reaches the platform filter, and a typo must not
    // turn into an unfiltered copy.
    for (const p of opts.platforms ?? [])
        (0,platform/* parsePlatform */.Y8)(p);
    const srcStore = ctx.stores.storeFor(src);
    const dstStore = ctx.stores.storeFor(dst);
    const [srcHead, dstHead] = opts.heads ? [opts.heads.source, opts.heads.target] : await Promise.all([srcStore.headManifest(src), dstStore.headManifest(dst)]);
    if (!srcHead)
        throw await (0,failures/* sourceNotFound */.R)(ctx.stores, src);
    const base = { op: 'copy', source: (0,result/* imageAt */.t3)(src), target: (0,result/* imageAt */.t3)(dst) };
    const known = upToDateByHeads(srcHead, dstHead, opts);
    if (known !== undefined)
        return { ...base, status: 'skipped', digest: known, bytes: 0, reason: UNCHANGED_REASON, durationMs: Date.now() - started };
    const fetched = await srcStore.getManifest((0,reference/* withDigest */.hQ)(src, srcHead.digest));
    const parsed = (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
    const narrowed = opts.platforms?.length ? await narrowToPlatforms(ctx, src, parsed, opts.platforms, opts.sparseIndex) : { manifest: parsed };
    const top = narrowed.manifest;
    const topDigest = top.bytes === fetched.bytes ? fetched.digest : (0,digest/* digestOf */.ol)(top.bytes);
    const platforms = platformsOf(top, narrowed.only);
    if (holds(dstHead, topDigest, opts)) {
        return {
            ...base,
            status: 'skipped',
            digest: topDigest,
            bytes: 0,
            ...(platforms ? { platforms } : {}),
            reason: UNCHANGED_REASON,
            durationMs: Date.now() - started,
        };
    }
    // With referrers or digest tags asked for, a target that has the image still gets what hangs off it.
    const present = dstHead?.digest === topDigest && !opts.forceRecursive;
    const tree = new TreeCopy(ctx, src, dst, opts, (0,limit/* createLimiter */.z)(opts.concurrency ?? DEFAULT_BLOB_CONCURRENCY));
    await tree.copyContent(top, topDigest, present, narrowed.only);
    if (opts.digestTags)
        await copyDigestTags(ctx, src, dst, tree.copiedDigests(), opts);
    if (!opts.dryRun && !present)
        await putChecked(ctx, dst, top, topDigest);
    const moved = tree.moved();
    const changed = !present || moved.manifests > 0 || moved.bytes > 0;
    const status = !changed ? 'skipped' : opts.dryRun ? 'would-copy' : 'copied';
    return {
        ...base,
        status,
        digest: topDigest,
        bytes: moved.bytes,
        ...(platforms ? { platforms } : {}),
        blobs: moved.blobs,
        durationMs: Date.now() - started,
        ...(changed ? {} : { reason: 'target already has this digest and its referrers' }),
        ...(dstHead && dstHead.digest !== topDigest ? { details: { kind: 'transfer', previousDigest: dstHead.digest } } : {}),
    };
}
/** Copies what a manifest needs (children, blobs, referrers) but not the manifest itself. */
class TreeCopy {
    ctx;
    src;
    dst;
    opts;
    limit;
    done = new Map();
    transfer;
    /** Where referrers are read from and written to when `referrerSource`/`referrerTarget` name other repositories. */
    elsewhere;
    /** Manifests written by digest (children and referrers); the top manifest is not counted. */
    manifestsWritten = 0;
    constructor(ctx, src, dst, opts, limit) {
        this.ctx = ctx;
        this.src = src;
        this.dst = dst;
        this.opts = opts;
        this.limit = limit;
        this.transfer = new BlobTransfer(ctx, src, dst, opts, limit);
    }
    copiedDigests() {
        return [...this.done.keys()];
    }
    /** What this tree and the referrer repositories beside it wrote. */
    moved() {
        const side = this.elsewhere?.moved();
        const own = this.transfer.counts;
        return {
            bytes: this.transfer.bytesMoved + (side?.bytes ?? 0),
            manifests: this.manifestsWritten + (side?.manifests ?? 0),
            blobs: side ? { copied: own.copied + side.blobs.copied, skipped: own.skipped + side.blobs.skipped, mounted: own.mounted + side.blobs.mounted } : own,
        };
    }
    /** `present`: the target holds this manifest, so only referrers may be missing below it. */
    async copyContent(m, digest, present = false, only) {
        if (!this.done.has(digest))
            this.done.set(digest, Promise.resolve());
        const work = [];
        if (m.kind === 'index')
            work.push(...m.index.manifests.filter((d) => !only || only.has(d.digest)).map((d) => this.copyManifest(d, present)));
        if (m.kind === 'image' && !present)
            work.push(...this.blobsOf(m).map((d) => this.transfer.copy(d)));
        if (this.opts.referrers)
            work.push(this.copyReferrers(digest));
        await settleAll(work);
    }
    /** A manifest named by digest (an index's child or a referrer): its content first, then the manifest. */
    copyManifest(desc, knownPresent = false) {
        let pending = this.done.get(desc.digest);
        if (!pending) {
            pending = knownPresent && !this.opts.referrers ? Promise.resolve() : this.copyManifestOnce(desc, knownPresent);
            this.done.set(desc.digest, pending);
        }
        return pending;
    }
    async copyManifestOnce(desc, knownPresent) {
        const srcRef = (0,reference/* withDigest */.hQ)(this.src, desc.digest);
        const dstRef = (0,reference/* withDigest */.hQ)(this.dst, desc.digest);
        const checkTarget = !knownPresent && !this.opts.forceRecursive;
        // Ask the target and fetch the source at once: one round trip instead of two on a cold copy.
        const [head, fetched] = await Promise.all([
            checkTarget ? this.ctx.stores.storeFor(this.dst).headManifest(dstRef) : Promise.resolve(undefined),
            this.ctx.stores.storeFor(this.src).getManifest(srcRef),
        ]);
        const child = (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
        const present = knownPresent || head !== undefined;
        await this.copyContent(child, desc.digest, present);
        if (present || this.opts.dryRun)
            return;
        await putChecked(this.ctx, dstRef, child, desc.digest);
        this.manifestsWritten++;
    }
    blobsOf(m) {
        const layers = m.manifest.layers.filter((l) => this.opts.includeExternal || !((0,mediatypes/* isExternalLayerMediaType */.pE)(l.mediaType) || l.urls?.length));
        return [m.manifest.config, ...layers];
    }
    async copyReferrers(digest) {
        const side = this.referrerSide();
        const found = await referrersOf(this.ctx, side.src, digest, this.opts.referrerFilters);
        await settleAll(found.map((d) => side.copyManifest(d)));
    }
    /**
     * The tree that copies referrers: this one, or one between `referrerSource` and `referrerTarget` (each defaulting to
     * this tree's side), whose own referrers are then read and written there too, as regsync does.
     */
    referrerSide() {
        const from = this.opts.referrerSource ? (0,reference/* repositoryOf */._M)(this.opts.referrerSource) : this.src;
        const to = this.opts.referrerTarget ? (0,reference/* repositoryOf */._M)(this.opts.referrerTarget) : this.dst;
        if ((0,reference/* sameRepository */.RB)(from, this.src) && (0,reference/* sameRepository */.RB)(to, this.dst))
            return this;
        this.elsewhere ??= new TreeCopy(this.ctx, from, to, this.opts, this.limit);
        return this.elsewhere;
    }
}
async function copyDigestTags(ctx, src, dst, digests, opts) {
    const tags = await ctx.stores.storeFor(src).listTags((0,reference/* repositoryOf */._M)(src));
    for (const tag of digestTagsFor(tags, digests, opts.referrers === true)) {
        // Each digest tag is its own copy: the HEADs the caller made were of the image, not of what this tag names.
        const { heads: _heads, ...own } = opts;
        await copyImage(ctx, (0,reference/* withTag */.Rd)(src, tag), (0,reference/* withTag */.Rd)(dst, tag), { ...own, digestTags: false, platforms: [] });
    }
}
async function putChecked(ctx, ref, m, digest) {
    const stored = await ctx.stores.storeFor(ref).putManifest(ref, m.bytes, m.mediaType);
    // A registry that rewrites manifests would break every digest pinned by users of the copy.
    if (stored !== digest)
        throw new errors/* DigestMismatchError */.h(digest, stored, `manifest stored at ${(0,reference/* formatReference */.FH)(ref)}`);
}
/** Waits for every task, then rethrows the first failure, so no write is left running behind a thrown error. */
async function settleAll(work) {
    const results = await Promise.allSettled(work);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
function platformsOf(m, only) {
    if (m.kind !== 'index')
        return undefined;
    return m.index.manifests.filter((d) => d.platform && d.platform.os !== 'unknown' && (!only || only.has(d.digest))).map((d) => (0,platform/* formatPlatform */.Bq)(d.platform));
}


/***/ }),

/***/ 376:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ sourceNotFound),
/* harmony export */   f: () => (/* binding */ blobReadFailed)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _store_not_found_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7243);
// The copy engine's own failures, as typed errors that name the store, the repository and what to do next.


/**
 * A source its HEAD did not find, in the registry's own words: a HEAD answer has no body, so the manifest GET is asked,
 * only on this failure, for the registry's code (NAME_UNKNOWN, MANIFEST_UNKNOWN; distribution answers the latter for
 * both). The hint's `tag ls` tells an unknown repository from an unknown tag.
 */
async function sourceNotFound(stores, ref) {
    try {
        await stores.storeFor(ref).getManifest(ref);
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl && err.notFound)
            return (0,_store_not_found_js__WEBPACK_IMPORTED_MODULE_1__/* .referenceNotFound */ .Z)(ref, err.codes.length > 0 ? 'manifest-get' : 'manifest-head', err.codes);
    }
    return (0,_store_not_found_js__WEBPACK_IMPORTED_MODULE_1__/* .referenceNotFound */ .Z)(ref, 'manifest-head');
}
/** The source's blob body broke off on every attempt (a dropped connection, a truncated file). */
function blobReadFailed(src, desc, cause, attempts) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl(`reading blob ${desc.digest} (${desc.size} bytes) broke off after ${attempts} attempts: ${cause.message}`, {
        status: undefined,
        ...(0,_store_not_found_js__WEBPACK_IMPORTED_MODULE_1__/* .locationOf */ .h)(src),
        operation: 'blob-get',
        failure: 'transient',
        cause,
        hint: 'nothing was tagged; run the copy again once the source is reachable',
    });
}


/***/ }),

/***/ 27406:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $P: () => (/* binding */ RegistryLimitError),
/* harmony export */   AB: () => (/* binding */ quoteName),
/* harmony export */   JW: () => (/* binding */ InvalidContentError),
/* harmony export */   Rr: () => (/* binding */ exitCodeFor),
/* harmony export */   Tw: () => (/* binding */ InvalidNameError),
/* harmony export */   Wj: () => (/* binding */ fileProblem),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   h: () => (/* binding */ DigestMismatchError),
/* harmony export */   kn: () => (/* binding */ FileLimitError),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
// Typed errors shared by every layer. Faces map them to exit codes: UsageError and ConfigError → 2, the rest → 1.
/** A registry said no, or could not be reached. The message never carries a credential. */
class RegistryError extends Error {
    status;
    registry;
    repository;
    operation;
    codes;
    failure;
    absent;
    constructor(message, init) {
        const where = init.repository ? `${init.registry}/${init.repository}` : init.registry;
        const status = init.status === undefined ? '' : ` (HTTP ${init.status}${init.codes?.length ? ` ${init.codes.join(',')}` : ''})`;
        const hint = init.hint ? `: ${init.hint}` : '';
        super(`${init.operation} on ${where}${status}: ${message}${hint}`, init.cause === undefined ? undefined : { cause: init.cause });
        this.name = 'RegistryError';
        this.status = init.status;
        this.registry = init.registry;
        this.repository = init.repository;
        this.operation = init.operation;
        this.codes = init.codes ?? [];
        this.failure = init.failure ?? 'fatal';
        this.absent = init.absent ?? false;
    }
    get notFound() {
        return this.status === 404 || this.absent;
    }
}
/**
 * A response passed a bound regkit keeps on what it reads (bytes in memory, pages, entries, time). The registry is
 * broken or hostile, or bigger or slower than the bound allows: the message names the bound and the `--bound` setting
 * that moves it. Not retryable: the same request meets the same answer.
 */
class RegistryLimitError extends RegistryError {
    /** The `--bound` key (`manifest-bytes`, `request-timeout` …). */
    setting;
    constructor(message, init) {
        super(`${message}; stopped at the ${init.limit} bound`, {
            ...init,
            failure: 'fatal',
            hint: `the registry is broken or hostile, or this bound is too small for it; if it is trusted, raise it with --bound ${init.setting}=… (action input bounds)`,
        });
        this.name = 'RegistryLimitError';
        this.setting = init.setting;
    }
}
/** Bytes did not hash to the digest they were supposed to have. Nothing built on them is committed. */
class DigestMismatchError extends Error {
    expected;
    actual;
    /** Fewer bytes came than the descriptor declares: the body was cut off on the way, not wrong where it is kept. */
    truncated;
    constructor(expected, actual, what, truncated = false) {
        super(`digest mismatch for ${what}: expected ${expected}, got ${actual}; nothing was written under this digest`);
        this.name = 'DigestMismatchError';
        this.expected = expected;
        this.actual = actual;
        this.truncated = truncated;
    }
}
/**
 * Stored content that is not what it claims to be (a manifest that is not JSON, an index without `manifests`). It
 * comes from a registry or a layout, not from the user, so it fails that operation (exit 1) and the run goes on.
 */
class InvalidContentError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidContentError';
    }
}
/** Longest part of a rejected name quoted in a message: a hostile source can send megabytes of it. */
const QUOTED_NAME_MAX = 200;
/**
 * A name as a message may show it: JSON-escaped, so control characters and newlines in a hostile value cannot forge
 * a log line or a terminal sequence, and cut short when long.
 */
function quoteName(value) {
    if (typeof value !== 'string')
        return JSON.stringify(value) ?? String(value);
    if (value.length <= QUOTED_NAME_MAX)
        return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, QUOTED_NAME_MAX))}… (${value.length} characters)`;
}
/**
 * A tag, repository name or digest from a source (a registry's listing or header, a layout's `index.json`, an archive)
 * that is not a name of the OCI grammar. Nothing is read or written for it; it fails its own item (exit 1), and the
 * other names of the same source go on.
 */
class InvalidNameError extends Error {
    kind;
    value;
    source;
    problem;
    constructor(kind, value, source, problem) {
        super(`${source}: refusing the ${kind} ${quoteName(value)} (${problem}); nothing was read or written for it`);
        this.kind = kind;
        this.value = value;
        this.source = source;
        this.problem = problem;
        this.name = 'InvalidNameError';
    }
    /** The same rejection, told as coming from `source` (an archive rather than the directory it was unpacked into). */
    from(source) {
        return new InvalidNameError(this.kind, this.value, source, this.problem);
    }
}
/** A file (a layout's `index.json`, a manifest blob, a tar entry) passed a bound on what regkit reads or writes. */
class FileLimitError extends InvalidContentError {
    file;
    setting;
    constructor(file, message, bound) {
        super(`${file}: ${message}; stopped at the ${bound.limit} bound: the file is damaged or hostile, or the bound is too small for it; if it is trusted, raise it with --bound ${bound.setting}=… (action input bounds)`);
        this.name = 'FileLimitError';
        this.file = file;
        this.setting = bound.setting;
    }
}
/** Bad command line or malformed input given directly by the user (exit 2). */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** A config file that cannot be used (exit 2). Carries its position when known. */
class ConfigError extends Error {
    file;
    line;
    column;
    /** The message without its position, for a face that shows the position apart (an annotation). */
    withoutPosition;
    constructor(message, where = {}) {
        const pos = where.file ? `${where.file}${where.line ? `:${where.line}${where.column ? `:${where.column}` : ''}` : ''}: ` : '';
        super(`${pos}${message}`);
        this.name = 'ConfigError';
        this.withoutPosition = message;
        this.file = where.file;
        this.line = where.line;
        this.column = where.column;
    }
}
function exitCodeFor(err) {
    return err instanceof UsageError || err instanceof ConfigError ? 2 : 1;
}
/**
 * What is wrong with a file the system refused, in words (`/x/regsync.yml does not exist`), for a message that then
 * says what to do; never the bare errno.
 */
function fileProblem(file, err) {
    const code = err?.code;
    switch (code) {
        case 'ENOENT':
            return `${file} does not exist`;
        case 'ENOTDIR':
            return `a part of the path ${file} is a file, not a directory`;
        case 'EISDIR':
            return `${file} is a directory, not a file`;
        case 'EACCES':
        case 'EPERM':
            return `${file} may not be read or written by this user (${code})`;
        default:
            return `${file} cannot be read or written: ${code ?? (err instanceof Error ? err.message : String(err))}`;
    }
}


/***/ }),

/***/ 217:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T4: () => (/* binding */ GoMonth),
/* harmony export */   hL: () => (/* binding */ GoWeekday),
/* harmony export */   pe: () => (/* binding */ parseTime),
/* harmony export */   yT: () => (/* binding */ GoTime),
/* harmony export */   zo: () => (/* binding */ GoDuration)
/* harmony export */ });
/* unused harmony export formatTime */
// Go's time.Time as templates see it: the methods regsync configs call (`.Year`, `.Month`, `.Format "20060102"`…)
// and Go reference layouts (https://pkg.go.dev/time#pkg-constants). Times are kept in UTC: a CI runner's local zone
// is UTC, and a mirror's backup tags should not depend on where the job ran.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** time.Month: prints its name with %s and %v, its number with %d. */
class GoMonth {
    n;
    constructor(n) {
        this.n = n;
    }
    String() {
        return MONTHS[this.n - 1] ?? `%!Month(${this.n})`;
    }
}
/** time.Weekday (Sunday = 0). */
class GoWeekday {
    n;
    constructor(n) {
        this.n = n;
    }
    String() {
        return DAYS[this.n] ?? `%!Weekday(${this.n})`;
    }
}
const NS_PER_MS = 1000000n;
function pad(n, width) {
    return String(n).padStart(width, '0');
}
/** Milliseconds since the epoch for a UTC calendar date; Date.UTC would map years 0–99 to 1900–1999. */
function utcMillis(year, month, day, hour = 0, minute = 0, second = 0) {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    return d.getTime();
}
class GoTime {
    /** Nanoseconds since the Unix epoch. */
    ns;
    constructor(ns) {
        this.ns = ns;
    }
    static now() {
        return new GoTime(BigInt(Date.now()) * NS_PER_MS);
    }
    static fromMillis(ms, nanosInSecond = 0) {
        return new GoTime(BigInt(ms) * NS_PER_MS + BigInt(nanosInSecond));
    }
    date() {
        let ms = this.ns / NS_PER_MS;
        if (this.ns < 0n && this.ns % NS_PER_MS !== 0n)
            ms -= 1n;
        return new Date(Number(ms));
    }
    Year() {
        return this.date().getUTCFullYear();
    }
    Month() {
        return new GoMonth(this.date().getUTCMonth() + 1);
    }
    Day() {
        return this.date().getUTCDate();
    }
    Hour() {
        return this.date().getUTCHours();
    }
    Minute() {
        return this.date().getUTCMinutes();
    }
    Second() {
        return this.date().getUTCSeconds();
    }
    Nanosecond() {
        const r = Number(this.ns % 1000000000n);
        return r < 0 ? r + 1_000_000_000 : r;
    }
    Weekday() {
        return new GoWeekday(this.date().getUTCDay());
    }
    YearDay() {
        const d = this.date();
        return Math.round((utcMillis(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) - utcMillis(d.getUTCFullYear(), 1, 1)) / 86_400_000) + 1;
    }
    Unix() {
        const s = this.ns / 1000000000n;
        return Number(this.ns < 0n && this.ns % 1000000000n !== 0n ? s - 1n : s);
    }
    UnixMilli() {
        return this.date().getTime();
    }
    UnixNano() {
        return this.ns;
    }
    UTC() {
        return this;
    }
    Local() {
        return this;
    }
    /** Adds a time.Duration, which templates pass as an integer count of nanoseconds. */
    Add(d) {
        if (typeof d !== 'number' && typeof d !== 'bigint')
            throw new Error(`Add wants a duration in nanoseconds, got ${typeof d}`);
        return new GoTime(this.ns + BigInt(d));
    }
    AddDate(years, months, days) {
        for (const v of [years, months, days])
            if (typeof v !== 'number' || !Number.isInteger(v))
                throw new Error('AddDate wants three integers');
        const d = this.date();
        const ms = utcMillis(d.getUTCFullYear() + years, d.getUTCMonth() + 1 + months, d.getUTCDate() + days, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
        return GoTime.fromMillis(ms, this.Nanosecond());
    }
    Before(t) {
        return t instanceof GoTime && this.ns < t.ns;
    }
    After(t) {
        return t instanceof GoTime && this.ns > t.ns;
    }
    Equal(t) {
        return t instanceof GoTime && this.ns === t.ns;
    }
    Format(layout) {
        if (typeof layout !== 'string')
            throw new Error('Format wants a layout string');
        return formatTime(this, layout);
    }
    String() {
        return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
    }
}
/** Finds the next layout element at or after `i`, as Go's nextStdChunk does. */
function nextChunk(layout, i) {
    const starts = (s, at) => layout.startsWith(s, at);
    for (let j = i; j < layout.length; j++) {
        const c = layout[j];
        const hit = (chunk, len) => ({ at: j, chunk, len });
        switch (c) {
            case 'J':
                if (starts('January', j))
                    return hit('January', 7);
                if (starts('Jan', j))
                    return hit('Jan', 3);
                break;
            case 'M':
                if (starts('Monday', j))
                    return hit('Monday', 6);
                if (starts('Mon', j))
                    return hit('Mon', 3);
                if (starts('MST', j))
                    return hit('MST', 3);
                break;
            case '0':
                if (starts('002', j))
                    return hit('002', 3);
                if (/[1-6]/.test(layout[j + 1] ?? ''))
                    return hit(`0${layout[j + 1]}`, 2);
                break;
            case '1':
                if (starts('15', j))
                    return hit('15', 2);
                return hit('1', 1);
            case '2':
                if (starts('2006', j))
                    return hit('2006', 4);
                return hit('2', 1);
            case '_':
                if (starts('__2', j))
                    return hit('__2', 3);
                if (starts('_2', j))
                    return hit('_2', 2);
                break;
            case '3':
            case '4':
            case '5':
                return hit(c, 1);
            case 'P':
                if (starts('PM', j))
                    return hit('PM', 2);
                break;
            case 'p':
                if (starts('pm', j))
                    return hit('pm', 2);
                break;
            case '-':
            case 'Z':
                for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
                    if (starts(c + z, j))
                        return hit((c + z), 1 + z.length);
                }
                break;
            case '.':
            case ',': {
                const d = layout[j + 1];
                if ((d === '0' || d === '9') && j > 0) {
                    let k = j + 1;
                    while (layout[k] === d)
                        k++;
                    if (!/[0-9]/.test(layout[k] ?? ''))
                        return { at: j, chunk: { frac: k - j - 1, trim: d === '9' }, len: k - j };
                }
                break;
            }
        }
    }
    return undefined;
}
function formatZone(chunk) {
    if (chunk.startsWith('Z'))
        return 'Z';
    return `+${chunk.slice(1).replace(/7/g, '0')}`;
}
function formatTime(t, layout) {
    let out = '';
    let i = 0;
    const hour = t.Hour();
    for (;;) {
        const next = nextChunk(layout, i);
        if (!next)
            return out + layout.slice(i);
        out += layout.slice(i, next.at);
        i = next.at + next.len;
        const ch = next.chunk;
        if (typeof ch === 'object') {
            const digits = pad(t.Nanosecond(), 9).slice(0, ch.frac);
            const sep = layout[next.at];
            if (!ch.trim)
                out += sep + digits;
            else {
                const trimmed = digits.replace(/0+$/, '');
                if (trimmed !== '')
                    out += sep + trimmed;
            }
            continue;
        }
        switch (ch) {
            case 'January':
                out += t.Month().String();
                break;
            case 'Jan':
                out += t.Month().String().slice(0, 3);
                break;
            case '1':
                out += String(t.Month().n);
                break;
            case '01':
                out += pad(t.Month().n, 2);
                break;
            case 'Monday':
                out += t.Weekday().String();
                break;
            case 'Mon':
                out += t.Weekday().String().slice(0, 3);
                break;
            case '2':
                out += String(t.Day());
                break;
            case '_2':
                out += String(t.Day()).padStart(2, ' ');
                break;
            case '02':
                out += pad(t.Day(), 2);
                break;
            case '__2':
                out += String(t.YearDay()).padStart(3, ' ');
                break;
            case '002':
                out += pad(t.YearDay(), 3);
                break;
            case '15':
                out += pad(hour, 2);
                break;
            case '3':
                out += String(hour % 12 === 0 ? 12 : hour % 12);
                break;
            case '03':
                out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
                break;
            case '4':
                out += String(t.Minute());
                break;
            case '04':
                out += pad(t.Minute(), 2);
                break;
            case '5':
                out += String(t.Second());
                break;
            case '05':
                out += pad(t.Second(), 2);
                break;
            case '2006':
                out += pad(t.Year(), 4);
                break;
            case '06':
                out += pad(t.Year() % 100, 2);
                break;
            case 'PM':
                out += hour >= 12 ? 'PM' : 'AM';
                break;
            case 'pm':
                out += hour >= 12 ? 'pm' : 'am';
                break;
            case 'MST':
                out += 'UTC';
                break;
            default:
                out += formatZone(ch);
        }
    }
}
/** Go's time.Parse for the same layout elements; zone abbreviations and offsets are folded into UTC. */
function parseTime(layout, value) {
    const fail = (rest, elem) => {
        throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
    };
    let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offsetSec = 0;
    let pm;
    let i = 0;
    let v = value;
    const num = (elem, min, max, fixed) => {
        const m = (fixed ? new RegExp(`^[0-9]{${max}}`) : new RegExp(`^[0-9]{${min},${max}}`)).exec(v);
        if (!m)
            fail(v, elem);
        v = v.slice(m[0].length);
        return Number(m[0]);
    };
    const word = (elem, names) => {
        const idx = names.findIndex((n) => v.toLowerCase().startsWith(n.toLowerCase()));
        if (idx < 0)
            fail(v, elem);
        v = v.slice(names[idx].length);
        return idx;
    };
    for (;;) {
        const next = nextChunk(layout, i);
        const literal = layout.slice(i, next ? next.at : layout.length);
        if (!v.startsWith(literal))
            fail(v, literal);
        v = v.slice(literal.length);
        if (!next)
            break;
        i = next.at + next.len;
        const ch = next.chunk;
        const elem = layout.slice(next.at, i);
        if (typeof ch === 'object') {
            const m = /^[.,]([0-9]+)/.exec(v);
            if (!m) {
                if (ch.trim)
                    continue;
                fail(v, elem);
            }
            nanos = Number(m[1].slice(0, 9).padEnd(9, '0'));
            v = v.slice(m[0].length);
            continue;
        }
        switch (ch) {
            case 'January':
                month = word(elem, MONTHS) + 1;
                break;
            case 'Jan':
                month =
                    word(elem, MONTHS.map((m) => m.slice(0, 3))) + 1;
                break;
            case '1':
                month = num(elem, 1, 2, false);
                break;
            case '01':
                month = num(elem, 2, 2, true);
                break;
            case 'Monday':
                word(elem, DAYS);
                break;
            case 'Mon':
                word(elem, DAYS.map((d) => d.slice(0, 3)));
                break;
            case '2':
                day = num(elem, 1, 2, false);
                break;
            case '_2':
                v = v.replace(/^ /, '');
                day = num(elem, 1, 2, false);
                break;
            case '02':
                day = num(elem, 2, 2, true);
                break;
            case '__2':
            case '002':
                num(elem, 1, 3, ch === '002');
                break;
            case '15':
                hour = num(elem, 1, 2, false);
                break;
            case '3':
                hour = num(elem, 1, 2, false);
                break;
            case '03':
                hour = num(elem, 2, 2, true);
                break;
            case '4':
                minute = num(elem, 1, 2, false);
                break;
            case '04':
                minute = num(elem, 2, 2, true);
                break;
            case '5':
            case '05': {
                second = ch === '5' ? num(elem, 1, 2, false) : num(elem, 2, 2, true);
                // Go accepts a fractional second after the seconds element even when the layout has none.
                const m = /^\.([0-9]+)/.exec(v);
                if (m && !(nextChunk(layout, i)?.at === i && typeof nextChunk(layout, i)?.chunk === 'object')) {
                    nanos = Number(m[1].slice(0, 9).padEnd(9, '0'));
                    v = v.slice(m[0].length);
                }
                break;
            }
            case '2006':
                year = num(elem, 4, 4, true);
                break;
            case '06': {
                const y = num(elem, 2, 2, true);
                year = y >= 69 ? 1900 + y : 2000 + y;
                break;
            }
            case 'PM':
            case 'pm': {
                const m = /^(AM|PM)/i.exec(v);
                if (!m)
                    fail(v, elem);
                pm = m[1].toUpperCase() === 'PM';
                v = v.slice(2);
                break;
            }
            case 'MST': {
                const m = /^(?:UTC|GMT|[A-Z]{3,5}|[+-][0-9]{2,4})/.exec(v);
                if (!m)
                    fail(v, elem);
                v = v.slice(m[0].length);
                break;
            }
            default: {
                if (ch.startsWith('Z') && v.startsWith('Z')) {
                    v = v.slice(1);
                    break;
                }
                const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(v);
                if (!m)
                    fail(v, elem);
                offsetSec = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
                v = v.slice(m[0].length);
            }
        }
    }
    if (v !== '')
        throw new Error(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(v)}`);
    if (pm !== undefined) {
        if (hour < 1 || hour > 12)
            throw new Error(`parsing time ${JSON.stringify(value)}: hour out of range`);
        if (pm && hour < 12)
            hour += 12;
        if (!pm && hour === 12)
            hour = 0;
    }
    const ranges = [
        [month, 1, 12, 'month'],
        [hour, 0, 23, 'hour'],
        [minute, 0, 59, 'minute'],
        [second, 0, 59, 'second'],
    ];
    for (const [n, lo, hi, what] of ranges)
        if (n < lo || n > hi)
            throw new Error(`parsing time ${JSON.stringify(value)}: ${what} out of range`);
    const daysInMonth = new Date(utcMillis(year, month + 1, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth)
        throw new Error(`parsing time ${JSON.stringify(value)}: day out of range`);
    return GoTime.fromMillis(utcMillis(year, month, day, hour, minute, second) - offsetSec * 1000, nanos);
}
/** time.Duration, for `.Sync.Interval` and `.Sync.RateLimit.Retry`: prints as Go does (`1h30m0s`, `500ms`). */
class GoDuration {
    seconds;
    constructor(seconds) {
        this.seconds = seconds;
    }
    String() {
        const ns = Math.round(this.seconds * 1e9);
        if (ns === 0)
            return '0s';
        const sign = ns < 0 ? '-' : '';
        let rest = Math.abs(ns);
        if (rest < 1e9) {
            const [unit, div] = rest < 1e3 ? ['ns', 1] : rest < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
            return `${sign}${rest / div}${unit}`;
        }
        const h = Math.floor(rest / 3.6e12);
        rest -= h * 3.6e12;
        const m = Math.floor(rest / 6e10);
        rest -= m * 6e10;
        const s = `${rest / 1e9}s`;
        if (h > 0)
            return `${sign}${h}h${m}m${s}`;
        if (m > 0)
            return `${sign}${m}m${s}`;
        return sign + s;
    }
}


/***/ }),

/***/ 53346:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ forEachAtMost),
/* harmony export */   z: () => (/* binding */ createLimiter)
/* harmony export */ });
// Bounded concurrency, the one way regkit runs many tasks: a counting semaphore (at most `n` tasks at once, the rest
// waiting in order) and a pool of `n` workers over a list.
function createLimiter(n) {
    if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`concurrency must be a whole number ≥ 1, got ${n}`);
    let running = 0;
    const waiting = [];
    // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    const release = () => {
        const next = waiting.shift();
        if (next)
            next();
        else
            running--;
    };
    return async (task) => {
        if (running < n)
            running++;
        else
            await new Promise((resolve) => waiting.push(resolve));
        try {
            return await task();
        }
        finally {
            release();
        }
    };
}
/**
 * `work` for each of `items`, at most `n` at a time, by `n` workers taking the next item as they finish: unlike
 * `createLimiter` over a map, an item not yet started costs nothing, so the state a run holds stays bounded by `n`.
 */
async function forEachAtMost(items, n, work) {
    if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`concurrency must be a whole number ≥ 1, got ${n}`);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            await work(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}


/***/ }),

/***/ 6671:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ positionText),
/* harmony export */   Sb: () => (/* binding */ Secrets),
/* harmony export */   w$: () => (/* binding */ splitPosition),
/* harmony export */   xx: () => (/* binding */ atPosition)
/* harmony export */ });
/* unused harmony export silentLogger */
// The core never prints: it logs through this interface, which each face implements (console, @actions/core, tests).
const silentLogger = {
    debug() { },
    info() { },
    warn() { },
    error() { },
};
/**
 * Every credential value a run learns, in each form it travels in: as typed, base64 (alone, and `user:pass` as a
 * Basic header carries it), URL-encoded (a query, a form body) and JSON-escaped (a JSON log line). The face creates
 * one per run and passes it down; each layer adds a value the moment it learns it, before it is sent anywhere, and
 * the face masks everything it prints with it. Not a module-level set: two runs in one process share nothing.
 */
class Secrets {
    forms = new Set();
    listeners = [];
    /** Longest first, so a form that contains another is hidden whole. */
    ordered;
    /** A password, token or key. Empty and absent values are ignored. */
    add(value) {
        if (value === undefined || value === '')
            return;
        const lines = value.includes('\n')
            ? value
                .split(/\r?\n/)
                .map((l) => l.trim())
                .filter((l) => l.length >= MIN_LINE_LENGTH)
            : [];
        for (const v of [value, ...lines])
            this.addForms([v, base64(v).replace(/=+$/, ''), encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2), JSON.stringify(v).slice(1, -1)]);
    }
    /** A Basic credential: the password as `add`, and `user:pass` as the `Authorization` header encodes it. */
    addBasic(username, password) {
        this.add(password);
        if (password === '')
            return;
        // The header value, and as a query or a log line carrying it URL-encoded would spell it.
        const header = base64(`${username}:${password}`).replace(/=+$/, '');
        this.addForms([header, encodeURIComponent(header)]);
    }
    /** Called for every form known now and each one added later: the action face hands them to the runner's masking. */
    onForm(listener) {
        this.listeners.push(listener);
        for (const form of this.forms)
            listener(form);
    }
    redact(text) {
        if (this.forms.size === 0 || text === '')
            return text;
        this.ordered ??= [...this.forms].sort((a, b) => b.length - a.length);
        return this.ordered.reduce((out, form) => (out.includes(form) ? out.split(form).join(REDACTED) : out), text);
    }
    /** Every string inside plain data (results, outputs) redacted, the rest kept: masked before a renderer escapes it. */
    redactData(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((v) => this.redactData(v));
        if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactData(v)]));
        }
        return value;
    }
    /** Bytes printed as stored (a manifest) pass unchanged unless they hold a secret: then as redacted text. */
    redactBytes(bytes) {
        const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (const form of this.forms)
            if (buf.includes(form))
                return Buffer.from(this.redact(buf.toString('utf8')));
        return bytes;
    }
    addForms(forms) {
        for (const form of forms) {
            if (form === '' || this.forms.has(form))
                continue;
            this.forms.add(form);
            this.ordered = undefined;
            for (const listener of this.listeners)
                listener(form);
        }
    }
}
const REDACTED = '***';
/** Lines of a multi-line secret (a key file) shorter than this are not masked alone: `}` would hide every brace. */
const MIN_LINE_LENGTH = 8;
function base64(text) {
    return Buffer.from(text, 'utf8').toString('base64');
}
/**
 * Log fields saying where a message points. Faces render it their way: the CLI as `file:line:col: message`, the
 * action as an annotation with `file`, `line` and `col`, so it shows on the pull request's diff.
 */
function atPosition(position) {
    return { at: position };
}
/** The position `atPosition` put in the fields, and the other fields. */
function splitPosition(fields) {
    const at = fields?.['at'];
    if (at === null || typeof at !== 'object' || typeof at.file !== 'string')
        return { position: undefined, rest: fields };
    const { at: _at, ...rest } = fields;
    return { position: at, rest };
}
/** `file:line:col`, as far as known. */
function positionText(p) {
    return p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
}


/***/ }),

/***/ 6559:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ DigestVerifier),
/* harmony export */   RV: () => (/* binding */ verifyBytes),
/* harmony export */   g4: () => (/* binding */ digestAlgorithm),
/* harmony export */   ol: () => (/* binding */ digestOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27406);
/* harmony import */ var _spent_buffers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17291);
// Digests (OCI image spec, descriptor.md "Digests"): sha256 and sha512, computed over exact bytes or while streaming.




function digestAlgorithm(digest) {
    const alg = digest.slice(0, digest.indexOf(':'));
    if (alg === 'sha256' || alg === 'sha512')
        return alg;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`unsupported digest algorithm in "${digest}": only sha256 and sha512 are supported`);
}
function digestOf(bytes, alg = 'sha256') {
    return `${alg}:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(alg).update(bytes).digest('hex')}`;
}
function verifyBytes(bytes, expected, what) {
    const actual = digestOf(bytes, digestAlgorithm(expected));
    if (actual !== expected)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestMismatchError */ .h(expected, actual, what);
}
/**
 * A pass-through stream that hashes what flows and fails at the end when the digest or size is wrong. The error is
 * raised before the last byte is released downstream, so an upload fed by it never completes with bad content.
 */
class DigestVerifier extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Transform {
    expected;
    expectedSize;
    what;
    release;
    hash;
    seen = 0;
    held;
    constructor(expected, expectedSize, what, 
    /** Told of each chunk once it is hashed, so a long stream does not pile up spent buffers. */
    release = _spent_buffers_js__WEBPACK_IMPORTED_MODULE_3__/* .KEEP_SPENT */ .x) {
        super();
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.what = what;
        this.release = release;
        this.hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(digestAlgorithm(expected));
    }
    _transform(chunk, _enc, done) {
        this.seen += chunk.length;
        if (this.expectedSize !== undefined && this.seen > this.expectedSize) {
            done(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestMismatchError */ .h(this.expected, `more than ${this.expectedSize} bytes`, this.what));
            return;
        }
        this.hash.update(chunk);
        this.release.spent(chunk.length);
        // Hold the latest chunk back so a mismatch found at the end still stops the consumer short of the full body.
        const out = this.held;
        this.held = chunk;
        if (out)
            this.push(out);
        done();
    }
    _flush(done) {
        const actual = `${digestAlgorithm(this.expected)}:${this.hash.digest('hex')}`;
        if (this.expectedSize !== undefined && this.seen !== this.expectedSize) {
            done(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestMismatchError */ .h(this.expected, `${this.seen} bytes where ${this.expectedSize} were expected`, this.what, true));
            return;
        }
        if (actual !== this.expected) {
            done(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DigestMismatchError */ .h(this.expected, actual, this.what));
            return;
        }
        if (this.held)
            this.push(this.held);
        done();
    }
    get bytesSeen() {
        return this.seen;
    }
}


/***/ }),

/***/ 62262:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ parseManifest),
/* harmony export */   a: () => (/* binding */ referencedDescriptors)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93662);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37287);
// The shapes of manifests, indexes and image configs (OCI image spec 1.1 and Docker schema 2), and parsing bytes into them.



function parseManifest(bytes, contentType) {
    let json;
    try {
        json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidContentError */ .JW(`manifest is not valid JSON: ${err.message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidContentError */ .JW('manifest is not a JSON object');
    const obj = json;
    // The body's own mediaType wins over the header: some registries answer application/json.
    const declared = typeof obj['mediaType'] === 'string' ? obj['mediaType'] : undefined;
    const headerType = contentType?.split(';')[0]?.trim();
    let mediaType = declared ?? headerType ?? '';
    if (!(0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(mediaType) && !(0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isImageMediaType */ .Yc)(mediaType) && declared === undefined) {
        // OCI allows mediaType to be absent; the structure decides.
        if (Array.isArray(obj['manifests']))
            mediaType = 'application/vnd.oci.image.index.v1+json';
        else if (typeof obj['config'] === 'object' && Array.isArray(obj['layers']))
            mediaType = 'application/vnd.oci.image.manifest.v1+json';
    }
    if ((0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(mediaType)) {
        if (!Array.isArray(obj['manifests']))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidContentError */ .JW(`index (${mediaType}) has no manifests array`);
        const index = json;
        checkDigests(mediaType, [...index.manifests, index.subject]);
        return { kind: 'index', mediaType, bytes, index };
    }
    if ((0,_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isImageMediaType */ .Yc)(mediaType)) {
        if (typeof obj['config'] !== 'object' || !Array.isArray(obj['layers']))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidContentError */ .JW(`image manifest (${mediaType}) needs config and layers`);
        const manifest = json;
        checkDigests(mediaType, [manifest.config, ...manifest.layers, manifest.subject]);
        return { kind: 'image', mediaType, bytes, manifest };
    }
    return { kind: 'other', mediaType, bytes, json };
}
/**
 * Every digest a manifest points at becomes a blob or manifest URL, or a file name in a layout: one that is not
 * `sha256:<64 hex>`/`sha512:<128 hex>` fails the manifest before anything is fetched or written for it.
 */
function checkDigests(mediaType, descriptors) {
    for (const d of descriptors) {
        if (d === undefined)
            continue;
        const digest = d?.digest;
        const problem = typeof digest === 'string' ? (0,_names_js__WEBPACK_IMPORTED_MODULE_2__/* .digestProblem */ .WQ)(digest) : 'is not a string';
        if (problem !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidContentError */ .JW(`${mediaType} lists the digest ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteName */ .AB)(digest)}, which ${problem}; nothing was read or written for it`);
    }
}
/** Every descriptor a manifest points at directly: children of an index, or config and layers of an image. */
function referencedDescriptors(m) {
    if (m.kind === 'index')
        return m.index.manifests;
    if (m.kind === 'image')
        return [m.manifest.config, ...m.manifest.layers];
    return [];
}


/***/ }),

/***/ 93662:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ isIndexMediaType),
/* harmony export */   $T: () => (/* binding */ MANIFEST_MEDIA_TYPES),
/* harmony export */   Yc: () => (/* binding */ isImageMediaType),
/* harmony export */   pE: () => (/* binding */ isExternalLayerMediaType),
/* harmony export */   zu: () => (/* binding */ MediaType)
/* harmony export */ });
/* unused harmony exports INDEX_MEDIA_TYPES, IMAGE_MEDIA_TYPES */
const MediaType = {
    OciManifest: 'application/vnd.oci.image.manifest.v1+json',
    OciIndex: 'application/vnd.oci.image.index.v1+json',
    OciConfig: 'application/vnd.oci.image.config.v1+json',
    OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    OciLayer: 'application/vnd.oci.image.layer.v1.tar',
    OciLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    OciLayerNondistributableGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
    OciEmpty: 'application/vnd.oci.empty.v1+json',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json',
    DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    DockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
    DockerManifestV1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
    DockerManifestV1: 'application/vnd.docker.distribution.manifest.v1+json',
};
const INDEX_MEDIA_TYPES = [MediaType.OciIndex, MediaType.DockerManifestList];
const IMAGE_MEDIA_TYPES = [MediaType.OciManifest, MediaType.DockerManifest];
/** Every manifest type a registry may hold; sent as `Accept` so no registry falls back to schema 1. */
const MANIFEST_MEDIA_TYPES = [
    MediaType.OciIndex,
    MediaType.DockerManifestList,
    MediaType.OciManifest,
    MediaType.DockerManifest,
    MediaType.DockerManifestV1Signed,
    MediaType.DockerManifestV1,
];
function isIndexMediaType(mt) {
    return mt !== undefined && INDEX_MEDIA_TYPES.includes(mt);
}
function isImageMediaType(mt) {
    return mt !== undefined && IMAGE_MEDIA_TYPES.includes(mt);
}
/** Foreign and non-distributable layers are not copied unless the user asks (`--include-external`). */
function isExternalLayerMediaType(mt) {
    return mt.includes('.foreign.') || mt.includes('.nondistributable.');
}


/***/ }),

/***/ 37287:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ED: () => (/* binding */ parseTag),
/* harmony export */   Ki: () => (/* binding */ repositoryProblem),
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   WQ: () => (/* binding */ digestProblem),
/* harmony export */   bB: () => (/* binding */ parseTagOrDigest),
/* harmony export */   fH: () => (/* binding */ isValidDigest),
/* harmony export */   m: () => (/* binding */ parseDigest),
/* harmony export */   qH: () => (/* binding */ tagProblem),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
// The names of the OCI distribution spec grammar (spec.md "Pulling manifests"): tags, repository names and digests.
// One rule each, asked by reference parsing (names typed by the operator) and by every store and engine that takes a
// name from a registry, a layout or an archive: such a name is parsed here before any URL or path is built from it.

const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const REPOSITORY_MAX_LENGTH = 255;
function isValidTag(value) {
    return TAG_RE.test(value);
}
function isValidDigest(value) {
    return DIGEST_RE.test(value);
}
/** Why `value` is not a tag (`must match …`), or undefined when it is one. */
function tagProblem(value) {
    return TAG_RE.test(value) ? undefined : 'must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}';
}
/** Why `value` is not a digest (`is not …`), or undefined when it is one. */
function digestProblem(value) {
    return DIGEST_RE.test(value) ? undefined : 'is not sha256:<64 hex> or sha512:<128 hex> (lowercase hex)';
}
/** Why `value` is not a repository name, or undefined when it is one. */
function repositoryProblem(value) {
    const parts = value.split('/');
    if (parts.some((p) => p === ''))
        return 'the repository path has an empty component';
    for (const p of parts) {
        if (p !== p.toLowerCase())
            return `repository "${value}" must be lowercase`;
        if (!COMPONENT_RE.test(p))
            return `repository component "${p}" may hold only a-z, 0-9 and single separators (. _ __ -)`;
    }
    if (value.length > REPOSITORY_MAX_LENGTH)
        return `the repository name is longer than ${REPOSITORY_MAX_LENGTH} characters`;
    return undefined;
}
const PROBLEMS = { tag: tagProblem, repository: repositoryProblem, digest: digestProblem };
/** Parses a name that came from `source` (a registry and repository, a layout, an archive); throws InvalidNameError. */
function parseName(kind, value, source) {
    if (typeof value !== 'string')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidNameError */ .Tw(kind, value, source, 'is not a string');
    const problem = PROBLEMS[kind](value);
    if (problem !== undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidNameError */ .Tw(kind, value, source, problem);
    return value;
}
function parseTag(value, source) {
    return parseName('tag', value, source);
}
function parseRepository(value, source) {
    return parseName('repository', value, source);
}
function parseDigest(value, source) {
    return parseName('digest', value, source);
}
/** A manifest reference is a tag or a digest, told apart by the colon a tag cannot hold. */
function parseTagOrDigest(value, source) {
    return typeof value === 'string' && value.includes(':') ? parseDigest(value, source) : parseTag(value, source);
}


/***/ }),

/***/ 23856:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   Y8: () => (/* binding */ parsePlatform),
/* harmony export */   hJ: () => (/* binding */ localPlatform),
/* harmony export */   kD: () => (/* binding */ choosePlatforms),
/* harmony export */   md: () => (/* binding */ selectPlatform)
/* harmony export */ });
/* unused harmony exports normalizePlatform, platformMatches, compatiblePlatforms */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
// Platforms as users write them (`linux/arm64`, `linux/arm/v7`, `windows/amd64,osver=10.0.17763`, `local`) and
// choosing one child of an index the way containerd's `platforms.Only` matcher does.

const PART_RE = /^[a-z0-9_.-]+$/i;
/** Node's `process.arch` and `process.platform` in OCI terms (image-spec config.md, Go's GOARCH/GOOS values). */
const NODE_ARCH = {
    x64: { architecture: 'amd64' },
    arm64: { architecture: 'arm64', variant: 'v8' },
    ia32: { architecture: '386' },
    ppc64: { architecture: 'ppc64le' },
    s390x: { architecture: 's390x' },
    riscv64: { architecture: 'riscv64' },
    loong64: { architecture: 'loong64' },
    mips: { architecture: 'mips' },
    mipsel: { architecture: 'mipsle' },
};
const NODE_OS = { win32: 'windows', sunos: 'solaris' };
/** The platform this process runs on; `armVersion` is Node's `process.config.variables.arm_version` on 32-bit ARM. */
function localPlatform(nodePlatform = process.platform, nodeArch = process.arch, armVersion) {
    const os = NODE_OS[nodePlatform] ?? nodePlatform;
    if (nodeArch === 'arm') {
        const v = armVersion ?? String(process.config.variables['arm_version'] ?? '7');
        return { os, architecture: 'arm', variant: `v${v.replace(/^v/, '')}` };
    }
    const arch = NODE_ARCH[nodeArch] ?? { architecture: nodeArch };
    return { os, ...arch };
}
/** `os/arch[/variant][,osver=<version>]` or `local`. */
function parsePlatform(input) {
    const s = input.trim();
    if (s === 'local')
        return localPlatform();
    const [main = '', ...options] = s.split(',');
    const parts = main.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !PART_RE.test(p))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`invalid platform "${input}": expected OS/ARCH[/VARIANT][,osver=VERSION] (for example linux/arm64 or linux/arm/v7) or "local"`);
    }
    const platform = { os: parts[0].toLowerCase(), architecture: parts[1].toLowerCase() };
    if (parts[2] !== undefined)
        platform.variant = parts[2].toLowerCase();
    for (const opt of options) {
        const m = /^osver=([0-9A-Za-z._-]+)$/.exec(opt);
        if (!m)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`invalid platform "${input}": unknown option "${opt}", only osver=VERSION is supported`);
        platform['os.version'] = m[1];
    }
    return platform;
}
function formatPlatform(p) {
    const base = `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
    return p['os.version'] ? `${base},osver=${p['os.version']}` : base;
}
/**
 * The canonical form used for comparison (containerd `platforms.Normalize`): aliases folded, and the default variant
 * of an architecture dropped (`arm64/v8` → `arm64`, `amd64/v1` → `amd64`) or made explicit (`arm` → `arm/v7`).
 */
function normalizePlatform(p) {
    const os = p.os.toLowerCase() === 'macos' ? 'darwin' : p.os.toLowerCase();
    let architecture = p.architecture.toLowerCase();
    let variant = p.variant?.toLowerCase() ?? '';
    switch (architecture) {
        case 'i386':
            architecture = '386';
            variant = '';
            break;
        case 'x86_64':
        case 'x86-64':
        case 'amd64':
            architecture = 'amd64';
            if (variant === 'v1')
                variant = '';
            break;
        case 'aarch64':
        case 'arm64':
            architecture = 'arm64';
            if (variant === '8' || variant === 'v8')
                variant = '';
            break;
        case 'armhf':
            architecture = 'arm';
            variant = 'v7';
            break;
        case 'armel':
            architecture = 'arm';
            variant = 'v6';
            break;
        case 'arm':
            if (variant === '' || variant === '7')
                variant = 'v7';
            else if (/^[5-8]$/.test(variant))
                variant = `v${variant}`;
            break;
    }
    const out = { os, architecture };
    if (variant !== '')
        out.variant = variant;
    if (p['os.version'])
        out['os.version'] = p['os.version'];
    if (p['os.features'])
        out['os.features'] = p['os.features'];
    if (p.features)
        out.features = p.features;
    return out;
}
/**
 * True when `have` is the platform asked for. When `want` names an `os.version`, `have` must carry that version or a
 * longer one that starts with it (`10.0.17763` matches `10.0.17763.5458`), which is how Windows builds are told apart.
 */
function platformMatches(want, have) {
    const w = normalizePlatform(want);
    const h = normalizePlatform(have);
    if (w.os !== h.os || w.architecture !== h.architecture || (w.variant ?? '') !== (h.variant ?? ''))
        return false;
    const wantVersion = w['os.version'];
    if (!wantVersion)
        return true;
    const haveVersion = h['os.version'] ?? '';
    return haveVersion === wantVersion || haveVersion.startsWith(`${wantVersion}.`);
}
function withVariant(p, architecture, variant) {
    const out = { ...p, architecture };
    if (variant)
        out.variant = variant;
    else
        delete out.variant;
    return out;
}
/**
 * Platforms a runner of `want` can execute, best first (containerd `platformVector`): older amd64 micro-architecture
 * levels then 386; older arm variants down to v5; arm64 minor versions downwards, then 32-bit arm.
 */
function compatiblePlatforms(want) {
    const p = normalizePlatform(want);
    const out = [p];
    const num = (v) => Number.parseInt((v ?? '').replace(/^v/, ''), 10);
    if (p.architecture === 'amd64') {
        for (let level = num(p.variant) - 1; level >= 1; level--)
            out.push(withVariant(p, 'amd64', level === 1 ? undefined : `v${level}`));
        out.push(withVariant(p, '386', undefined));
    }
    else if (p.architecture === 'arm') {
        for (let v = num(p.variant) - 1; v >= 5; v--)
            out.push(withVariant(p, 'arm', `v${v}`));
    }
    else if (p.architecture === 'arm64') {
        const m = /^v(\d+)(?:\.(\d+))?$/.exec(p.variant ?? 'v8');
        if (m) {
            let major = Number(m[1]);
            let minor = Number(m[2] ?? 0);
            const push = (maj, min) => {
                out.push(withVariant(p, 'arm64', maj === 8 && min === 0 ? undefined : min === 0 ? `v${maj}` : `v${maj}.${min}`));
            };
            if (major === 9) {
                for (let n = minor - 1; n >= 0; n--)
                    push(9, n);
                // v9.x diverged from v8.5, so v9.x runs what v8.(x+5) runs, up to v8.9.
                minor = Math.min(minor + 5, 9);
                major = 8;
                push(8, minor);
            }
            if (major === 8)
                for (let n = minor - 1; n >= 0; n--)
                    push(8, n);
        }
        out.push(...compatiblePlatforms(withVariant(p, 'arm', 'v8')));
    }
    return out;
}
/**
 * The child of an index that best runs on `want`: the earliest match in `compatiblePlatforms(want)`, ties broken by
 * index order (containerd `platforms.Only` + `Less`). Children without a platform (attestations) never match.
 */
function selectPlatform(manifests, want) {
    const vector = compatiblePlatforms(want);
    for (const candidate of vector) {
        const hit = manifests.find((d) => d.platform !== undefined && platformMatches(candidate, d.platform));
        if (hit)
            return hit;
    }
    return undefined;
}
/**
 * The children of an index a platform filter keeps, as the copy writes them: one platform asked for is the single
 * child that best runs it (copied as the image itself, the way `regctl image copy --platform` does); several keep each
 * child of one of them, in index order. `source` names the image in the error when none matches: a typo must turn
 * neither into an unfiltered copy nor into a verification of nothing.
 */
function choosePlatforms(children, wanted, source) {
    const wants = wanted.map((w) => parsePlatform(w));
    if (wants.length === 1) {
        const chosen = selectPlatform(children, wants[0]);
        if (chosen)
            return { single: chosen };
    }
    else {
        const kept = children.filter((d) => d.platform !== undefined && wants.some((w) => platformMatches(w, d.platform)));
        if (kept.length > 0)
            return { kept };
    }
    const have = children.filter((d) => d.platform).map((d) => formatPlatform(d.platform));
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${source} has no manifest for ${wanted.join(', ')}; it has: ${have.join(', ') || 'no platforms listed'}`);
}


/***/ }),

/***/ 84974:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ OCIDIR_SCHEME),
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Kq: () => (/* binding */ repositoryKey),
/* harmony export */   Qd: () => (/* binding */ apiHostFor),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   Rd: () => (/* binding */ withTag),
/* harmony export */   TZ: () => (/* binding */ parseRegistryHost),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   cJ: () => (/* binding */ sameRegistry),
/* harmony export */   fH: () => (/* reexport safe */ _names_js__WEBPACK_IMPORTED_MODULE_1__.fH),
/* harmony export */   hQ: () => (/* binding */ withDigest),
/* harmony export */   r_: () => (/* reexport safe */ _names_js__WEBPACK_IMPORTED_MODULE_1__.r_)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37287);
// Image references: `HOST[:PORT]/REPO[:TAG][@DIGEST]` with Docker Hub normalization, and `ocidir://PATH[:TAG][@DIGEST]`.
// Parsed once at the edge; everything below works on the Reference type.



const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
const OCIDIR_SCHEME = 'ocidir://';
const HOST_RE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::[0-9]{1,5})?$/;
function fail(input, what) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`invalid reference "${input}": ${what}`);
}
/** A first path component names a registry only when it could not be a Hub namespace (as docker and regclient decide). */
function looksLikeHost(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[') || component !== component.toLowerCase();
}
function splitTagDigest(input, rest) {
    let name = rest;
    let digest;
    const at = name.indexOf('@');
    if (at >= 0) {
        digest = name.slice(at + 1);
        name = name.slice(0, at);
        const problem = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .digestProblem */ .WQ)(digest);
        if (problem !== undefined)
            fail(input, `digest "${digest}" ${problem}`);
    }
    let tag;
    const colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/') && !name.slice(colon).includes(']')) {
        tag = name.slice(colon + 1);
        name = name.slice(0, colon);
        const problem = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .tagProblem */ .qH)(tag);
        if (problem !== undefined)
            fail(input, `tag "${tag}" ${problem}`);
    }
    return { name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
/**
 * Parses a reference. A registry reference without tag or digest gets `latest` unless `repositoryOnly`
 * is set (for commands that take a repository, such as `tag ls`).
 */
function parseReference(input, opts = {}) {
    const trimmed = input.trim();
    if (trimmed === '')
        fail(input, 'empty');
    if (/\s/.test(trimmed))
        fail(input, 'contains white space');
    if (trimmed.startsWith(OCIDIR_SCHEME))
        return parseOcidir(input, trimmed.slice(OCIDIR_SCHEME.length));
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
        fail(input, 'only ocidir:// is a supported scheme; write registry references without one');
    const { name, tag, digest } = splitTagDigest(input, trimmed);
    const parts = name.split('/');
    let registry = DOCKER_HUB;
    if (parts.length > 1 && looksLikeHost(parts[0])) {
        registry = parts.shift();
        if (!HOST_RE.test(registry))
            fail(input, `registry "${registry}" is not a valid host[:port]`);
        if (DOCKER_HUB_ALIASES.has(registry.toLowerCase()))
            registry = DOCKER_HUB;
    }
    if (registry === DOCKER_HUB && parts.length === 1)
        parts.unshift('library');
    const repository = parts.join('/');
    const problem = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .repositoryProblem */ .Ki)(repository);
    if (problem !== undefined)
        fail(input, problem);
    const withDefault = tag === undefined && digest === undefined && !opts.repositoryOnly ? 'latest' : tag;
    return {
        scheme: 'registry',
        registry,
        repository,
        ...(withDefault !== undefined ? { tag: withDefault } : {}),
        ...(digest !== undefined ? { digest } : {}),
    };
}
function parseOcidir(input, rest) {
    const { name, tag, digest } = splitTagDigest(input, rest);
    if (name === '')
        fail(input, 'ocidir:// needs a directory path');
    return { scheme: 'ocidir', path: name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
/** Parses a registry host as given to `repo ls` or `--host reg=`: `HOST[:PORT]`, Hub aliases folded to docker.io. */
function parseRegistryHost(input) {
    const host = input.trim().replace(/\/+$/, '');
    if (!HOST_RE.test(host))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`invalid registry host "${input}": expected HOST[:PORT]`);
    return DOCKER_HUB_ALIASES.has(host.toLowerCase()) ? DOCKER_HUB : host;
}
/** The host that serves the registry API (`registry-1.docker.io` for Docker Hub). */
function apiHostFor(registry) {
    return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}
function formatReference(ref) {
    const base = ref.scheme === 'ocidir' ? `${OCIDIR_SCHEME}${ref.path}` : `${ref.registry}/${ref.repository}`;
    return `${base}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
/** The repository part alone: what tag lists, blob mounts and locks are keyed by. */
function repositoryOf(ref) {
    return ref.scheme === 'ocidir' ? { scheme: 'ocidir', path: ref.path } : { scheme: 'registry', registry: ref.registry, repository: ref.repository };
}
function repositoryKey(ref) {
    return formatReference(repositoryOf(ref));
}
function withTag(ref, tag) {
    const { digest: _d, tag: _t, ...base } = ref;
    return { ...base, tag };
}
function withDigest(ref, digest) {
    const { digest: _d, tag: _t, ...base } = ref;
    return { ...base, digest };
}
/** Registry references to one repository of one registry: where a blob can be mounted instead of moved. */
function sameRegistry(a, b) {
    return a.scheme === 'registry' && b.scheme === 'registry' && a.registry === b.registry;
}
function sameRepository(a, b) {
    return repositoryKey(a) === repositoryKey(b);
}


/***/ }),

/***/ 74597:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ readUpTo)
/* harmony export */ });
/** Reads up to `limit` bytes; undefined (and the stream destroyed) as soon as it is longer. */
async function readUpTo(stream, limit) {
    const chunks = [];
    let total = 0;
    for await (const chunk of stream) {
        const buf = chunk;
        total += buf.length;
        if (total > limit) {
            stream.destroy();
            return undefined;
        }
        chunks.push(buf);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}


/***/ }),

/***/ 26830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ resultRecord),
/* harmony export */   v: () => (/* binding */ renderJsonLine)
/* harmony export */ });
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34123);
// Operation results as JSON lines (`--format json`): one object per operation, keys always present and in one order,
// so scripts can rely on the shape.

/** `details` as scripts have read them: the fields of its kind, without the kind. */
function detailsRecord(details) {
    const { kind: _kind, ...fields } = details;
    return fields;
}
function resultRecord(r) {
    return {
        op: r.op,
        source: r.source ? (0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .locationText */ .fN)(r.source) : null,
        target: r.target ? (0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .locationText */ .fN)(r.target) : null,
        status: r.status,
        digest: r.digest ?? null,
        bytes: r.bytes,
        reason: r.reason ?? null,
        platforms: r.platforms ?? null,
        blobs: r.blobs ? { copied: r.blobs.copied, skipped: r.blobs.skipped, mounted: r.blobs.mounted } : null,
        durationMs: r.durationMs ?? null,
        ...(r.details !== undefined ? { details: detailsRecord(r.details) } : {}),
    };
}
/** One result as one line, written as the operation ends. */
function renderJsonLine(r) {
    return `${JSON.stringify(resultRecord(r))}\n`;
}


/***/ }),

/***/ 91737:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G9: () => (/* binding */ TerminalProgress),
/* harmony export */   lb: () => (/* binding */ createProgressReporter)
/* harmony export */ });
/* unused harmony export DEFAULT_PROGRESS_INTERVAL_MS */
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24915);

const DEFAULT_PROGRESS_INTERVAL_MS = 5000;
function isComplete(p) {
    return p.blobsDone >= p.blobsTotal && p.bytesDone >= p.bytesTotal;
}
/** Time left at this rate, or nothing when the rate says nothing yet. */
function etaText(p, bytesPerSecond) {
    if (bytesPerSecond <= 0 || p.bytesDone >= p.bytesTotal)
        return undefined;
    return (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(((p.bytesTotal - p.bytesDone) / bytesPerSecond) * 1000);
}
function percentText(p) {
    return p.bytesTotal > 0 ? `${Math.floor((Math.min(p.bytesDone, p.bytesTotal) / p.bytesTotal) * 100)}%` : '';
}
function describe(p, bytesPerSecond) {
    const pct = p.bytesTotal > 0 ? ` (${percentText(p)})` : '';
    const eta = isComplete(p) ? undefined : etaText(p, bytesPerSecond);
    return `${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(p.bytesDone)} of ${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(p.bytesTotal)}${pct}, ${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(Math.round(bytesPerSecond))}/s${eta ? `, ${eta} left` : ''}, ${p.blobsDone}/${p.blobsTotal} blobs`;
}
/**
 * Returns the `onProgress` callback for the copy engine, for logs. Quick copies print nothing; an image that already
 * printed a line gets a last one when it completes.
 */
function createProgressReporter(emit, opts = {}) {
    const interval = opts.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
    const now = opts.now ?? Date.now;
    const images = new Map();
    return (p) => {
        const t = now();
        let state = images.get(p.image);
        if (!state) {
            state = { lastAt: t, lastBytes: 0, emitted: false, finished: false };
            images.set(p.image, state);
        }
        if (state.finished)
            return;
        const complete = isComplete(p);
        const due = t - state.lastAt >= interval;
        if (!(due || (complete && state.emitted)))
            return;
        const elapsed = Math.max(t - state.lastAt, 1);
        emit(p.image, describe(p, ((p.bytesDone - state.lastBytes) * 1000) / elapsed));
        state.lastAt = t;
        state.lastBytes = p.bytesDone;
        state.emitted = true;
        state.finished = complete;
    };
}
const ERASE_LINE = '\r\x1b[2K';
const UP = (n) => `\x1b[${n}A`;
/** Weight of the newest rate sample. */
const RATE_SMOOTHING = 0.3;
/**
 * Live progress on a terminal: one line per image still copying, redrawn in place. Anything else written to the same
 * terminal (a result line on stdout, a log line) goes through `around`, which lifts the lines off first and draws them
 * again after.
 */
class TerminalProgress {
    out;
    bars = new Map();
    drawn = 0;
    lastDraw = -Infinity;
    now;
    redrawMs;
    quietMs;
    constructor(out, opts = {}) {
        this.out = out;
        this.now = opts.now ?? Date.now;
        this.redrawMs = opts.redrawMs ?? 100;
        this.quietMs = opts.quietMs ?? 500;
    }
    /** The copy engine's `onProgress`. */
    update = (p) => {
        const t = this.now();
        const bar = this.bars.get(p.image);
        if (!bar) {
            this.bars.set(p.image, { progress: p, firstAt: t, sampleAt: t, sampleBytes: p.bytesDone, rate: 0 });
        }
        else {
            const dt = t - bar.sampleAt;
            if (dt > 0) {
                const sample = ((p.bytesDone - bar.sampleBytes) * 1000) / dt;
                bar.rate = bar.rate === 0 ? sample : bar.rate * (1 - RATE_SMOOTHING) + sample * RATE_SMOOTHING;
                bar.sampleAt = t;
                bar.sampleBytes = p.bytesDone;
            }
            bar.progress = p;
        }
        if (t - this.lastDraw >= this.redrawMs)
            this.draw();
    };
    /** An image's result is out: its line goes. */
    done(image) {
        if (this.bars.delete(image))
            this.around(() => undefined);
    }
    /** Runs `write` (which prints to the same terminal) with the progress lines lifted off, then draws them again. */
    around(write) {
        this.erase();
        write();
        this.draw();
    }
    /** Leaves the terminal as it was before the first line. */
    close() {
        this.erase();
        this.bars.clear();
    }
    visible() {
        const t = this.now();
        return [...this.bars.values()].filter((b) => t - b.firstAt >= this.quietMs && !isComplete(b.progress));
    }
    erase() {
        if (this.drawn === 0)
            return;
        this.out.write(`${ERASE_LINE}${`${UP(1)}${ERASE_LINE}`.repeat(this.drawn - 1)}`);
        this.drawn = 0;
    }
    draw() {
        this.lastDraw = this.now();
        // A pty that never had its size set reports 0 columns.
        const lines = this.visible().map((b) => barLine(b, this.out.columns || 80));
        if (lines.length === 0 && this.drawn === 0)
            return;
        this.erase();
        this.out.write(lines.join('\n'));
        this.drawn = lines.length;
    }
}
/** `IMAGE  123.4 MiB / 1.0 GiB  12%  40.0 MiB/s  ETA 21.5 s`, the image name shortened from the left to fit. */
function barLine(b, columns) {
    const p = b.progress;
    const eta = etaText(p, b.rate);
    const stats = [
        `${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(p.bytesDone)} / ${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(p.bytesTotal)}`,
        percentText(p),
        `${(0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(Math.round(b.rate))}/s`,
        eta ? `ETA ${eta}` : 'ETA -',
    ]
        .filter((s) => s !== '')
        .join('  ');
    const room = Math.max(columns - 1 - stats.length - 2, 8);
    const name = p.image.length <= room ? p.image : `…${p.image.slice(p.image.length - room + 1)}`;
    return `${name}  ${stats}`.slice(0, Math.max(columns - 1, 1));
}


/***/ }),

/***/ 34123:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   FR: () => (/* binding */ failsRun),
/* harmony export */   fN: () => (/* binding */ locationText),
/* harmony export */   p4: () => (/* binding */ emptyBlobCounts),
/* harmony export */   pM: () => (/* binding */ githubVersionIdsOf),
/* harmony export */   t3: () => (/* binding */ imageAt),
/* harmony export */   zQ: () => (/* binding */ versionNote)
/* harmony export */ });
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84974);
// The one result model. Engines return these; faces render them as text, JSON lines or a markdown job summary.

function imageAt(ref) {
    return { kind: 'image', ref };
}
function locationText(loc) {
    switch (loc.kind) {
        case 'image':
            return (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .formatReference */ .FH)(loc.ref);
        case 'file':
            return loc.tag === undefined ? loc.path : `${loc.path}:${loc.tag}`;
        case 'registry':
            return loc.path ? `${loc.host}/${loc.path}` : loc.host;
        case 'rule':
            return loc.name;
    }
}
/** The GitHub Packages version ids a delete removed (`details.githubVersionIds`): what `regkit image restore` takes. */
function githubVersionIdsOf(r) {
    const d = r.details;
    return d !== undefined && 'githubVersionIds' in d ? (d.githubVersionIds ?? []) : [];
}
/** `(GitHub versions 1, 2)` after a delete that removed package versions; empty otherwise. */
function versionNote(r) {
    const ids = githubVersionIdsOf(r);
    return ids.length === 0 ? '' : `(GitHub version${ids.length === 1 ? '' : 's'} ${ids.join(', ')})`;
}
function emptyBlobCounts() {
    return { copied: 0, skipped: 0, mounted: 0 };
}
/**
 * What fails a run: an operation that failed, and an image a verify policy rejected (the mirror was asked for it and
 * it did not enter). The other operations still ran.
 */
function failsRun(r) {
    return r.status === 'failed' || r.status === 'rejected';
}
/** 0 when no operation fails the run (failsRun), 1 otherwise. */
function exitCodeOf(results) {
    return results.some(failsRun) ? 1 : 0;
}


/***/ }),

/***/ 74913:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AV: () => (/* binding */ renderTextLine),
/* harmony export */   N4: () => (/* binding */ tally),
/* harmony export */   _R: () => (/* binding */ renderTotals)
/* harmony export */ });
/* unused harmony exports routeOf, STATUS_ORDER */
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34123);
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24915);
// Operation results as text lines: what a person reads as a CLI run or an action log goes, one line as each
// operation ends, and the totals at the end.


/** `SOURCE → TARGET`, or the one side an operation has (a delete names only its target). */
function routeOf(r) {
    if (r.source !== undefined && r.target !== undefined)
        return `${(0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .locationText */ .fN)(r.source)} → ${(0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .locationText */ .fN)(r.target)}`;
    const one = r.target ?? r.source;
    return one ? (0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .locationText */ .fN)(one) : '';
}
/** Width of the longest status, `would-backup`: lines written one at a time still start their routes in one column. */
const STATUS_WIDTH = 12;
/** One operation: status, route, short digest, bytes, its own time, reason (on the same line). */
function renderTextLine(r) {
    const cells = [
        r.status.padEnd(STATUS_WIDTH),
        routeOf(r),
        r.digest === undefined ? '-' : (0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .shortDigest */ .VK)(r.digest),
        (0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(r.bytes),
        ...(r.durationMs === undefined ? [] : [(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(r.durationMs)]),
        ...(r.reason === undefined ? [] : [r.reason.replace(/\r?\n/g, ' ')]),
        ...((0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .versionNote */ .zQ)(r) === '' ? [] : [(0,_result_js__WEBPACK_IMPORTED_MODULE_0__/* .versionNote */ .zQ)(r)]),
    ];
    return `${cells.join('  ')}\n`;
}
const STATUS_ORDER = [
    'failed',
    'rejected',
    'copied',
    'would-copy',
    'backed-up',
    'would-backup',
    'deleted',
    'would-delete',
    'restored',
    'verified',
    'skipped',
    'excluded',
    'not-run',
];
function tally(results) {
    const n = new Map();
    let moved = 0;
    let toMove = 0;
    for (const r of results) {
        n.set(r.status, (n.get(r.status) ?? 0) + 1);
        if (r.status.startsWith('would-'))
            toMove += r.bytes;
        else
            moved += r.bytes;
    }
    return { operations: results.length, counts: STATUS_ORDER.filter((s) => n.has(s)).map((s) => [s, n.get(s)]), moved, toMove };
}
/** `12 operations: 1 failed, 3 copied, 8 skipped · 1.2 GiB moved · 41.0 s`: the line a run ends with. */
function renderTotals(results, durationMs) {
    const t = tally(results);
    const counts = t.counts.map(([s, n]) => `${n} ${s}`).join(', ');
    const parts = [`${t.operations} operation${t.operations === 1 ? '' : 's'}${counts ? `: ${counts}` : ''}`, `${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(t.moved)} moved`];
    if (t.toMove > 0)
        parts.push(`${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(t.toMove)} to move`);
    if (durationMs !== undefined)
        parts.push((0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(durationMs));
    return parts.join(' · ');
}


/***/ }),

/***/ 24915:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
// How sizes, durations and digests read to people: one spelling shared by the text report, the summary and progress.
const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];
/** Binary units, one decimal: `512 B`, `1.5 KiB`, `12.0 MiB`. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
/** `350 ms`, `4.2 s`, `3m05s`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
/** `sha256:` and the first 12 hex digits: enough to tell images apart in a table. */
function shortDigest(digest) {
    const colon = digest.indexOf(':');
    return colon < 0 ? digest : digest.slice(0, colon + 13);
}


/***/ }),

/***/ 32975:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   JO: () => (/* binding */ BODY_READ_ATTEMPTS),
/* harmony export */   XE: () => (/* binding */ classifyFailure),
/* harmony export */   a2: () => (/* binding */ retryDelay),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   xo: () => (/* binding */ classifyStatus)
/* harmony export */ });
/* unused harmony export parseRetryAfter */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
// The one retry rule: which failures are worth another try (`transient`), which are worth one more try with fresh
// credentials (`reauth`), and which will fail the same way again (`fatal`); and how long to wait before the next try.
// Every retry loop asks `classifyStatus` or `classifyFailure` here: the transport's request loop, whole-body reads
// (store/registry/http.ts) and blob streams (copy/blobs.ts). Exponential backoff with jitter (so parallel requests do
// not retry in lock-step), `Retry-After` honoured but capped. docs/troubleshooting.md states the budget below.

/** One request's budget in the transport: the first send and up to 5 more, while the status or error is transient. */
const DEFAULT_RETRY_POLICY = { retries: 5, baseDelayMs: 100, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };
/**
 * A body that broke off after its headers came in (a manifest, a list page, a blob stream) is read again from a new
 * request, up to this many reads in all; each of those requests has the transport's own budget.
 */
const BODY_READ_ATTEMPTS = 3;
// 408 timeout, 429 too many requests, and the 5xx that mean "not now": 500, 502, 503, 504. 501 Not Implemented and
// 505 HTTP Version Not Supported are answers about the request itself and come back the same every time.
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
// Connections that broke or stalled, before the headers or in the middle of a body. ECONNREFUSED and ENOTFOUND are
// left out on purpose: a host that is not there fails fast with a clear message.
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'ECONNABORTED',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CLOSED',
    // A body stream ended before its end: node's name for the same broken connection seen through a pipeline.
    'ERR_STREAM_PREMATURE_CLOSE',
]);
/** A registry's answer: 401 asks for (fresh) credentials; the statuses above are worth waiting for; the rest stand. */
function classifyStatus(status) {
    if (status === 401)
        return 'reauth';
    return TRANSIENT_STATUS.has(status) ? 'transient' : 'fatal';
}
/** The error's own `code`, or its cause's (undici wraps socket errors), a few levels down. */
function errorCode(err) {
    let e = err;
    for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
        const code = e.code;
        if (typeof code === 'string')
            return code;
        e = e.cause;
    }
    return undefined;
}
/**
 * Any failure: a RegistryError carries the class it was made with; a body that hashed short was cut off in transit
 * (a wrong hash or a body too long is what the server holds, and stays so); a network or stream error by its code;
 * anything else is fatal — an unforeseen error is a bug or a refusal, and repeating it only hides it.
 */
function classifyFailure(err) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl)
        return err.failure;
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DigestMismatchError */ .h)
        return err.truncated ? 'transient' : 'fatal';
    const code = errorCode(err);
    return code !== undefined && TRANSIENT_CODES.has(code) ? 'transient' : 'fatal';
}
/** Delay before retry number `attempt` (0-based): base·2^attempt with ±50 % jitter, capped. */
function backoffDelay(attempt, policy = DEFAULT_RETRY_POLICY, random = Math.random) {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.round(Math.min(policy.maxDelayMs, exp * (0.5 + random())));
}
/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); `undefined` when unusable. */
function parseRetryAfter(value, now = Date.now()) {
    const v = (Array.isArray(value) ? value[0] : value)?.trim();
    if (!v)
        return undefined;
    if (/^\d+$/.test(v))
        return Number(v) * 1000;
    const at = Date.parse(v);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - now);
}
function retryDelay(attempt, retryAfter, policy) {
    const fromHeader = parseRetryAfter(retryAfter);
    if (fromHeader !== undefined)
        return Math.min(fromHeader, policy.maxRetryAfterMs);
    return backoffDelay(attempt, policy);
}


/***/ }),

/***/ 17291:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ collectEvery),
/* harmony export */   x: () => (/* binding */ KEEP_SPENT)
/* harmony export */ });
// Every chunk a socket reads is a fresh buffer outside V8's heap. Once written on, it is garbage, but V8 collects it
// only when its young generation fills (a stream makes little of that) or when 64 MiB of such memory has piled up:
// a 1 GiB blob would hold the process at ~160 MB. A young-generation collection every few MiB streamed keeps the
// spent chunks at a few MiB; it takes well under a millisecond, since little in the young generation is alive.
// The collection itself comes from the entry point (runtime.ts), which alone may change how the process runs; what
// streams blobs is handed a `SpentChunks` and only counts.
const COLLECT_EVERY = 8 * 1024 * 1024;
/** For a process that was given no collection (a library caller, a test): V8 frees the chunks on its own schedule. */
const KEEP_SPENT = { spent: () => undefined };
/** Runs `collect` (a young-generation collection) once every `every` bytes reported spent. */
function collectEvery(collect, every = COLLECT_EVERY) {
    let sinceLast = 0;
    return {
        spent(bytes) {
            sinceLast += bytes;
            if (sinceLast < every)
                return;
            sinceLast = 0;
            collect();
        },
    };
}


/***/ }),

/***/ 7243:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ referenceNotFound),
/* harmony export */   h: () => (/* binding */ locationOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84974);
// "Not there" for any store, in one form: the copy engine, the commands and the layout store all say it this way, so
// `err.notFound` and the message agree whether the store is a registry (a real HTTP 404) or a directory (no status).


/** Where a reference lives, as a RegistryError names it. */
function locationOf(ref) {
    return ref.scheme === 'registry' ? { registry: ref.registry, repository: ref.repository } : { registry: `ocidir://${ref.path}`, repository: undefined };
}
/**
 * `ref` is not in its store. `codes`: the registry's error codes when a GET brought them (a HEAD answer has no body);
 * the hint's `tag ls` tells an unknown repository from an unknown tag.
 */
function referenceNotFound(ref, operation, codes = []) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl(`${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatReference */ .FH)(ref)} not found`, {
        ...(ref.scheme === 'registry' ? { status: 404 } : { status: undefined, absent: true }),
        ...locationOf(ref),
        operation,
        codes: [...codes],
        hint: ref.tag ? `check the repository and the tag (regkit tag ls ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatReference */ .FH)((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .repositoryOf */ ._M)(ref))})` : 'check the repository and the digest',
    });
}


/***/ }),

/***/ 27248:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DG: () => (/* binding */ TEMP_OWNER),
/* harmony export */   EP: () => (/* binding */ REF_NAME_ANNOTATION),
/* harmony export */   FD: () => (/* binding */ tempPathFor),
/* harmony export */   FI: () => (/* binding */ LOCK_FILE),
/* harmony export */   K$: () => (/* binding */ INDEX_FILE),
/* harmony export */   Kb: () => (/* binding */ makeDirectories),
/* harmony export */   MX: () => (/* binding */ TEMP_PREFIX),
/* harmony export */   XU: () => (/* binding */ readManifestBlob),
/* harmony export */   Y1: () => (/* binding */ readFileBounded),
/* harmony export */   Zf: () => (/* binding */ writeFileAtomic),
/* harmony export */   _4: () => (/* binding */ refNameOf),
/* harmony export */   _M: () => (/* binding */ writeIndex),
/* harmony export */   cO: () => (/* binding */ tagOf),
/* harmony export */   gW: () => (/* binding */ emptyIndex),
/* harmony export */   nD: () => (/* binding */ blobPath),
/* harmony export */   p0: () => (/* binding */ ensureLayout),
/* harmony export */   u2: () => (/* binding */ OCI_LAYOUT_FILE),
/* harmony export */   vY: () => (/* binding */ readIndex)
/* harmony export */ });
/* unused harmony export OCI_LAYOUT_CONTENT */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76760);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(93662);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(62262);
/* harmony import */ var _oci_names_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(37287);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(27406);
/* harmony import */ var _config_bounds_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(77675);
/* harmony import */ var _read_up_to_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(74597);
// The files of an OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, `blobs/<alg>/<hex>`.
// Every path is derived from a validated digest, so nothing outside the layout can be named; every write lands in a
// temp file inside the layout first and is renamed into place, so readers never see half a file.











const OCI_LAYOUT_FILE = 'oci-layout';
const INDEX_FILE = 'index.json';
const LOCK_FILE = 'index.json.lock';
const OCI_LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';
/** image-spec annotations.md: the tag of an entry of `index.json`. */
const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
/** Prefix of in-flight files; `gc` removes old ones, nothing else reads them. */
const TEMP_PREFIX = '.tmp-';
function blobPath(root, digest) {
    if (!(0,_oci_names_js__WEBPACK_IMPORTED_MODULE_7__/* .isValidDigest */ .fH)(digest))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .eb(`invalid digest "${digest}": expected sha256:<64 hex> or sha512:<128 hex>`);
    const colon = digest.indexOf(':');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'blobs', digest.slice(0, colon), digest.slice(colon + 1));
}
/** Host and process in a temp file's name, so the next opening of the layout can tell a dead writer's file. */
const TEMP_OWNER = `${(0,node_os__WEBPACK_IMPORTED_MODULE_3__.hostname)().replace(/[^A-Za-z0-9.-]/g, '_')}-${process.pid}`;
/** `.tmp-<host>-<pid>-<random>` beside the target. */
function tempPathFor(target) {
    const slash = target.lastIndexOf('/');
    return `${target.slice(0, slash + 1)}${TEMP_PREFIX}${TEMP_OWNER}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex')}`;
}
async function writeFileAtomic(target, data) {
    const tmp = tempPathFor(target);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(tmp, data, { flag: 'wx', flush: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, target);
    }
    catch (err) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(tmp).catch(() => undefined);
        throw err;
    }
}
function emptyIndex() {
    return { schemaVersion: 2, mediaType: _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_5__/* .MediaType */ .zu.OciIndex, manifests: [] };
}
/**
 * The one way a layout file is read into memory: cut as soon as it passes `limit`, so a huge or growing file fails
 * with its name and the bound instead of exhausting memory (or ending in V8's "Invalid string length").
 */
async function readFileBounded(file, limit, bound) {
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file, { highWaterMark: 256 * 1024 });
    try {
        const bytes = await (0,_read_up_to_js__WEBPACK_IMPORTED_MODULE_10__/* .readUpTo */ .V)(stream, limit);
        if (bytes === undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .FileLimitError */ .kn(file, `the file is larger than ${(0,_config_bounds_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(limit)}`, { setting: (0,_config_bounds_js__WEBPACK_IMPORTED_MODULE_9__/* .boundKey */ .o0)(bound), limit: (0,_config_bounds_js__WEBPACK_IMPORTED_MODULE_9__/* .formatBytes */ .z3)(limit) });
        return bytes;
    }
    finally {
        stream.destroy();
    }
}
/** The layout's `index.json`, or `undefined` when the directory is not (yet) a layout. */
async function readIndex(root, bounds = _config_bounds_js__WEBPACK_IMPORTED_MODULE_9__/* .DEFAULT_BOUNDS */ .oI) {
    let text;
    try {
        text = (await readFileBounded((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, INDEX_FILE), bounds.indexBytes, 'indexBytes')).toString('utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .eb(`${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, INDEX_FILE)} is not valid JSON (${err.message}); restore it or point regkit at another directory`);
    }
    const index = parsed;
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray(index.manifests)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .eb(`${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, INDEX_FILE)} has no "manifests" array; it is not an OCI image layout index`);
    }
    for (const d of index.manifests) {
        if (!(0,_oci_names_js__WEBPACK_IMPORTED_MODULE_7__/* .isValidDigest */ .fH)(d.digest))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .eb(`${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, INDEX_FILE)} lists an invalid digest "${d.digest}"`);
    }
    return index;
}
/** Creates `oci-layout` and `blobs/` when missing, so the directory is a layout from the first write on. */
/**
 * `mkdir -p` that always ends: Node's recursive mkdir loops forever when a parent refuses children with ENOENT (under
 * `/proc`, say), so each missing directory is made on its own, top down, and the first refusal is the answer.
 */
async function makeDirectories(dir) {
    const missing = [];
    for (let at = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.resolve)(dir);; at = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(at)) {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(at).catch((err) => {
            if (err.code === 'ENOENT')
                return undefined;
            throw err;
        });
        if (st) {
            if (!st.isDirectory())
                throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR', path: at });
            break;
        }
        missing.unshift(at);
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(at) === at)
            break;
    }
    for (const at of missing) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(at).catch((err) => {
            if (err.code === 'EEXIST')
                return;
            const why = err.code === 'ENOENT' ? `${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(at)} does not take new directories (ENOENT)` : (0,_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .fileProblem */ .Wj)(at, err);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .eb(`cannot create the directory ${at}: ${why}; give a path where this user may create directories`);
        });
    }
}
async function ensureLayout(root) {
    await makeDirectories((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, 'blobs'));
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, OCI_LAYOUT_FILE);
    const tmp = tempPathFor(target);
    // link() creates the name only if it is absent, so a concurrent reader sees no file or the whole file.
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(tmp, OCI_LAYOUT_CONTENT, { flag: 'wx' });
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(tmp, target);
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(tmp).catch(() => undefined);
    }
}
async function writeIndex(root, index) {
    await writeFileAtomic((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
}
/**
 * The entry's tag. An annotation that is not a valid tag names nothing: the entry counts as untagged, so no lookup,
 * listing or export ever uses that value (`listTags` reports it).
 */
function tagOf(d) {
    const name = refNameOf(d);
    return typeof name === 'string' && (0,_oci_names_js__WEBPACK_IMPORTED_MODULE_7__/* .isValidTag */ .r_)(name) ? name : undefined;
}
/** The raw `org.opencontainers.image.ref.name` annotation, as untrusted as the file it came from. */
function refNameOf(d) {
    return d.annotations?.[REF_NAME_ANNOTATION];
}
/** Reads and parses a manifest blob of the layout; `undefined` when the layout does not hold it (a sparse index). */
async function readManifestBlob(root, digest, bounds = _config_bounds_js__WEBPACK_IMPORTED_MODULE_9__/* .DEFAULT_BOUNDS */ .oI) {
    let bytes;
    try {
        bytes = await readFileBounded(blobPath(root, digest), bounds.manifestBytes, 'manifestBytes');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
    return (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_6__/* .parseManifest */ .N)(bytes);
}


/***/ }),

/***/ 66942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d7: () => (/* binding */ tagsIfAny),
/* harmony export */   j1: () => (/* binding */ listsUntagged),
/* harmony export */   vD: () => (/* binding */ canRestore)
/* harmony export */ });
/* unused harmony export isDeleteReceipt */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);

function isDeleteReceipt(value) {
    return typeof value === 'object' && value !== null && Array.isArray(value.githubVersionIds);
}
function canRestore(store) {
    return typeof store.restoreDeleted === 'function';
}
function listsUntagged(store) {
    return typeof store.listUntagged === 'function';
}
/**
 * The tags of a repository that may not exist yet, a sync's target: none when the store answers that it does not.
 * Anything else (a refusal, a broken page) is still an error.
 */
async function tagsIfAny(store, repo, opts) {
    try {
        return await store.listTags(repo, opts);
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl && err.notFound && err.operation === 'tag-list')
            return [];
        throw err;
    }
}


/***/ }),

/***/ 42440:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ tagsUsingDigest),
/* harmony export */   n: () => (/* binding */ describeTagUse)
/* harmony export */ });
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62262);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93662);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84974);
// Deleting a manifest by digest takes every tag on it, and breaks every index that lists it: before such a delete,
// `image delete`, a regbot script's `manifest.delete`/`image.delete` and prune's `protect` check all ask which tags
// still reach the digest, directly or as a child of the index they point at. Found by listing the repository's tags.



/** Tags looked at in parallel while searching for users of a digest. */
const TAG_CHECK_CONCURRENCY = 8;
/** The tags of `ref`'s repository that reach `digest`, sorted by tag. */
async function tagsUsingDigest(store, ref, digest, filter = {}) {
    const repo = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryOf */ ._M)(ref);
    const tags = (await store.listTags(repo)).filter((t) => !filter.skipTag?.(t));
    const uses = [];
    let next = 0;
    const worker = async () => {
        while (next < tags.length) {
            const tag = tags[next++];
            const head = await store.headManifest((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .withTag */ .Rd)(repo, tag));
            if (!head || filter.skipDigest?.(head.digest))
                continue;
            if (head.digest === digest) {
                uses.push({ tag });
            }
            else if ((0,_oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(head.mediaType)) {
                const fetched = await store.getManifest((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .withDigest */ .hQ)(repo, head.digest));
                const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .N)(fetched.bytes, fetched.mediaType);
                if (parsed.kind === 'index' && parsed.index.manifests.some((d) => d.digest === digest))
                    uses.push({ tag, throughIndex: head.digest });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(TAG_CHECK_CONCURRENCY, tags.length) }, worker));
    return uses.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
/** `tag`, or `tag (through its index sha256:…)`, as refusals name it. */
function describeTagUse(use) {
    return use.throughIndex === undefined ? use.tag : `${use.tag} (through its index ${use.throughIndex})`;
}


/***/ }),

/***/ 12155:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MI: () => (/* binding */ BUNDLE_ARTIFACT_TYPES),
/* harmony export */   lk: () => (/* binding */ KEYED_UNDER_KEYLESS),
/* harmony export */   t2: () => (/* binding */ KEYLESS_UNDER_KEYS),
/* harmony export */   tA: () => (/* binding */ verifyBundles),
/* harmony export */   wg: () => (/* binding */ trustedSigner)
/* harmony export */ });
/* unused harmony exports MAX_BUNDLE_BYTES, MAX_BUNDLES, MAX_EVIDENCE, verifyBundle */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61040);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19654);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(54187);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6559);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(62262);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(84974);
/* harmony import */ var _capped_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(78678);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(81345);
// sigstore bundles (cosign 3's default signature format): OCI 1.1 referrers of the image whose single layer is the
// bundle JSON. The sigstore libraries check the cryptography and the evidence against the trusted root; regkit checks
// what they leave to the caller: that the bundle names this very image (a message signature's digest, an in-toto
// statement's subject) and that its signer is one the policy trusts.









/** The artifact types cosign gives a bundle referrer (and, the same, the bundle layer's media type). */
const BUNDLE_ARTIFACT_TYPES = [
    'application/vnd.dev.sigstore.bundle.v0.3+json',
    'application/vnd.dev.sigstore.bundle+json;version=0.3',
];
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** A bundle is a few KiB (a certificate, a log entry, a signature): 1 MiB is far past any honest one. */
const MAX_BUNDLE_BYTES = 1024 * 1024;
/** Bundles read per image: one per signer or attestation; past this many the image is refused, not half-read. */
const MAX_BUNDLES = 64;
/** Log entries, timestamps and signatures read per bundle. */
const MAX_EVIDENCE = 8;
/**
 * Verifies the image `digest` of `repo` against the sigstore bundles that refer to it; undefined when none does.
 * Registry errors are thrown (the caller reports them as failures, not as a verdict).
 */
async function verifyBundles(store, repo, digest, policy) {
    const listed = await store.listReferrers((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_6__/* .withDigest */ .hQ)(repo, digest));
    const found = listed.filter((d) => d.artifactType !== undefined && BUNDLE_ARTIFACT_TYPES.includes(d.artifactType));
    if (found.length === 0)
        return undefined;
    if (found.length > MAX_BUNDLES) {
        return {
            ok: false,
            digest,
            reason: 'invalid-signature',
            message: `${found.length} sigstore bundles refer to ${digest}, more than the ${MAX_BUNDLES} read`,
        };
    }
    let manifest;
    const image = {
        digest,
        manifest: () => (manifest ??= store.getManifest((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_6__/* .withDigest */ .hQ)(repo, digest)).then((m) => {
            (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .verifyBytes */ .RV)(m.bytes, digest, `the manifest of ${digest}`);
            return m.bytes;
        })),
    };
    const rejections = [];
    // One at a time, stopping at the first that admits: memory holds one bundle, and a lone signature costs two reads.
    for (const desc of found) {
        const json = await readBundle(store, repo, desc);
        const v = 'problem' in json ? reject(digest, desc, 'invalid-signature', json.problem) : await verifyBundle(json.bundle, image, policy, desc);
        if (v.ok)
            return v;
        rejections.push(v);
    }
    return (0,_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .mostTelling */ .Ft)(rejections);
}
/** The bundle JSON a referrer manifest carries in its layer, or why it carries none. */
async function readBundle(store, repo, desc) {
    const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_5__/* .parseManifest */ .N)((await store.getManifest((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_6__/* .withDigest */ .hQ)(repo, desc.digest))).bytes);
    if (parsed.kind !== 'image')
        return { problem: 'is not an image manifest, as cosign writes a bundle referrer' };
    const layers = parsed.manifest.layers;
    const layer = layers.length === 1 ? layers[0] : layers.find((l) => BUNDLE_ARTIFACT_TYPES.includes(l.mediaType));
    if (!layer)
        return { problem: `has ${layers.length} layers and none of a sigstore bundle's media type` };
    if (layer.size > MAX_BUNDLE_BYTES)
        return { problem: `holds a bundle of ${layer.size} bytes, more than the ${MAX_BUNDLE_BYTES} read` };
    const bytes = await (0,_capped_js__WEBPACK_IMPORTED_MODULE_8__/* .readCapped */ .E)(await store.getBlob(repo, layer), MAX_BUNDLE_BYTES, `the bundle ${desc.digest}`);
    (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .verifyBytes */ .RV)(bytes, layer.digest, `the bundle layer of ${desc.digest}`);
    try {
        return { bundle: JSON.parse(bytes.toString('utf8')) };
    }
    catch {
        return { problem: 'holds a bundle that is not JSON' };
    }
}
function reject(digest, desc, reason, problem) {
    return { ok: false, digest, reason, message: `the sigstore bundle ${desc.digest} ${problem}` };
}
/**
 * One bundle's verdict on the image: its form, its content's binding to the image, its evidence and signature (the
 * sigstore verifier, against the trusted root and thresholds), then its signer against the policy.
 */
async function verifyBundle(json, image, policy, desc) {
    const no = (reason, problem) => reject(image.digest, desc, reason, problem);
    let bundle;
    try {
        bundle = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__/* .bundleFromJSON */ .vw)(json);
    }
    catch (err) {
        return no('invalid-signature', `is not a sigstore bundle: ${err.message}`);
    }
    let artifact;
    const content = bundle.content;
    if (content.$case === 'messageSignature') {
        // The signature is over the manifest bytes, so it can only be checked against the image the digest names: one
        // naming another image is refused before any of it is verified.
        const md = content.messageSignature.messageDigest;
        const named = md.algorithm === _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_2__.HashAlgorithm.SHA2_256 ? `sha256:${Buffer.from(md.digest).toString('hex')}` : `a ${_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_2__.HashAlgorithm[md.algorithm]} digest`;
        if (named !== image.digest)
            return no('digest-mismatch', `signs ${named}, not this image's ${image.digest}`);
        artifact = Buffer.from(await image.manifest());
    }
    else if (content.dsseEnvelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
        return no('invalid-signature', `signs a ${JSON.stringify(content.dsseEnvelope.payloadType)} payload, not an in-toto statement (${IN_TOTO_PAYLOAD_TYPE})`);
    }
    const signed = trustedSigner(bundle, artifact, policy);
    if ('reason' in signed)
        return no(signed.reason, signed.problem);
    if (content.$case === 'dsseEnvelope') {
        const subject = statementNames(content.dsseEnvelope.payload, image.digest);
        if (subject !== true)
            return no(subject.reason, subject.problem);
    }
    return { ok: true, digest: image.digest, signature: `sigstore bundle ${desc.digest}`, signer: signed.signer };
}
/** A keyless signature under a policy of keys alone: nothing to check its certificate's identity against. */
const KEYLESS_UNDER_KEYS = { reason: 'wrong-identity', problem: 'is signed keyless, and the policy trusts only keys' };
/** A key's signature under a policy of keyless identities alone. */
const KEYED_UNDER_KEYLESS = { reason: 'bad-signature', problem: 'is signed with a key, and the policy trusts no key, only keyless identities' };
/**
 * Who signed `bundle` over `artifact` (a message signature's signed bytes; none for DSSE), when the sigstore verifier
 * accepts its signature and evidence against the trusted root and thresholds, and the policy trusts the signer. What
 * the signed content names is the caller's to check.
 */
function trustedSigner(bundle, artifact, policy) {
    // The verifier checks each piece of evidence, some against every other: a bundle padded with hundreds would cost
    // seconds of CPU before any of it is found untrusted. Honest bundles carry one or two of each.
    const evidence = {
        'transparency log entries': bundle.verificationMaterial.tlogEntries.length,
        'RFC 3161 timestamps': bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0,
        'DSSE signatures': bundle.content.$case === 'dsseEnvelope' ? bundle.content.dsseEnvelope.signatures.length : 1,
    };
    for (const [what, n] of Object.entries(evidence)) {
        if (n > MAX_EVIDENCE)
            return { reason: 'invalid-signature', problem: `carries ${n} ${what}, more than the ${MAX_EVIDENCE} read` };
    }
    let entity;
    try {
        entity = (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_3__/* .toSignedEntity */ .DC)(bundle, artifact);
    }
    catch (err) {
        return { reason: 'invalid-signature', problem: `cannot be read: ${err.message}` };
    }
    return signerOf(bundle, entity, policy);
}
/** Who signed the bundle, when the sigstore verifier accepts it and the policy trusts the signer. */
function signerOf(bundle, entity, policy) {
    const options = { tlogThreshold: policy.thresholds.tlog, ctlogThreshold: policy.thresholds.ctlog, timestampThreshold: policy.thresholds.timestamp };
    if (bundle.verificationMaterial.content.$case === 'publicKey') {
        if (policy.keys.length === 0)
            return KEYED_UNDER_KEYLESS;
        // A bundle's key hint is free text: every trusted key is tried, as cosign does with --key. A trusted key has no
        // validity window, so a verified time of signing checks nothing about it: cosign asks none of a key's signature,
        // and neither does regkit (the log entry is what tlogThreshold asks for).
        const keyOptions = { ...options, timestampThreshold: 0 };
        const problems = [];
        for (const key of policy.keys) {
            const material = { ...policy.trustedRoot.material, publicKey: () => ({ publicKey: key.key, validFor: () => true }) };
            const checked = verifiedOrDiagnosed(entity, material, keyOptions);
            if (!('reason' in checked))
                return loggedUnderOtherKey(bundle, key.key) ?? { signer: key.name };
            problems.push(checked);
        }
        // Evidence outside the root, or a log entry of another signature, fails with every key alike; a signature that
        // verifies with none is the key's fault.
        return (problems.find((p) => p.code !== 'SIGNATURE_ERROR') ?? {
            reason: 'bad-signature',
            problem: `verifies with no trusted key (${policy.keys.map((k) => k.name).join(', ')}): signed by another key, or altered`,
        });
    }
    if (policy.keyless.length === 0)
        return KEYLESS_UNDER_KEYS;
    const checked = verifiedOrDiagnosed(entity, policy.trustedRoot.material, options);
    if ('reason' in checked)
        return checked;
    const subject = checked.identity?.subjectAlternativeName;
    const issuer = checked.identity?.extensions?.issuer;
    const who = `${subject ?? '(no subject)'} (issuer ${issuer ?? 'unknown'})`;
    if (policy.keyless.some((id) => (0,_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .textMatches */ .tV)(id.issuer, issuer) && (0,_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .textMatches */ .tV)(id.subject, subject)))
        return { signer: who };
    const wanted = policy.keyless.map((id) => `${(0,_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .describeMatch */ .$X)(id.subject)} from ${(0,_policy_js__WEBPACK_IMPORTED_MODULE_7__/* .describeMatch */ .$X)(id.issuer)}`).join(', ');
    return { reason: 'wrong-identity', problem: `is signed by ${who}, which is none of the policy's identities (${wanted})` };
}
/**
 * A log entry of a key-signed bundle must name the key that verified it. The verifier compares the entry's signature
 * and digest with the bundle's, not its key: an ECDSA signature verifies under keys anyone can compute from it, so a
 * signature by a trusted key could be logged under another, out of sight of whoever watches the log for that key.
 */
function loggedUnderOtherKey(bundle, key) {
    const want = key.export({ type: 'spki', format: 'der' });
    for (const entry of bundle.verificationMaterial.tlogEntries) {
        let named;
        try {
            const body = JSON.parse(entry.canonicalizedBody.toString('utf8'));
            const found = body.kind === 'dsse' ? (body.spec?.signatures ?? []).map((s) => s.verifier) : [body.spec?.signature?.publicKey?.content];
            if (found.length === 0 || found.some((k) => typeof k !== 'string'))
                throw new Error('no key');
            named = found;
        }
        catch {
            return { reason: 'invalid-signature', problem: `has a transparency log entry that names no public key` };
        }
        for (const b64 of named) {
            let der;
            try {
                der = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(Buffer.from(b64, 'base64').toString('utf8')).export({ type: 'spki', format: 'der' });
            }
            catch {
                return { reason: 'invalid-signature', problem: `has a transparency log entry whose public key cannot be read` };
            }
            if (!der.equals(want)) {
                return {
                    reason: 'untrusted-root',
                    problem: 'is logged under another public key than the one it verifies with: the log entry is not evidence of this signer',
                };
            }
        }
    }
    return undefined;
}
/**
 * The sigstore verifier's verdict. An RFC 3161 timestamp covers the signature bytes, so an altered signature fails
 * first as a timestamp "not verified", as one from a foreign TSA does; a second look without the TSA timestamps,
 * taken only to name the reason (it never admits), tells the two apart when the log gives a time of its own.
 */
function verifiedOrDiagnosed(entity, material, options) {
    const first = verified(() => new _sigstore_verify__WEBPACK_IMPORTED_MODULE_3__/* .Verifier */ .BL(material, options).verify(entity));
    if (!('reason' in first) || first.code !== 'TIMESTAMP_ERROR')
        return first;
    const logged = entity.timestamps.filter((t) => t.$case === 'transparency-log');
    if (logged.length === 0 || logged.length === entity.timestamps.length)
        return first;
    const second = verified(() => new _sigstore_verify__WEBPACK_IMPORTED_MODULE_3__/* .Verifier */ .BL(material, { ...options, timestampThreshold: 1 }).verify({ ...entity, timestamps: logged }));
    return 'reason' in second && second.reason === 'bad-signature' ? second : first;
}
/** The sigstore verifier's verdict, its errors sorted into regkit's reasons. */
function verified(run) {
    try {
        return run();
    }
    catch (err) {
        const message = err.message;
        if (!(err instanceof _sigstore_verify__WEBPACK_IMPORTED_MODULE_3__/* .VerificationError */ .mk))
            return { reason: 'invalid-signature', problem: `cannot be verified: ${message}` };
        const code = err.code;
        switch (code) {
            case 'SIGNATURE_ERROR':
            case 'TLOG_BODY_ERROR':
                return { reason: 'bad-signature', problem: `does not verify (${message}): signed by another key, or altered`, code };
            case 'NOT_IMPLEMENTED_ERROR':
                return { reason: 'invalid-signature', problem: `uses what the verifier does not support: ${message}`, code };
            default:
                // Certificate chain, SCTs, log inclusion, timestamps: evidence from outside the trusted root, or too little.
                return { reason: 'untrusted-root', problem: `is not backed by the trusted root (${code}: ${message})`, code };
        }
    }
}
/** Whether an in-toto statement names the image among its subjects, by its sha256. */
function statementNames(payload, digest) {
    let statement;
    try {
        statement = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return { reason: 'invalid-signature', problem: 'signs an in-toto payload that is not JSON' };
    }
    const subjects = statement?.subject;
    if (!Array.isArray(subjects) || subjects.length === 0)
        return { reason: 'invalid-signature', problem: 'signs an in-toto statement with no subject' };
    const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : undefined;
    const named = subjects.map((s) => s?.digest?.sha256);
    if (hex !== undefined && named.some((n) => typeof n === 'string' && n.toLowerCase() === hex))
        return true;
    const shown = named.filter((n) => typeof n === 'string').map((n) => `sha256:${n}`);
    return { reason: 'digest-mismatch', problem: `signs an in-toto statement about ${shown.join(', ') || 'no sha256 digest'}, not this image's ${digest}` };
}


/***/ }),

/***/ 78678:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ readCapped)
/* harmony export */ });
/* harmony import */ var _read_up_to_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74597);

/** Reads a stream whole up to `limit` bytes, and refuses one that goes past it without reading on. */
async function readCapped(stream, limit, what) {
    const bytes = await (0,_read_up_to_js__WEBPACK_IMPORTED_MODULE_0__/* .readUpTo */ .V)(stream, limit);
    if (bytes === undefined)
        throw new Error(`${what} larger than ${limit} bytes`);
    return bytes;
}


/***/ }),

/***/ 81345:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $X: () => (/* binding */ describeMatch),
/* harmony export */   BK: () => (/* binding */ readPolicyFile),
/* harmony export */   Bj: () => (/* binding */ readsBundles),
/* harmony export */   Cj: () => (/* binding */ policyProblem),
/* harmony export */   Ft: () => (/* binding */ mostTelling),
/* harmony export */   JJ: () => (/* binding */ DEFAULT_THRESHOLDS),
/* harmony export */   LL: () => (/* binding */ readPublicKeyFile),
/* harmony export */   fQ: () => (/* binding */ SIGNED_SCOPES),
/* harmony export */   tV: () => (/* binding */ textMatches),
/* harmony export */   us: () => (/* binding */ parseSignedScope)
/* harmony export */ });
/* unused harmony export parsePublicKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
// What a verify policy says and what a verification concludes: the types sync, the `verify` command and the config
// loader share. A policy is parsed once, at the edge (the config loader or the CLI's flags), into loaded keys, compiled
// identity patterns and a trusted root ready to verify with.


/** cosign's defaults: a log entry and an SCT are required, and the time of signing comes from the log or a TSA. */
const DEFAULT_THRESHOLDS = { tlog: 1, ctlog: 1, timestamp: 1 };
/**
 * What must be signed of a multi-platform image (an index): `index`, the index's own signature (it names each child
 * by digest, so it vouches for them; `cosign sign` signs what it is given, normally the index); `children`, a
 * signature of each child the copy writes (`cosign sign --recursive` signs the index and each child); either one.
 * A single-platform image is its own manifest under all three.
 */
const SIGNED_SCOPES = ['index', 'children', 'index-or-children'];
function parseSignedScope(value) {
    return SIGNED_SCOPES.includes(value) ? value : undefined;
}
/** Whether the policy reads sigstore bundles (the referrers of an image): only with a root to check them against. */
function readsBundles(policy) {
    return policy.trustedRoot !== undefined;
}
/**
 * What makes a policy unusable: nothing trusted, keyless identities with no root to check certificates against, or
 * no time to check a certificate at. Said in the spelling of the face that read the policy.
 */
function policyProblem(policy, say) {
    if (policy.keys.length === 0 && policy.keyless.length === 0)
        return `no ${say.keys} and no ${say.keyless}: no image could be admitted`;
    if (policy.keyless.length > 0 && !policy.trustedRoot)
        return `${say.keyless} needs ${say.trustedRoot} (trusted_root.json) to check certificates against`;
    // A Fulcio certificate lives minutes: it is checked at the verified time of signing, so keyless needs one.
    if (policy.keyless.length > 0 && policy.thresholds.timestamp < 1) {
        return `${say.keyless} needs ${say.timestampThreshold} of 1 or more: a certificate is checked at the time of signing`;
    }
    return undefined;
}
/** The closer a signature came to admitting the image, the more its rejection tells; ties keep the first. */
const TELLING = {
    'no-signature': 0,
    'invalid-signature': 1,
    'bad-signature': 2,
    'untrusted-root': 3,
    'wrong-identity': 4,
    'digest-mismatch': 5,
};
/** The rejection to report of several signatures that all failed. */
function mostTelling(rejections) {
    return rejections.reduce((best, r) => (best === undefined || TELLING[r.reason] > TELLING[best.reason] ? r : best), undefined);
}
function textMatches(m, value) {
    if (value === undefined)
        return false;
    return 'exact' in m ? m.exact === value : m.regExp.test(value);
}
function describeMatch(m) {
    return 'exact' in m ? JSON.stringify(m.exact) : `/${m.pattern}/`;
}
/**
 * A PEM public key (SubjectPublicKeyInfo, as `cosign generate-key-pair` writes `cosign.pub`). The error never quotes
 * the text: a path mistyped to a secret file must not print it.
 */
function parsePublicKey(pem, name) {
    let key;
    try {
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({ key: pem, format: 'pem' });
    }
    catch {
        throw new Error(`${name} is not a PEM public key (expected -----BEGIN PUBLIC KEY-----, as cosign.pub)`);
    }
    const type = key.asymmetricKeyType;
    if (type !== 'ec' && type !== 'rsa' && type !== 'ed25519')
        throw new Error(`${name} is a ${type ?? 'unknown'} key; verify takes ECDSA, RSA or Ed25519 keys`);
    return { name, key };
}
/** Policy files are keys and trusted roots, a few KiB; the cap keeps a path onto a device or a log from filling memory. */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;
/** A file the policy names, read whole; the error names the path and the cause, never the file's text. */
function readPolicyFile(path) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'r');
        const buf = Buffer.alloc(MAX_POLICY_FILE_BYTES + 1);
        let size = 0;
        for (let n = -1; n !== 0 && size < buf.length; size += n)
            n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, buf, size, buf.length - size, null);
        if (size > MAX_POLICY_FILE_BYTES)
            throw new Error(`${path} is larger than ${MAX_POLICY_FILE_BYTES} bytes, more than a key or a trusted root`);
        return buf.subarray(0, size).toString('utf8');
    }
    catch (err) {
        if (!err.code)
            throw err;
        throw new Error(`cannot read ${path}: ${err.code}`, { cause: err });
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** A trusted key from its file. */
function readPublicKeyFile(path) {
    return parsePublicKey(readPolicyFile(path), path);
}


/***/ }),

/***/ 52261:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ readTrustedRootFile)
/* harmony export */ });
/* unused harmony export parseTrustedRoot */
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19654);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54187);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81345);
// sigstore's `trusted_root.json` (the TrustedRoot message of sigstore's protobuf specs, as `cosign trusted-root
// create` or the sigstore TUF repository serve it), read from a file so that verification runs offline.



/** A trusted root from its text; the error says what is wrong with it, never quoting it. */
function parseTrustedRoot(text, name) {
    const parsed = parseJson(text);
    if ('problem' in parsed)
        throw new Error(`${name} is not JSON${parsed.problem}; expected a sigstore trusted_root.json`);
    const json = parsed.json;
    if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new Error(`${name} is not a JSON object; expected a sigstore trusted_root.json`);
    const mediaType = json.mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw new Error(`${name} has no mediaType application/vnd.dev.sigstore.trustedroot…: it is not a sigstore trusted_root.json`);
    }
    try {
        return { name, material: (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_1__/* .toTrustMaterial */ .jO)(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_0__.TrustedRoot.fromJSON(json)) };
    }
    catch (err) {
        throw new Error(`${name} is not a usable trusted root: ${err.message}`, { cause: err });
    }
}
function readTrustedRootFile(path) {
    return parseTrustedRoot((0,_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .readPolicyFile */ .BK)(path), path);
}
function parseJson(text) {
    try {
        return { json: JSON.parse(text) };
    }
    catch (err) {
        // Newer V8 messages quote the text around the error, which may be a secret mistyped for a root: only the position.
        const at = /at position (\d+)/.exec(err.message)?.[1];
        return { problem: at === undefined ? '' : ` (error at character ${at})` };
    }
}


/***/ }),

/***/ 21965:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  M: () => (/* binding */ verifySigned)
});

// UNUSED EXPORTS: verifyImage

// EXTERNAL MODULE: ./build/src/oci/manifest.js
var manifest = __webpack_require__(62262);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/limit.js
var limit = __webpack_require__(53346);
// EXTERNAL MODULE: ./build/src/verify/bundle.js
var verify_bundle = __webpack_require__(12155);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./build/src/verify/capped.js
var capped = __webpack_require__(78678);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(61040);
;// CONCATENATED MODULE: ./build/src/verify/cosign-bundle.js
// cosign 2's `.sig` layers as sigstore sees them: beside the signature, a layer's annotations carry the Rekor entry
// cosign logged with the log's signed entry timestamp (a "Rekor bundle"), optionally an RFC 3161 timestamp, and, when
// signed keyless, the Fulcio certificate and its chain. They are the pieces of a sigstore v0.1 bundle in other clothes:
// regkit puts them back into one (a key-signed layer's with a public key hint where the certificate would be) and asks
// the same sigstore verifier, trusted root, thresholds, keys and identity rules as a bundle referrer (bundle.ts).



const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
const TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';
const BUNDLE_V01_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
/** A leaf and its chain are three certificates at Fulcio; more is no honest chain, and each is parsed. */
const MAX_CHAIN_CERTIFICATES = 8;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;
/** Whether a `.sig` layer is a keyless signature: it carries the certificate its signature verifies with. */
function isKeyless(annotations) {
    return annotations?.[CERTIFICATE_ANNOTATION] !== undefined;
}
/**
 * Who signed `payload`, by the layer's annotations, when the sigstore verifier accepts the signature and its log and
 * timestamp evidence against the trusted root and thresholds, and the policy trusts the signer: a keyless layer's
 * certificate identity, or one of the policy's keys for any other. What the payload names is the caller's to check.
 */
function layerSigner(annotations, payload, signature, policy) {
    const json = asBundleJSON(annotations, payload, signature);
    if ('problem' in json)
        return { reason: 'invalid-signature', problem: json.problem };
    let bundle;
    try {
        bundle = (0,dist/* bundleFromJSON */.vw)(json.bundle);
    }
    catch (err) {
        return { reason: 'invalid-signature', problem: `does not make a sigstore bundle: ${err.message}` };
    }
    return (0,verify_bundle/* trustedSigner */.wg)(bundle, payload, policy);
}
/** The v0.1 bundle JSON cosign's annotations spell, or what in them is not as cosign writes it. */
function asBundleJSON(annotations, payload, signature) {
    const signing = signingMaterial(annotations);
    if ('problem' in signing)
        return signing;
    const tlog = annotations[REKOR_BUNDLE_ANNOTATION];
    const entry = tlog === undefined ? undefined : rekorEntry(tlog);
    if (entry && 'problem' in entry)
        return entry;
    const stamp = annotations[TIMESTAMP_ANNOTATION];
    const timestamp = stamp === undefined ? undefined : rfc3161Timestamp(stamp);
    if (timestamp && 'problem' in timestamp)
        return timestamp;
    return {
        bundle: {
            mediaType: BUNDLE_V01_MEDIA_TYPE,
            verificationMaterial: {
                ...signing.material,
                tlogEntries: entry ? [entry.entry] : [],
                ...(timestamp ? { timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: timestamp.signedTimestamp }] } } : {}),
            },
            messageSignature: {
                messageDigest: { algorithm: 'SHA2_256', digest: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('base64') },
                signature,
            },
        },
    };
}
/**
 * What the signature verifies with, as a bundle's verification material: a keyless layer's certificate and chain; for
 * a key-signed one, a key hint (free text the verifier ignores: bundle.ts tries every trusted key, as cosign does).
 */
function signingMaterial(annotations) {
    if (!isKeyless(annotations))
        return { material: { publicKey: { hint: '' } } };
    const leaf = certificates(annotations[CERTIFICATE_ANNOTATION] ?? '');
    const chain = certificates(annotations[CHAIN_ANNOTATION] ?? '');
    if (leaf.length !== 1)
        return { problem: `has a ${CERTIFICATE_ANNOTATION} annotation that is not one PEM certificate` };
    if (chain.length > MAX_CHAIN_CERTIFICATES)
        return { problem: `has a ${CHAIN_ANNOTATION} of ${chain.length} certificates, more than the ${MAX_CHAIN_CERTIFICATES} read` };
    return { material: { x509CertificateChain: { certificates: [...leaf, ...chain].map((rawBytes) => ({ rawBytes })) } } };
}
/** The base64 DER of each PEM certificate in `pem`. */
function certificates(pem) {
    return [...pem.matchAll(PEM_CERTIFICATE)].map((m) => m[1].replace(/\s/g, ''));
}
const problem = (what) => ({ problem: `has a ${REKOR_BUNDLE_ANNOTATION} annotation that is not cosign's Rekor bundle: ${what}` });
/**
 * cosign's Rekor bundle, `{SignedEntryTimestamp, Payload: {body, integratedTime, logIndex, logID}}`, as a sigstore
 * bundle's log entry: the signed entry timestamp is its inclusion promise, the body its canonicalized body, and the
 * body's own kind and apiVersion its kindVersion (the verifier compares them with the body, and the body with the
 * signature).
 */
function rekorEntry(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return problem('not JSON');
    }
    const { SignedEntryTimestamp: set, Payload: p } = (doc ?? {});
    if (typeof set !== 'string' || !BASE64.test(set))
        return problem('no base64 SignedEntryTimestamp');
    const { body, integratedTime, logIndex, logID } = p ?? {};
    if (typeof body !== 'string' || !BASE64.test(body))
        return problem('no base64 Payload.body');
    if (!Number.isSafeInteger(integratedTime) || !Number.isSafeInteger(logIndex))
        return problem('no integer Payload.integratedTime and Payload.logIndex');
    if (typeof logID !== 'string' || !/^[0-9a-f]{64}$/i.test(logID))
        return problem('no hex sha256 Payload.logID');
    let kind;
    let version;
    try {
        ({ kind, apiVersion: version } = JSON.parse(Buffer.from(body, 'base64').toString('utf8')));
    }
    catch {
        return problem('its Payload.body is not a JSON log entry');
    }
    if (typeof kind !== 'string' || typeof version !== 'string')
        return problem('its Payload.body names no kind and apiVersion');
    return {
        entry: {
            logIndex: String(logIndex),
            logId: { keyId: Buffer.from(logID, 'hex').toString('base64') },
            kindVersion: { kind, version },
            integratedTime: String(integratedTime),
            inclusionPromise: { signedEntryTimestamp: set },
            canonicalizedBody: body,
        },
    };
}
/** cosign's RFC 3161 timestamp annotation, `{SignedRFC3161Timestamp: base64}`: a timestamp over the signature bytes. */
function rfc3161Timestamp(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        doc = undefined;
    }
    const signed = doc?.SignedRFC3161Timestamp;
    if (typeof signed !== 'string' || signed === '' || !BASE64.test(signed)) {
        return { problem: `has a ${TIMESTAMP_ANNOTATION} annotation that is not cosign's {"SignedRFC3161Timestamp": base64}` };
    }
    return { signedTimestamp: signed };
}

// EXTERNAL MODULE: ./build/src/verify/policy.js
var verify_policy = __webpack_require__(81345);
;// CONCATENATED MODULE: ./build/src/verify/cosign.js
// cosign's `.sig` digest-tag format: the signatures of image `sha256:<hex>` are the layers of the manifest tagged
// `sha256-<hex>.sig` in the image's repository; each layer is a simple-signing payload (JSON naming the image digest)
// and its `dev.cosignproject.cosign/signature` annotation is the base64 signature over the payload's bytes. A
// signature counts only when it verifies (with a trusted key, or, for cosign 2's keyless layers, by a trusted identity;
// with a trusted root, together with its Rekor bundle: cosign-bundle.ts) AND its payload names the very digest regkit
// resolved: a valid signature of another image admits nothing.







const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const COSIGN_PAYLOAD_TYPE = 'cosign container image signature';
/** cosign's payloads are a few hundred bytes; a signature manifest lists one layer per signer. */
const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_SIGNATURES = 64;
const cosign_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** `sha256:<hex>` → `sha256-<hex>.sig`, the tag cosign stores an image's signatures under. */
function signatureTag(digest) {
    return `${digest.replace(':', '-')}.sig`;
}
/**
 * Who signed one `.sig` layer, under the policy. A keyless layer (one that carries its certificate) is checked by the
 * policy's identities and trusted root. A key-signed one, with a trusted root, as `cosign verify --key` does: its
 * signature and its Rekor bundle together, under the root's logs and the thresholds; with keys alone, its signature
 * (cosign's `--insecure-ignore-tlog`).
 */
function cosign_layerSigner(layer, payload, b64, policy, tag) {
    const annotations = layer.annotations ?? {};
    const keyless = isKeyless(annotations);
    const where = keyless ? `the keyless signature in ${tag}` : `the signature in ${tag}`;
    const named = (p) => ('reason' in p ? { ...p, problem: `${where} ${p.problem}` } : p);
    if (keyless)
        return named((0,verify_policy/* readsBundles */.Bj)(policy) ? layerSigner(annotations, payload, b64, policy) : verify_bundle/* KEYLESS_UNDER_KEYS */.t2);
    if (policy.keys.length === 0)
        return { ...verify_bundle/* KEYED_UNDER_KEYLESS */.lk, problem: `a signature in ${tag} ${verify_bundle/* KEYED_UNDER_KEYLESS */.lk.problem}` };
    if ((0,verify_policy/* readsBundles */.Bj)(policy))
        return named(layerSigner(annotations, payload, b64, policy));
    const signature = Buffer.from(b64, 'base64');
    const key = policy.keys.find((k) => {
        try {
            // Ed25519 hashes inside the algorithm; ECDSA (cosign's default, P-256) and RSA sign a SHA-256 digest.
            return (0,external_node_crypto_.verify)(k.key.asymmetricKeyType === 'ed25519' ? null : 'sha256', payload, k.key, signature);
        }
        catch {
            return false; // A malformed signature (not DER, wrong length) verifies with no key.
        }
    });
    if (key)
        return { signer: key.name };
    return {
        reason: 'bad-signature',
        problem: `no signature in ${tag} verifies with a trusted key (${policy.keys.map((k) => k.name).join(', ')}): signed by another key, or altered`,
    };
}
/** The image digest a simple-signing payload names, or why it names none. */
function payloadDigest(payload) {
    let doc;
    try {
        doc = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return { problem: 'the signed payload is not JSON' };
    }
    const critical = doc?.critical;
    if (critical?.type !== COSIGN_PAYLOAD_TYPE)
        return { problem: `the signed payload's critical.type is not "${COSIGN_PAYLOAD_TYPE}"` };
    const named = critical.image?.['docker-manifest-digest'];
    return typeof named === 'string' ? named : { problem: 'the signed payload names no critical.image.docker-manifest-digest' };
}
/**
 * Verifies the image `digest` of `repo` against the `.sig` signatures in the same repository. Registry errors other
 * than an absent signature tag are thrown (the caller reports them as failures, not as a verdict).
 */
async function verifyCosignSignatures(store, repo, digest, policy) {
    const tag = signatureTag(digest);
    const reject = (reason, message) => ({ ok: false, digest, reason, message });
    const sigRef = (0,reference/* withTag */.Rd)(repo, tag);
    if (!(await store.headManifest(sigRef)))
        return reject('no-signature', `no signature: ${tag} does not exist`);
    const parsed = (0,manifest/* parseManifest */.N)((await store.getManifest(sigRef)).bytes);
    if (parsed.kind !== 'image')
        return reject('invalid-signature', `${tag} is not an image manifest, as cosign writes`);
    const layers = parsed.manifest.layers.filter((l) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE);
    if (layers.length === 0)
        return reject('no-signature', `no signature: ${tag} holds no ${SIMPLE_SIGNING_MEDIA_TYPE} layer`);
    if (layers.length > MAX_SIGNATURES)
        return reject('invalid-signature', `${tag} lists ${layers.length} signatures, more than the ${MAX_SIGNATURES} read`);
    const rejections = [];
    for (const layer of layers) {
        const b64 = layer.annotations?.[SIGNATURE_ANNOTATION];
        if (b64 === undefined || !cosign_BASE64.test(b64)) {
            rejections.push(reject('invalid-signature', `a layer of ${tag} has no base64 ${SIGNATURE_ANNOTATION} annotation`));
            continue;
        }
        if (layer.size > MAX_PAYLOAD_BYTES) {
            rejections.push(reject('invalid-signature', `a payload of ${tag} is ${layer.size} bytes, more than the ${MAX_PAYLOAD_BYTES} read`));
            continue;
        }
        const payload = await (0,capped/* readCapped */.E)(await store.getBlob(repo, layer), MAX_PAYLOAD_BYTES, 'payload');
        const signed = cosign_layerSigner(layer, payload, b64, policy, tag);
        if ('reason' in signed) {
            rejections.push(reject(signed.reason, signed.problem));
            continue;
        }
        const named = payloadDigest(payload);
        if (typeof named !== 'string') {
            rejections.push(reject('invalid-signature', named.problem));
            continue;
        }
        if (named !== digest) {
            rejections.push(reject('digest-mismatch', `the payload signed by ${signed.signer} names ${named}, not this image's ${digest}`));
            continue;
        }
        return { ok: true, digest, signature: tag, signer: signed.signer };
    }
    return (0,verify_policy/* mostTelling */.Ft)(rejections);
}

// EXTERNAL MODULE: ./build/src/oci/platform.js
var platform = __webpack_require__(23856);
;// CONCATENATED MODULE: ./build/src/verify/signed.js

/**
 * The ways to admit the image `digest` under `scope`, with the step's `platforms` filter (empty: none).
 * `readTop` fetches the image's manifest by that digest; it is asked only when the scope looks at children, so the
 * default scope costs what a single-digest verification does.
 *
 * - A single image manifest is what is written, whatever the scope: its own signature.
 * - `index`: the index's signature. It names every child by digest, and the copy reads the children through it by
 *   digest, so it vouches for what is written: the whole index, a rewritten or sparse one with some children, or one
 *   child alone.
 * - `children`: each child the copy writes: every child without a filter (attestation manifests included), the
 *   filter's children with one, or the one child a single platform writes as the image itself.
 * - `index-or-children`: the index's, else each child's.
 * An index that lists no child is itself all that is written, under every scope.
 */
async function manifestsToVerify(digest, scope, platforms, source, readTop) {
    const top = { kind: 'self', digest };
    if (scope === 'index')
        return [top];
    const manifest = await readTop();
    if (manifest.kind !== 'index')
        return [top];
    const children = writtenChildren(manifest.index.manifests, platforms, source).map((d) => ({ digest: d.digest, platform: platformName(d) }));
    // An index without children is all the copy writes: no signature of nothing may admit it.
    if (children.length === 0)
        return [top];
    const each = { kind: 'children', children };
    return scope === 'children' ? [each] : [top, each];
}
/** The children a copy with this platform filter writes (the copy engine's own choice, `choosePlatforms`). */
function writtenChildren(children, platforms, source) {
    if (platforms.length === 0)
        return children;
    const chosen = (0,platform/* choosePlatforms */.kD)(children, platforms, source);
    return 'single' in chosen ? [chosen.single] : chosen.kept;
}
function platformName(d) {
    return d.platform ? (0,platform/* formatPlatform */.Bq)(d.platform) : 'no platform';
}

;// CONCATENATED MODULE: ./build/src/verify/verify.js
// The one verdict on an image under a verify policy, whichever format its signatures take: cosign's `.sig` digest
// tag (keyed, or keyless with its trusted root) and sigstore bundle referrers (with its trusted root), over the
// manifests the policy's `signed` scope asks for (signed.ts). Sync and `regkit verify` ask `verifySigned` and nothing
// else.







/**
 * Children verified at once. The per-host request limit applies anyway; the width keeps an index of many children
 * from queueing every verification before the first rejection can stop the rest.
 */
const CHILDREN_AT_ONCE = 4;
/**
 * Verifies the image `digest` of `repo` as the policy's `signed` scope asks, with the copy's platform filter
 * (`platforms`, empty for none): admitted when every manifest of one way verifies; otherwise the rejection, which
 * names each rejected child by platform and digest. Registry errors are thrown (a failure, not a verdict).
 */
async function verifySigned(store, repo, digest, policy, platforms = []) {
    const ways = await manifestsToVerify(digest, policy.signed, platforms, (0,reference/* formatReference */.FH)((0,reference/* withDigest */.hQ)(repo, digest)), async () => {
        const fetched = await store.getManifest((0,reference/* withDigest */.hQ)(repo, digest));
        return (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
    });
    const rejections = [];
    for (const way of ways) {
        const v = way.kind === 'self' ? await verifyImage(store, repo, way.digest, policy) : await verifyChildren(store, repo, digest, way.children, policy);
        if (v.ok)
            return v;
        rejections.push(v);
    }
    if (rejections.length === 1)
        return rejections[0];
    const [index, children] = rejections;
    return { ok: false, digest, reason: (0,verify_policy/* mostTelling */.Ft)(rejections).reason, message: `${index.message}; nor is each child signed: ${children.message}` };
}
/** Each child must verify; the first rejection stops the ones not yet started. */
async function verifyChildren(store, repo, digest, children, policy) {
    const verdicts = [];
    let rejected = false;
    await (0,limit/* forEachAtMost */.r)(children, CHILDREN_AT_ONCE, async (child, at) => {
        if (rejected)
            return;
        const verdict = await verifyImage(store, repo, child.digest, policy);
        verdicts.push({ at, verdict });
        if (!verdict.ok)
            rejected = true;
    });
    verdicts.sort((a, b) => a.at - b.at);
    const name = (at) => `child ${children[at].platform} ${children[at].digest}`;
    const refused = verdicts.flatMap(({ at, verdict }) => (verdict.ok ? [] : [{ at, verdict }]));
    if (refused.length > 0) {
        return {
            ok: false,
            digest,
            reason: (0,verify_policy/* mostTelling */.Ft)(refused.map((r) => r.verdict)).reason,
            message: refused.map(({ at, verdict }) => `${name(at)}: ${verdict.message}`).join('; '),
        };
    }
    const admitted = verdicts.flatMap(({ at, verdict }) => (verdict.ok ? [{ at, verdict }] : []));
    return {
        ok: true,
        digest,
        signature: admitted.map(({ at, verdict }) => `${children[at].platform}: ${verdict.signature}`).join(', '),
        signer: [...new Set(admitted.map(({ verdict }) => verdict.signer))].join(', '),
    };
}
/**
 * Verifies the single manifest `digest` of `repo`: admitted when any signature of either format verifies under the
 * policy; otherwise the most telling rejection. Registry errors are thrown (a failure, not a verdict).
 */
async function verifyImage(store, repo, digest, policy) {
    // Both are asked at once: their round trips overlap, and the slower answers nothing the faster could settle early.
    const [sig, bundles] = await Promise.all([
        verifyCosignSignatures(store, repo, digest, policy),
        (0,verify_policy/* readsBundles */.Bj)(policy) ? (0,verify_bundle/* verifyBundles */.tA)(store, repo, digest, policy) : undefined,
    ]);
    if (sig.ok)
        return sig;
    if (bundles?.ok)
        return bundles;
    const rejections = [sig, bundles].filter((v) => v !== undefined);
    const found = (0,verify_policy/* mostTelling */.Ft)(rejections.filter((r) => r.reason !== 'no-signature'));
    if (found)
        return found;
    const looked = [sig.message.replace(/^no signature: /, ''), ...((0,verify_policy/* readsBundles */.Bj)(policy) ? [`no sigstore bundle refers to ${digest}`] : [])];
    return { ok: false, digest, reason: 'no-signature', message: `no signature: ${looked.join(', and ')}` };
}


/***/ })

};
