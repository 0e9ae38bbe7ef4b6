// `blob.get(ref[, digest])`, `blob.head(ref[, digest])`, `blob.put(ref, content)` and the blob userdata
// (`b:get()`, `b:head()`, `b:put(ref)`). A blob userdata carries where the blob lives, not its bytes: `blob.put`
// of a blob streams it from there. regbot's `blob.put(ref, "text")` reads its first argument as the content (a
// bug); here the second argument is the content, as documented.
import { Readable } from 'node:stream';
import { RegistryError } from '../../../errors.js';
import { digestOf, DigestVerifier } from '../../../oci/digest.js';
import { formatReference, isValidDigest, repositoryOf, withDigest, type Reference } from '../../../oci/reference.js';
import { labelled, type ApiContext } from '../context.js';
import { lua, raise, setFunction, to_luastring, typeName, type LuaState } from '../fengari.js';
import { configBytes } from './image.js';
import { referenceArg } from './reference.js';
import { BlobHandle, ConfigHandle } from '../handles.js';
import { descriptorFields } from '../regbot-shapes.js';
import { handleAt, pushUserdata, type UserdataType } from '../userdata.js';
import { imageAt } from '../../../report/result.js';

const OCTET_STREAM = 'application/octet-stream';

export function installBlob(L: LuaState, ctx: ApiContext): void {
  const blobType: UserdataType = { name: 'regkit.blob', methods: {} };
  const pushBlob = (L2: LuaState, b: BlobHandle): number => {
    pushUserdata(L2, blobType, b, descriptorFields({ mediaType: OCTET_STREAM, digest: b.digest, size: b.size }));
    return 1;
  };

  /** The reference and digest a get/head names: `(ref[, digest])`, or a blob userdata. */
  const target = (L2: LuaState): { ref: Reference; digest: string } => {
    const b = handleAt(L2, 1, BlobHandle);
    if (b) return { ref: b.ref, digest: b.digest };
    const ref = referenceArg(L2, 1);
    const digest = lua.lua_type(L2, 2) === lua.LUA_TSTRING ? lua.lua_tojsstring(L2, 2) : ref.digest;
    if (digest === undefined || !isValidDigest(digest))
      return raise(L2, `a blob digest is needed: pass it as argument 2 or in the reference (repo@sha256:...)`);
    return { ref, digest };
  };

  const headBlob = async (ref: Reference, digest: string): Promise<BlobHandle> => {
    const size = await ctx.storeFor(ref).headBlob(repositoryOf(ref), digest);
    if (size === undefined) {
      throw new RegistryError(`blob ${digest} not found`, {
        status: 404,
        registry: ref.scheme === 'registry' ? ref.registry : ref.path,
        repository: ref.scheme === 'registry' ? ref.repository : undefined,
        operation: 'blob-head',
      });
    }
    return new BlobHandle(ref, digest, size);
  };

  // Both look the blob up with HEAD: content is only ever read when a blob is put somewhere else.
  const get = ctx.asyncFunction((L2) => {
    const { ref, digest } = target(L2);
    return { promise: labelled('blob.get', `${formatReference(repositoryOf(ref))}@${digest}`, headBlob(ref, digest)), push: pushBlob };
  });
  const head = get;

  const put = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    const repo = repositoryOf(ref);
    const store = ctx.storeFor(ref);
    let content: () => Promise<{ digest: string; size: number; stream: () => Promise<Readable> }>;
    const source = handleAt(L2, 2, BlobHandle);
    const config = handleAt(L2, 2, ConfigHandle);
    if (lua.lua_type(L2, 2) === lua.LUA_TSTRING || config) {
      const bytes = config ? configBytes(config) : Buffer.from(lua.lua_tostring(L2, 2)!);
      content = async () => ({ digest: digestOf(bytes), size: bytes.length, stream: async () => Readable.from([Buffer.from(bytes)]) });
    } else if (source) {
      const desc = { mediaType: OCTET_STREAM, digest: source.digest, size: source.size };
      content = async () => ({
        ...desc,
        stream: async () =>
          (await ctx.storeFor(source.ref).getBlob(repositoryOf(source.ref), desc)).pipe(new DigestVerifier(desc.digest, desc.size, `blob ${desc.digest}`)),
      });
    } else {
      return raise(L2, `bad argument #2: blob content expected (a string, a blob or a config), got ${typeName(L2, 2)}`);
    }
    const entry = ctx.journal.record('blob.put', { target: imageAt(repo), ...ctx.lineFields(L2) });
    const work = ctx.perform(entry, async () => {
      const c = await content();
      entry.digest = c.digest;
      entry.target = imageAt(withDigest(repo, c.digest));
      if ((await store.headBlob(repo, c.digest)) === undefined) {
        await store.putBlob(repo, { mediaType: OCTET_STREAM, digest: c.digest, size: c.size }, await c.stream());
      }
      return c;
    });
    return {
      promise: labelled('blob.put', repo, work),
      push: (L3, c: { digest: string; size: number }) => {
        lua.lua_pushstring(L3, to_luastring(c.digest));
        lua.lua_pushnumber(L3, c.size);
        return 2;
      },
    };
  });

  blobType.methods = {
    get,
    head,
    put: (L2) => {
      // `b:put(ref)` pushes this blob to ref: the arguments arrive as (blob, ref) and blob.put wants (ref, blob).
      lua.lua_insert(L2, 1);
      lua.lua_settop(L2, 2);
      return put(L2);
    },
  };

  lua.lua_createtable(L, 0, 3);
  setFunction(L, 'get', get);
  setFunction(L, 'head', head);
  setFunction(L, 'put', put);
  lua.lua_setglobal(L, to_luastring('blob'));
}
