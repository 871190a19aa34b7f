/**
 * Where "now" comes from. Every process takes a clock at start; each request reads it once, so
 * one request sees one instant, and tests run the whole hub on a fixed or stepped clock without
 * reading the wall clock or sleeping.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock tests set and move by hand. */
export function manualClock(start: Date | string): Clock & { set(at: Date | string): void; advance(seconds: number): void } {
  let current = new Date(start);
  const clock = (() => new Date(current)) as Clock & { set(at: Date | string): void; advance(seconds: number): void };
  clock.set = (at) => {
    current = new Date(at);
  };
  clock.advance = (seconds) => {
    current = new Date(current.getTime() + seconds * 1000);
  };
  return clock;
}
