import type { HostBridge } from '@shared/bridge/contract';
import type { QabyldauDb } from '../db/database';
import type { Signer } from '../outbox/outbox';
import { requireOperator } from './operator';

/** The outbox's signer: the host signs with the unlocked key and checks it against the signed-in operator. */
export function hostSigner(bridge: HostBridge, db: QabyldauDb): Signer {
  return {
    async operatorIin() {
      return (await requireOperator(db)).iin;
    },
    async sign(manifest) {
      const operator = await requireOperator(db);
      const result = await bridge.call('sign.manifest', { manifest, expectedSignerIin: operator.iin });
      return {
        cmsBase64: result.cmsBase64,
        signedAt: result.signedAt,
        signerName: result.certificate.ownerName,
        signerIin: result.certificate.iin,
      };
    },
  };
}
