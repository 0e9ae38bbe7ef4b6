export const id = 871;
export const ids = [871];
export const modules = {

/***/ 26871:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSync: () => (/* binding */ runSync)
});

// EXTERNAL MODULE: ./build/src/copy/copy.js + 5 modules
var copy = __webpack_require__(23631);
// EXTERNAL MODULE: ./build/src/copy/failures.js
var failures = __webpack_require__(376);
// EXTERNAL MODULE: ./build/src/limit.js
var src_limit = __webpack_require__(53346);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/log.js
var log = __webpack_require__(6671);
// EXTERNAL MODULE: ./build/src/oci/names.js
var names = __webpack_require__(37287);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/report/result.js
var report_result = __webpack_require__(34123);
// EXTERNAL MODULE: ./build/src/sync/config/load.js + 3 modules
var load = __webpack_require__(21438);
// EXTERNAL MODULE: ./build/src/store/store.js
var store_store = __webpack_require__(66942);
// EXTERNAL MODULE: ./build/src/config/shard.js
var shard = __webpack_require__(34004);
;// CONCATENATED MODULE: ./build/src/sync/items.js
// From steps to items: each (source tag → target tag) a sync step covers, after tag and repository filters. Only
// reads: tag lists and the catalog.







/** Why `once --missing` leaves an item alone: its target tag exists, whatever it points at (regsync's rule). */
const ON_TARGET_REASON = 'already on the target (--missing)';
function positionOf(step) {
    return `${step.file}:${step.line}:${step.column}`;
}
function parseStepRef(step, text, what, repositoryOnly) {
    try {
        const ref = (0,reference/* parseReference */.F2)(text, { repositoryOnly });
        if (repositoryOnly && (ref.tag !== undefined || ref.digest !== undefined)) {
            throw new errors/* UsageError */.eb(`a ${step.type} step's ${what} is a repository: drop the tag or digest from "${text}"`);
        }
        return ref;
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`${positionOf(step)}: sync[${step.index}] ${what}: ${err.message}`);
    }
}
function parseRegistryPath(step, text, what) {
    const slash = text.indexOf('/');
    const host = slash < 0 ? text : text.slice(0, slash);
    try {
        const prefix = slash < 0 ? '' : text.slice(slash + 1).replace(/\/+$/, '');
        const problem = prefix === '' ? undefined : (0,names/* repositoryProblem */.Ki)(prefix);
        if (problem !== undefined)
            throw new errors/* UsageError */.eb(`the path below ${host}: ${problem}`);
        return { host: (0,reference/* parseRegistryHost */.TZ)(host), prefix };
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`${positionOf(step)}: sync[${step.index}] ${what}: ${err.message}`);
    }
}
/** Throws UsageError (exit 2) naming the step's file:line:column when its source or target is not usable. */
function parseStepEndpoints(step) {
    const referrerRepos = parseReferrerRepos(step);
    if (step.type === 'registry') {
        return {
            step,
            type: step.type,
            source: parseRegistryPath(step, step.source, 'source'),
            target: parseRegistryPath(step, step.target, 'target'),
            referrerRepos,
        };
    }
    const repositoryOnly = step.type === 'repository';
    return {
        step,
        type: step.type,
        source: parseStepRef(step, step.source, 'source', repositoryOnly),
        target: parseStepRef(step, step.target, 'target', repositoryOnly),
        referrerRepos,
    };
}
/** A tag or digest on either is dropped: referrers are looked up by the digest being copied, as regsync does. */
function parseReferrerRepos(step) {
    if (!step.referrers)
        return {};
    const parse = (text, what) => text ? (0,reference/* repositoryOf */._M)(parseStepRef(step, text, what, false)) : undefined;
    const source = parse(step.referrerSource, 'referrerSource');
    const target = parse(step.referrerTarget, 'referrerTarget');
    return { ...(source ? { source } : {}), ...(target ? { target } : {}) };
}
async function expandStep(stores, endpoints, opts) {
    const { step } = endpoints;
    switch (endpoints.type) {
        case 'image': {
            const item = { step, source: endpoints.source, target: endpoints.target, referrerRepos: endpoints.referrerRepos };
            return { items: (0,shard/* inShard */.Iw)((0,reference/* formatReference */.FH)(item.target), opts.shard) ? [item] : [], excluded: [], failed: [] };
        }
        case 'repository':
            return expandRepository(stores, endpoints, endpoints.source, endpoints.target, opts);
        case 'registry':
            return expandRegistry(stores, endpoints, endpoints.source, endpoints.target, opts);
    }
}
/**
 * `listed`: the catalog named the source, so a tag list that answers 404 (a repository holding only blobs, or one
 * deleted since) has no tags; a source the user typed must exist.
 */
async function expandRepository(stores, endpoints, source, target, opts, listed = false) {
    const { step, referrerRepos } = endpoints;
    const invalid = [];
    const sourceStore = stores.storeFor(source);
    const listOpts = { onInvalid: (err) => invalid.push(err) };
    const tags = listed ? await (0,store_store/* tagsIfAny */.d7)(sourceStore, (0,reference/* repositoryOf */._M)(source), listOpts) : await sourceStore.listTags((0,reference/* repositoryOf */._M)(source), listOpts);
    const chosen = new Set((0,load/* selectTags */.O)(step.tagSets, tags));
    const present = new Set(opts.missing ? await (0,store_store/* tagsIfAny */.d7)(stores.storeFor(target), (0,reference/* repositoryOf */._M)(target)) : []);
    const items = [];
    const excluded = [];
    for (const tag of tags) {
        const item = { step, source: (0,reference/* withTag */.Rd)(source, tag), target: (0,reference/* withTag */.Rd)(target, tag), referrerRepos };
        if (!(0,shard/* inShard */.Iw)((0,reference/* formatReference */.FH)(item.target), opts.shard))
            continue;
        if (!chosen.has(tag))
            excluded.push(excludedResult(item, 'not selected by the tags filters'));
        else if (present.has(tag))
            excluded.push(excludedResult(item, ON_TARGET_REASON));
        else
            items.push(item);
    }
    // Whatever the filters say: a source that lists a name no registry could hold is one to look at, not to skip quietly.
    const [from, to] = [(0,reference/* repositoryOf */._M)(source), (0,reference/* repositoryOf */._M)(target)];
    const failed = invalid
        .filter((err) => (0,shard/* inShard */.Iw)(`${(0,reference/* formatReference */.FH)(to)} ${err.message}`, opts.shard))
        .map((err) => invalidNameResult((0,report_result/* imageAt */.t3)(from), (0,report_result/* imageAt */.t3)(to), err));
    return { items, excluded, failed };
}
async function expandRegistry(stores, endpoints, from, to, opts) {
    const { step } = endpoints;
    const invalid = [];
    const repos = await stores.storeForRegistry(from.host).listRepositories({ onInvalid: (err) => invalid.push(err) });
    const out = { items: [], excluded: [], failed: [] };
    for (const err of invalid) {
        const below = typeof err.value === 'string' && (from.prefix === '' || err.value.startsWith(`${from.prefix}/`));
        if (below && (0,shard/* inShard */.Iw)(`${registryPathLabel(to)} ${err.message}`, opts.shard))
            out.failed.push(invalidNameResult(registryAt(from), registryAt(to), err));
    }
    for (const repo of repos) {
        if (from.prefix && !repo.startsWith(`${from.prefix}/`))
            continue;
        if (!(0,load/* nameAllowed */.Kp)(step.repos, repo))
            continue;
        const name = from.prefix ? repo.slice(from.prefix.length + 1) : repo;
        const source = { scheme: 'registry', registry: from.host, repository: repo };
        const target = { scheme: 'registry', registry: to.host, repository: to.prefix ? `${to.prefix}/${name}` : name };
        const part = await expandRepository(stores, endpoints, source, target, opts, true);
        out.items.push(...part.items);
        out.excluded.push(...part.excluded);
        out.failed.push(...part.failed);
    }
    return out;
}
/** A registry step's side as the shard hash names it: the host and the path below it. */
function registryPathLabel(path) {
    return path.prefix ? `${path.host}/${path.prefix}` : path.host;
}
/** A registry step's side as results name it. */
function registryAt(path) {
    return { kind: 'registry', host: path.host, ...(path.prefix ? { path: path.prefix } : {}) };
}
function invalidNameResult(source, target, err) {
    return { op: 'sync', status: 'failed', source, target, bytes: 0, reason: err.message };
}
function excludedResult(item, reason) {
    return { op: 'sync', status: 'excluded', source: (0,report_result/* imageAt */.t3)(item.source), target: (0,report_result/* imageAt */.t3)(item.target), bytes: 0, reason };
}

;// CONCATENATED MODULE: ./build/src/sync/prune-target.js
// `prune: true` on a repository step: target tags the step's filters no longer select are removed, through the
// store's safe tag delete (other tags on the same digest stay). Digest tags (`sha256-<hex>…`: signatures,
// attestations, the referrers fallback) belong to the images beside them and are never pruned here. Backups written
// into the same repository are removed too unless the filters select them: keep backups in another repository (a
// backup template that names a full reference) when pruning.





const DIGEST_TAG = /^sha(256|512)-[0-9a-f]+/;
async function pruneTarget(stores, step, target, opts) {
    const repo = (0,reference/* repositoryOf */._M)(target);
    const store = stores.storeFor(repo);
    const tags = await (0,store_store/* tagsIfAny */.d7)(store, repo);
    const kept = new Set((0,load/* selectTags */.O)(step.tagSets, tags));
    const doomed = tags
        .filter((t) => !kept.has(t) && !DIGEST_TAG.test(t))
        .map((t) => (0,reference/* withTag */.Rd)(repo, t))
        .filter((r) => (0,shard/* inShard */.Iw)((0,reference/* formatReference */.FH)(r), opts.shard));
    const results = [];
    for (const ref of doomed) {
        const base = { op: 'prune', target: (0,report_result/* imageAt */.t3)(ref), bytes: 0 };
        try {
            const head = await store.headManifest(ref);
            const digest = head ? { digest: head.digest } : {};
            if (opts.check) {
                results.push({ ...base, ...digest, status: 'would-delete', reason: 'not selected by the tags filters (prune: true)' });
                continue;
            }
            await store.deleteTag(ref);
            results.push({ ...base, ...digest, status: 'deleted', reason: 'not selected by the tags filters (prune: true)' });
        }
        catch (err) {
            results.push({ ...base, status: 'failed', reason: err instanceof Error ? err.message : String(err) });
        }
    }
    return results;
}

// EXTERNAL MODULE: ./build/src/verify/bundle.js
var bundle = __webpack_require__(12155);
// EXTERNAL MODULE: ./build/src/verify/policy.js
var policy = __webpack_require__(81345);
// EXTERNAL MODULE: ./build/src/verify/verify.js + 3 modules
var verify = __webpack_require__(21965);
;// CONCATENATED MODULE: ./build/src/sync/ratelimit-wait.js
// Waiting out a source's pull limit (regsync `ratelimit.min/retry`): while the remaining pulls are below `min`, sleep
// `retry` and ask again. In a CI job the wait has a budget (`--max-wait`): an item that would exceed it fails with a
// clear message and the run carries on with the others, instead of sleeping until the job is killed.

const realClock = { sleep: (s) => new Promise((r) => setTimeout(r, s * 1000)) };
async function waitForRateLimit(ctx, item, head, budget) {
    const { min, retrySeconds } = item.step.rateLimit;
    const clock = ctx.clock ?? realClock;
    let current = head.rateLimit;
    let seconds = 0;
    while (current?.set && current.remaining !== undefined && current.remaining < min) {
        if (budget.maxSeconds !== undefined && budget.waitedSeconds + retrySeconds > budget.maxSeconds) {
            return {
                gaveUp: true,
                reason: `rate limit: ${(0,reference/* formatReference */.FH)(item.source)} has ${current.remaining} pulls left, below ratelimit.min ${min}; waiting ${retrySeconds}s more would pass --max-wait ${budget.maxSeconds}s (waited ${budget.waitedSeconds}s), so this tag was left for the next run`,
            };
        }
        ctx.logger.info(`rate limit: ${current.remaining} pulls left on ${(0,reference/* formatReference */.FH)(item.source)} (min ${min}); waiting ${retrySeconds}s`);
        await clock.sleep(retrySeconds);
        budget.waitedSeconds += retrySeconds;
        seconds += retrySeconds;
        current = (await ctx.stores.storeFor(item.source).headManifest(item.source))?.rateLimit;
    }
    return { gaveUp: false, seconds };
}

;// CONCATENATED MODULE: ./build/src/sync/run.js
// Running a sync: expand the steps into items, then for each item compare digests (one HEAD on each side), and copy,
// back up, or report. `check` is the same walk with every write replaced by a dry run, so a plan shows exactly what
// `once` would do.















/** Items whose two HEADs may be in flight at once: far above any per-host request limit, far below a large mirror. */
const CHECKS_AT_ONCE = 128;
async function runSync(ctx, config, opts) {
    for (const w of config.warnings)
        ctx.logger.warn(w.message, (0,log/* atPosition */.xx)(w));
    const steps = config.sync.map(parseStepEndpoints);
    const results = [];
    const report = (done) => {
        for (const r of done)
            ctx.onResult?.(r);
    };
    const notRunNow = (left, rest) => {
        const out = notRun(left, rest);
        report(out);
        return out;
    };
    const items = [];
    const listed = [];
    for (const [i, endpoints] of steps.entries()) {
        try {
            const expanded = await expandStep(ctx.stores, endpoints, opts);
            listed.push(endpoints);
            items.push(...expanded.items);
            results.push(...expanded.excluded, ...expanded.failed);
            report([...expanded.excluded, ...expanded.failed]);
            if (opts.abortOnError && expanded.failed.length > 0)
                return [...results, ...notRunNow(items, steps.slice(i + 1))];
        }
        catch (err) {
            if ((0,errors/* exitCodeFor */.Rr)(err) === 2)
                throw err;
            const stepFailed = { ...stepBase(endpoints), status: 'failed', bytes: 0, reason: reasonOf(err) };
            results.push(stepFailed);
            report([stepFailed]);
            if (opts.abortOnError)
                return [...results, ...notRunNow(items, steps.slice(i + 1))];
        }
    }
    const parallel = Math.max(1, config.defaults.parallel);
    const limit = (0,src_limit/* createLimiter */.z)(parallel);
    const budget = { waitedSeconds: 0, maxSeconds: opts.maxWaitSeconds };
    let aborted = false;
    const runItem = async (item, checked) => {
        const out = 'srcHead' in checked ? await syncItem(ctx, item, checked, opts, budget) : checked.results;
        if (opts.abortOnError && out.some((r) => r.status === 'failed'))
            aborted = true;
        report(out);
        return out;
    };
    // Items are checked many at a time (the per-host request limit still applies), as regsync starts all steps to look
    // for changes; `parallel` bounds only the items that have something to do, so a no-op run is a few round trips long.
    // The checks in flight are bounded all the same: each holds its requests and their state until answered, and a
    // mirror of thousands of tags checked all at once would hold all of them (memory grew with the tag count).
    // With --abort-on-error the check takes a slot too: "nothing starts after the first failure" then holds in order.
    // A checked item waiting for a copy slot keeps its checker: while copies are the bottleneck, checking more would
    // only queue more.
    const perItem = new Array(items.length);
    await (0,src_limit/* forEachAtMost */.r)(items, opts.abortOnError ? parallel : Math.max(parallel, CHECKS_AT_ONCE), async (item, i) => {
        if (opts.abortOnError && aborted) {
            perItem[i] = notRunNow([item], []);
            return;
        }
        const checked = await checkItem(ctx, item, opts);
        perItem[i] = 'srcHead' in checked ? await limit(() => runItem(item, checked)) : await runItem(item, checked);
    });
    results.push(...perItem.flat());
    // Pruning comes last and only for steps whose tags were listed: a step that could not read its source must not
    // take that as "no tag is wanted any more".
    if (!aborted) {
        for (const endpoints of listed) {
            if (endpoints.type !== 'repository' || !endpoints.step.prune)
                continue;
            const pruned = await pruneTarget(ctx.stores, endpoints.step, endpoints.target, {
                check: opts.mode === 'check',
                ...(opts.shard ? { shard: opts.shard } : {}),
            });
            results.push(...pruned);
            report(pruned);
        }
    }
    return results;
}
const NOT_RUN_REASON = 'not run: --abort-on-error stopped the run after an earlier failure';
/** What `--abort-on-error` never started: each item, and each step not yet expanded, so no entry goes unreported. */
function notRun(items, steps) {
    return [...items.map(base), ...steps.map(stepBase)].map((at) => ({ ...at, status: 'not-run', bytes: 0, reason: NOT_RUN_REASON }));
}
/** Where a step reads and writes, for a step that failed before it had items. */
function stepBase(endpoints) {
    const at = (side) => ('host' in side ? registryAt(side) : (0,report_result/* imageAt */.t3)(side));
    return { op: 'sync', source: at(endpoints.source), target: at(endpoints.target) };
}
function reasonOf(err) {
    return err instanceof Error ? err.message : String(err);
}
/** The step's platform filter (regsync's `platform`, or its `platforms`): what the copy writes and the verifier checks. */
function platformsOf(step) {
    return step.platform ? [step.platform] : step.platforms;
}
function copyOptionsFor(item) {
    const { step, referrerRepos } = item;
    const platforms = platformsOf(step);
    return {
        ...(platforms.length > 0 ? { platforms } : {}),
        sparseIndex: step.platformsIndex === 'sparse',
        ...referrersFor(step),
        ...(referrerRepos.source ? { referrerSource: referrerRepos.source } : {}),
        ...(referrerRepos.target ? { referrerTarget: referrerRepos.target } : {}),
        // A verified image takes its signatures along, so the mirror can be verified in turn.
        digestTags: step.digestTags || step.verify !== undefined,
        includeExternal: step.includeExternal,
        forceRecursive: step.forceRecursive,
        fast: step.fastCheck,
    };
}
/**
 * The step's referrers, and with a policy that reads sigstore bundles, the bundles too: a verified image takes its
 * signatures along in both formats, so the mirror can be verified in turn. Other referrers stay as the step says.
 */
function referrersFor(step) {
    if (!step.verify || !(0,policy/* readsBundles */.Bj)(step.verify) || (step.referrers && step.referrerFilters.length === 0)) {
        return { referrers: step.referrers, referrerFilters: step.referrerFilters };
    }
    const bundles = bundle/* BUNDLE_ARTIFACT_TYPES */.MI.map((artifactType) => ({ artifactType, annotations: {} }));
    return { referrers: true, referrerFilters: step.referrers ? [...step.referrerFilters, ...bundles] : bundles };
}
function base(item) {
    return { op: 'sync', source: (0,report_result/* imageAt */.t3)(item.source), target: (0,report_result/* imageAt */.t3)(item.target) };
}
function failed(item, err) {
    return { ...base(item), status: 'failed', bytes: 0, reason: reasonOf(err) + sparseIndexHint(item, err) };
}
/**
 * regsync's sparse index (the default, so the target keeps the source's digest) names children that were not copied;
 * registries that check an index's children (distribution among them) refuse it: name the setting that fixes it.
 */
function sparseIndexHint(item, err) {
    const refused = err instanceof errors/* RegistryError */.gl && err.operation === 'manifest-put' && err.codes.includes('MANIFEST_BLOB_UNKNOWN');
    if (!refused || item.step.platformsIndex !== 'sparse' || item.step.platforms.length === 0)
        return '';
    return '; this registry refuses an index whose other platforms were not copied (platformsIndex: sparse, the default): set platformsIndex: rewrite on the step or in defaults to push an index of the copied platforms only';
}
function heads(ctx, item) {
    return Promise.all([ctx.stores.storeFor(item.source).headManifest(item.source), ctx.stores.storeFor(item.target).headManifest(item.target)]);
}
async function notFound(ctx, item) {
    return { ...base(item), status: 'failed', bytes: 0, reason: (await (0,failures/* sourceNotFound */.R)(ctx.stores, item.source)).message };
}
/** The two HEADs and what they settle on their own: a missing source, an excluded media type, an unchanged tag. */
async function checkItem(ctx, item, opts) {
    const { step } = item;
    const started = Date.now();
    try {
        const [srcHead, dstHead] = await heads(ctx, item);
        if (!srcHead)
            return { results: [await notFound(ctx, item)] };
        // Repository steps drop these at expansion from the target's tag list; an image step has only this HEAD to ask.
        if (opts.missing && dstHead)
            return { results: [excludedResult(item, ON_TARGET_REASON)] };
        if (step.mediaTypes.length > 0 && !step.mediaTypes.includes(srcHead.mediaType)) {
            return {
                results: [{ ...base(item), status: 'excluded', digest: srcHead.digest, bytes: 0, reason: `media type ${srcHead.mediaType} is not in mediaTypes` }],
            };
        }
        // Before any write and before the unchanged verdict: a policy change shows at once which images it would refuse.
        const rejected = await verifiedOrRejected(ctx, item, srcHead.digest);
        if (rejected)
            return { results: [{ ...rejected, durationMs: Date.now() - started }] };
        // A rate-limited source is looked at again after the wait, so its verdict waits for a copy slot.
        if (step.rateLimit.min > 0 && srcHead.rateLimit?.set)
            return { checkMs: Date.now() - started, srcHead, dstHead };
        const unchanged = unchangedResult(item, copyOptionsFor(item), srcHead, dstHead, started);
        return unchanged ? { results: [unchanged] } : { checkMs: Date.now() - started, srcHead, dstHead };
    }
    catch (err) {
        return { results: [failed(item, err)] };
    }
}
/** The `rejected` result when the step's verify policy refuses the image `digest`; undefined when admitted or unasked. */
async function verifiedOrRejected(ctx, item, digest) {
    const policy = item.step.verify;
    if (!policy)
        return undefined;
    const verdict = await (0,verify/* verifySigned */.M)(ctx.stores.storeFor(item.source), (0,reference/* repositoryOf */._M)(item.source), digest, policy, platformsOf(item.step));
    return verdict.ok ? undefined : { ...base(item), status: 'rejected', digest, bytes: 0, reason: verdict.message };
}
/** The `skipped` result when the two HEADs settle the item (the copy engine's own verdict), undefined when it must look. */
function unchangedResult(item, copyOpts, srcHead, dstHead, started) {
    const digest = (0,copy/* upToDateByHeads */.lZ)(srcHead, dstHead, copyOpts);
    if (digest === undefined)
        return undefined;
    return { ...base(item), status: 'skipped', digest, bytes: 0, reason: copy/* UNCHANGED_REASON */.dd, durationMs: Date.now() - started };
}
async function syncItem(ctx, item, checked, opts, budget) {
    const { step } = item;
    // The clock restarts when the item gets its slot: an image queued behind a large one is not charged for the wait.
    const started = Date.now() - checked.checkMs;
    const copyCtx = { stores: ctx.stores, logger: ctx.logger, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) };
    try {
        let { srcHead, dstHead } = checked;
        if (step.rateLimit.min > 0 && srcHead.rateLimit?.set) {
            const waited = await waitForRateLimit(ctx, item, srcHead, budget);
            if (waited.gaveUp)
                return [{ ...base(item), status: 'failed', bytes: 0, reason: waited.reason }];
            if (waited.seconds > 0)
                [srcHead, dstHead] = await heads(ctx, item);
            if (!srcHead)
                return [await notFound(ctx, item)];
            if (srcHead.digest !== checked.srcHead.digest) {
                const rejected = await verifiedOrRejected(ctx, item, srcHead.digest);
                if (rejected)
                    return [rejected];
            }
        }
        // With a verify policy the copy reads the digest that was verified, never what the tag names by then.
        const source = step.verify ? { ...item.source, digest: srcHead.digest } : item.source;
        const copyOpts = { ...copyOptionsFor(item), heads: { source: srcHead, target: dstHead } };
        const unchanged = unchangedResult(item, copyOpts, srcHead, dstHead, started);
        if (unchanged)
            return [unchanged];
        const remaining = srcHead.rateLimit?.set ? srcHead.rateLimit.remaining : undefined;
        const withRate = (r) => remaining === undefined
            ? r
            : { ...r, details: { ...(r.details?.kind === 'transfer' ? r.details : { kind: 'transfer' }), rateLimitRemaining: remaining } };
        // `check` walks the whole copy read-only so the plan can say what would move; `once` walks it only when a backup
        // depends on the digest a platform filter would produce.
        const needsPlan = opts.mode === 'check' || ((0,copy/* digestFromHead */.rG)(srcHead, copyOpts) === undefined && dstHead !== undefined && step.backup !== undefined);
        const planned = needsPlan ? await (0,copy/* copyImage */.L1)(copyCtx, source, item.target, { ...copyOpts, dryRun: true }) : undefined;
        if (planned?.status === 'skipped')
            return [withRate({ ...planned, op: 'sync' })];
        const out = [];
        if (dstHead && step.backup && dstHead.digest !== (planned?.digest ?? srcHead.digest)) {
            const backup = await backUp(copyCtx, item, dstHead, opts.mode);
            out.push(backup);
            if (backup.status === 'failed') {
                out.push({
                    ...base(item),
                    status: 'failed',
                    bytes: 0,
                    reason: `not overwritten: the backup of ${(0,reference/* formatReference */.FH)(item.target)} failed, so the old image would have no way back`,
                });
                return out;
            }
        }
        const done = planned && opts.mode === 'check' ? planned : await (0,copy/* copyImage */.L1)(copyCtx, source, item.target, copyOpts);
        out.push(withRate({ ...done, op: 'sync', durationMs: Date.now() - started }));
        return out;
    }
    catch (err) {
        // Even a usage error found this late (a platform the source lacks) belongs to this item alone: thrown, it would
        // end the run while other items are still copying.
        return [failed(item, err)];
    }
}
async function backUp(ctx, item, current, mode) {
    const target = item.target;
    const result = { op: 'backup', source: (0,report_result/* imageAt */.t3)(target), digest: current.digest };
    let backupRef;
    try {
        backupRef = backupReference(item, current);
        const r = await (0,copy/* copyImage */.L1)(ctx, (0,reference/* withDigest */.hQ)(target, current.digest), backupRef, { dryRun: mode === 'check' });
        return { ...r, ...result, status: mode === 'check' ? 'would-backup' : 'backed-up', target: (0,report_result/* imageAt */.t3)(backupRef) };
    }
    catch (err) {
        // A template that names no usable reference fails this backup (and so keeps the old tag), not the whole run.
        return { ...result, status: 'failed', ...(backupRef ? { target: (0,report_result/* imageAt */.t3)(backupRef) } : {}), bytes: 0, reason: reasonOf(err) };
    }
}
function backupReference(item, current) {
    const target = item.target;
    const name = (0,load/* expandBackup */.x7)(item.step, {
        Reference: (0,reference/* formatReference */.FH)(target),
        Registry: target.scheme === 'registry' ? target.registry : '',
        Repository: target.scheme === 'registry' ? target.repository : target.path,
        Tag: target.tag ?? '',
        Digest: current.digest,
    });
    if (name === undefined)
        throw new Error('backUp called for a step without backup');
    // regsync's rule: a name with `/` or `:` is a whole reference, anything else a tag beside the target.
    return /[/:]/.test(name)
        ? (0,reference/* parseReference */.F2)(name)
        : (0,reference/* withTag */.Rd)((0,reference/* repositoryOf */._M)(target), (0,names/* parseTag */.ED)(name, `the backup name of sync[${item.step.index}] (${item.step.file}:${item.step.line}:${item.step.column})`));
}


/***/ })

};
