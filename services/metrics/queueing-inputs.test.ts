import { offeredLoadErlangs } from './queueing-inputs';

describe('offered load', () => {
  it('is calls x AHT / interval length', () => {
    // 360 calls an hour of 4 minutes each keep 24 agents busy on average.
    expect(offeredLoadErlangs(360, 240, 3600)).toBeCloseTo(24, 12);
    expect(offeredLoadErlangs(100, 180, 1800)).toBeCloseTo(10, 12);
  });
});
