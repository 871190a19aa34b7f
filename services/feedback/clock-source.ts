/**
 * The feedback subgraph's notion of "now" (milliseconds). Complaint clocks depend on it, so the
 * end-to-end tests, which run the hub in their own process, set it to walk a complaint across a
 * weekend or a DST change; nothing else changes it.
 */
export const feedbackClock = { now: (): number => Date.now() };
