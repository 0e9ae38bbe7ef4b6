// Case (c): a retag inside one repository and a copy to another repository of the same registry should move no blob
// bytes at all (nothing to move, and a cross-repository mount), whatever the image's size.
import { formatMethods, summarizeAccess, type AccessSummary } from './access.js';
import { regkitCopy, skopeoCopyTimed } from './clients.js';
import { bar, mib, seconds, type Bar, type CaseResult } from './report.js';
import type { BenchSource } from './setup.js';

interface SameRegistryRun {
  ms: number;
  access: AccessSummary;
}

/** Zero bytes, and no blob request of any size either (a blob missing from the fixture would price at 0). */
function noBlobBytes(what: string, access: AccessSummary): Bar {
  return { ...bar(what, access.blobBytes, '==', 0), met: access.blobBytes === 0 && access.blobGets === 0 && access.uploadBodies === 0 };
}

export async function sameRegistryCase(source: BenchSource): Promise<CaseResult> {
  const { registry, app } = source;
  const from = `${registry.host}/${app.repository}:${app.tag}`;
  const run = async (tool: 'regkit' | 'skopeo', to: string): Promise<SameRegistryRun> => {
    registry.clearRequests();
    const timed = tool === 'regkit' ? await regkitCopy(from, to, [registry.host]) : await skopeoCopyTimed(from, to);
    return { ms: timed.ms, access: summarizeAccess(registry.requests(), app.sizes) };
  };
  const retag = {
    regkit: await run('regkit', `${registry.host}/${app.repository}:retag-regkit`),
    skopeo: await run('skopeo', `${registry.host}/${app.repository}:retag-skopeo`),
  };
  const cross = {
    regkit: await run('regkit', `${registry.host}/bench/other-regkit:${app.tag}`),
    skopeo: await run('skopeo', `${registry.host}/bench/other-skopeo:${app.tag}`),
  };
  const moved = (r: SameRegistryRun) => `${mib(r.access.blobBytes)} (${r.access.blobGets} blob GETs, ${r.access.uploadBodies} upload bodies)`;
  return {
    id: 'c',
    title: 'retag inside one repository, copy to another repository of the same registry',
    figures: [
      { what: 'retag: blob bytes moved', regkit: moved(retag.regkit), other: moved(retag.skopeo) },
      { what: 'retag: requests', regkit: formatMethods(retag.regkit.access.byMethod), other: formatMethods(retag.skopeo.access.byMethod) },
      { what: 'retag: wall time', regkit: seconds(retag.regkit.ms), other: seconds(retag.skopeo.ms) },
      { what: 'other repository: blob bytes moved', regkit: moved(cross.regkit), other: moved(cross.skopeo) },
      { what: 'other repository: requests', regkit: formatMethods(cross.regkit.access.byMethod), other: formatMethods(cross.skopeo.access.byMethod) },
      { what: 'other repository: wall time', regkit: seconds(cross.regkit.ms), other: seconds(cross.skopeo.ms) },
    ],
    bars: [noBlobBytes('retag: blob bytes moved', retag.regkit.access), noBlobBytes('other repository: blob bytes moved', cross.regkit.access)],
    data: { retag, cross },
  };
}
