import { AppError } from '@shared/errors';
import type { Clock } from '../keystore/clock';
import { systemClock } from '../keystore/clock';

export interface OperatorSessionView {
  iin: string;
  name: string;
  since: string;
}

/**
 * The operator signed in at this desk, held by the host. A signature needs both an unlocked key and this session
 * for the same ИИН: an unlocked key left behind after sign-out, or after the host restarted, signs nothing. The
 * session ends on sign-out (which also locks the key), on a host restart, and after `maxSeconds` (a shift).
 */
export class OperatorSession {
  private current: { iin: string; name: string; since: number } | null = null;

  constructor(
    private readonly options: { maxSeconds?: number; clock?: Clock } = {},
  ) {}

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  signIn(iin: string, name: string): OperatorSessionView {
    this.current = { iin, name, since: this.clock.now() };
    return this.view()!;
  }

  signOut(): void {
    this.current = null;
  }

  view(): OperatorSessionView | null {
    const c = this.current;
    if (!c) return null;
    if (this.clock.now() - c.since > (this.options.maxSeconds ?? 12 * 3600) * 1000) {
      this.current = null;
      return null;
    }
    return { iin: c.iin, name: c.name, since: new Date(c.since).toISOString() };
  }

  /** Throws unless an operator with this ИИН is signed in now. */
  require(iin: string): void {
    const v = this.view();
    if (!v) throw new AppError('signing:noOperatorSession');
    if (v.iin !== iin) throw new AppError('signing:iinMismatch', { certificateIin: v.iin, expectedIin: iin });
  }
}
