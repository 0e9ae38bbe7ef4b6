// The store a dry run writes through: reads reach the registry or layout, writes are planned and never made. It sits
// on the host side of the script worker, so no code in the worker (the script, the API, a bug in either) can write
// during a dry run: the one place that decides is this class.
import { digestOf } from '../../oci/digest.js';
import type { Descriptor } from '../../oci/manifest.js';
import type { Reference } from '../../oci/reference.js';
import { StoreDecorator } from '../../store/decorator.js';
import type { BlobContent, ManifestHead } from '../../store/store.js';

export class DryRunStore extends StoreDecorator {
  override async putManifest(_ref: Reference, bytes: Uint8Array, _mediaType: string): Promise<string> {
    return digestOf(bytes);
  }
  override async deleteManifest(_ref: Reference): Promise<void> {}
  override async deleteTag(_ref: Reference, _current?: ManifestHead): Promise<void> {}
  override async putBlob(_repo: Reference, _desc: Descriptor, content: BlobContent): Promise<void> {
    (await content).destroy();
  }
  /** Declined: a dry run links nothing, and a caller that would then upload is itself planning. */
  override async mountBlob(_repo: Reference, _digest: string, _from: Reference): Promise<boolean> {
    return false;
  }
}
