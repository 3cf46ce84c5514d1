import type { z } from 'zod';
import { signingBridgeMethods, type SigningBridgeMethod } from '../../shared/signing/schemas';
import type { Keystore } from '../keystore/keystore';
import type { CrlCache } from './crl-cache';
import { signManifest, type SignManifestDeps } from './sign-manifest';

type Args<M extends SigningBridgeMethod> = z.input<(typeof signingBridgeMethods)[M]['args']>;
type Result<M extends SigningBridgeMethod> = z.output<(typeof signingBridgeMethods)[M]['result']>;

export type SigningHandlers = { [M in SigningBridgeMethod]: (args: Args<M>) => Promise<Result<M>> };

export interface SigningHandlerDeps extends SignManifestDeps {
  keystore: Keystore;
  crl: CrlCache;
  /** Maps a renderer-supplied path (an inbox file name) to a host path; reject anything outside allowed folders. */
  resolveImportPath?: (path: string) => string;
}

/**
 * Host-bridge handlers for `keystore.*` and `sign.manifest`. Arguments are parsed with the contract schemas and
 * every result is parsed with the strict result schema on the way out, so a field that is not in the contract
 * (a key, a password) fails loudly here instead of reaching the renderer.
 */
export function createSigningHandlers(deps: SigningHandlerDeps): SigningHandlers {
  const m = signingBridgeMethods;
  const status = () => m['keystore.status'].result.parse({ ...deps.keystore.state(), crl: deps.crl.status() });
  return {
    'keystore.status': async (args) => {
      m['keystore.status'].args.parse(args);
      return status();
    },
    'keystore.import': async (args) => {
      const parsed = m['keystore.import'].args.parse(args);
      const path = parsed.path !== undefined && deps.resolveImportPath ? deps.resolveImportPath(parsed.path) : parsed.path;
      await deps.keystore.import({ ...parsed, path });
      return status();
    },
    'keystore.unlock': async (args) => {
      const parsed = m['keystore.unlock'].args.parse(args);
      await deps.keystore.unlock(parsed.password);
      return status();
    },
    'keystore.lock': async (args) => {
      m['keystore.lock'].args.parse(args);
      deps.keystore.lock();
      return status();
    },
    'sign.manifest': async (args) => {
      const parsed = m['sign.manifest'].args.parse(args);
      return m['sign.manifest'].result.parse(await signManifest(deps, parsed));
    },
  };
}
