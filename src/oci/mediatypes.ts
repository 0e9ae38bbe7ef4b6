export const MediaType = {
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
} as const;

export const INDEX_MEDIA_TYPES: readonly string[] = [MediaType.OciIndex, MediaType.DockerManifestList];
export const IMAGE_MEDIA_TYPES: readonly string[] = [MediaType.OciManifest, MediaType.DockerManifest];

/** Every manifest type a registry may hold; sent as `Accept` so no registry falls back to schema 1. */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  MediaType.OciIndex,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.DockerManifest,
  MediaType.DockerManifestV1Signed,
  MediaType.DockerManifestV1,
];

export function isIndexMediaType(mt: string | undefined): boolean {
  return mt !== undefined && INDEX_MEDIA_TYPES.includes(mt);
}

export function isImageMediaType(mt: string | undefined): boolean {
  return mt !== undefined && IMAGE_MEDIA_TYPES.includes(mt);
}

/** Foreign and non-distributable layers are not copied unless the user asks (`--include-external`). */
export function isExternalLayerMediaType(mt: string): boolean {
  return mt.includes('.foreign.') || mt.includes('.nondistributable.');
}
