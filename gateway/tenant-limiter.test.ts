import { GraphQLError } from 'graphql';
import { TenantLimiter } from './tenant-limiter';

describe('TenantLimiter', () => {
  it('lets an organisation run up to its limit, queues the next ones, and hands a freed slot to the first waiter', async () => {
    const limiter = new TenantLimiter({ perOrganisation: 2, queuePerOrganisation: 5 });
    const a = await limiter.acquire('noisy');
    const b = await limiter.acquire('noisy');
    let thirdStarted = false;
    const third = limiter.acquire('noisy').then((release) => {
      thirdStarted = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    expect(limiter.load('noisy')).toEqual({ running: 2, waiting: 1 });
    a();
    const releaseThird = await third;
    expect(thirdStarted).toBe(true);
    expect(limiter.load('noisy')).toEqual({ running: 2, waiting: 0 });
    b();
    releaseThird();
    expect(limiter.load('noisy')).toEqual({ running: 0, waiting: 0 });
  });

  it('never makes another organisation wait for a busy one', async () => {
    const limiter = new TenantLimiter({ perOrganisation: 1, queuePerOrganisation: 1 });
    await limiter.acquire('noisy');
    void limiter.acquire('noisy');
    const quiet = await limiter.acquire('quiet');
    expect(limiter.load('quiet')).toEqual({ running: 1, waiting: 0 });
    quiet();
  });

  it('refuses with RATE_LIMITED once the organisation queue is full, and a double release gives back one slot only', async () => {
    const limiter = new TenantLimiter({ perOrganisation: 1, queuePerOrganisation: 1 });
    const first = await limiter.acquire('noisy');
    void limiter.acquire('noisy');
    const refused = await limiter.acquire('noisy').catch((e: GraphQLError) => e);
    expect((refused as GraphQLError).extensions.code).toBe('RATE_LIMITED');
    first();
    first();
    expect(limiter.load('noisy')).toEqual({ running: 1, waiting: 0 });
  });
});
