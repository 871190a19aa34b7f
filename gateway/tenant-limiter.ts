import { GraphQLError } from 'graphql';

/**
 * Fairness between tenants at the gateway: each organisation may have a bounded number of
 * requests in flight; more wait in that organisation's own queue (bounded too), and past that
 * are refused with RATE_LIMITED. One tenant running the heaviest queries the cost limit allows
 * therefore occupies at most `perOrganisation` slots of the subgraphs, whatever its client's
 * concurrency, and another tenant's request never waits behind its queue.
 */
export interface TenantLimiterOptions {
  /** Requests of one organisation executing at once. */
  perOrganisation: number;
  /** Requests of one organisation waiting for a slot; beyond, RATE_LIMITED. */
  queuePerOrganisation: number;
}

interface Lane {
  running: number;
  waiting: Array<() => void>;
}

export class TenantLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly options: TenantLimiterOptions) {}

  /** Waits for a slot of `organisation`; resolves to the function that gives it back (call it once). */
  async acquire(organisation: string): Promise<() => void> {
    const lane = this.lanes.get(organisation) ?? { running: 0, waiting: [] };
    this.lanes.set(organisation, lane);
    if (lane.running >= this.options.perOrganisation) {
      if (lane.waiting.length >= this.options.queuePerOrganisation) {
        throw new GraphQLError(
          `too many concurrent requests from your organisation (${this.options.perOrganisation} running, ${this.options.queuePerOrganisation} waiting); retry when earlier ones have finished`,
          { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } },
        );
      }
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      lane.running += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) {
        next(); // the slot passes straight to the next waiter
      } else {
        lane.running -= 1;
        if (lane.running === 0) this.lanes.delete(organisation);
      }
    };
  }

  /** Requests running and waiting for an organisation (for tests and metrics). */
  load(organisation: string): { running: number; waiting: number } {
    const lane = this.lanes.get(organisation);
    return { running: lane?.running ?? 0, waiting: lane?.waiting.length ?? 0 };
  }
}
