import type { TestHub } from './hub';

/**
 * The shared setting of the end-to-end tests: the instant their hubs run at, the organisations
 * and tokens of the two parties and of two strangers, and contracts built through the API.
 *
 * Every e2e hub runs on a `manualClock` (services/platform/clock.ts) set at a fixed instant, so no
 * test reads the wall clock or sleeps: a test that needs time to pass moves the clock.
 */

/** The instant the e2e hubs start at unless a file needs another: Monday 15 June 2026, 10:00 UTC. */
export const NOW = '2026-06-15T10:00:00Z';

/** An instant `seconds` after (or before, when negative) `from`, as ISO text. */
export function isoAfter(from: string | Date, seconds: number): string {
  return new Date(new Date(from).getTime() + seconds * 1000).toISOString();
}

export type Kind = 'CLIENT' | 'CENTRE';

/** The client, the centre serving it, and a stranger of each kind. */
export const PARTIES = {
  client: 'acme',
  otherClient: 'umbrella',
  centre: 'callco',
  otherCentre: 'phoneco',
} as const;

export interface Parties {
  /** acme, a client organisation (read, write). */
  client: string;
  /** umbrella, a client that is party to none of acme's contracts. */
  otherClient: string;
  /** callco, the centre serving acme's contracts unless a test says otherwise. */
  centre: string;
  /** phoneco, a centre serving none of them. */
  otherCentre: string;
  /** acme with the read role only. */
  readOnly: string;
}

/**
 * Registers acme and umbrella (clients), callco and phoneco (centres), then `more`, and returns a
 * token for each party. `names` overrides the display name of any of them (the id otherwise).
 */
export async function registerParties(
  t: TestHub,
  options: { names?: Record<string, string>; more?: Array<{ id: string; kind: Kind; name?: string }> } = {},
): Promise<Parties> {
  const name = (id: string) => options.names?.[id] ?? id;
  await t.organisations([
    { id: PARTIES.client, kind: 'CLIENT', name: name(PARTIES.client) },
    { id: PARTIES.otherClient, kind: 'CLIENT', name: name(PARTIES.otherClient) },
    { id: PARTIES.centre, kind: 'CENTRE', name: name(PARTIES.centre) },
    { id: PARTIES.otherCentre, kind: 'CENTRE', name: name(PARTIES.otherCentre) },
    ...(options.more ?? []).map((o) => ({ ...o, name: o.name ?? name(o.id) })),
  ]);
  return {
    client: t.token(PARTIES.client),
    otherClient: t.token(PARTIES.otherClient),
    centre: t.token(PARTIES.centre),
    otherCentre: t.token(PARTIES.otherCentre),
    readOnly: t.token(PARTIES.client, ['read']),
  };
}

/** A QueueInput; channel VOICE and time zone Europe/Paris unless given. */
export interface QueueSpec {
  name: string;
  channel?: string;
  direction?: string;
  timeZone?: string;
  openingHours?: Array<{ weekday: string; opens: string; closes: string }>;
}

/** An SlaTargetInput; `queue` is the index of one of the contract's queues (left out: contract-wide). */
export type TargetSpec = { metric: string; goal: number; window: string; queue?: number } & Record<string, unknown>;

export interface ContractSpec {
  /** The centre serving it: callco unless given. */
  centreId?: string;
  title?: string;
  reference?: string;
  startDate?: string;
  endDate?: string;
  currency?: string;
  monthlyFeeMinor?: number;
  /** When every step counts from (the hub's now when left out). */
  effectiveFrom?: string;
  queues?: Array<string | QueueSpec>;
  targets?: TargetSpec[];
  /** A ComplaintTermsInput, set after the targets. */
  complaintTerms?: Record<string, unknown>;
  /** Activates it at the end (a draft otherwise). */
  activate?: boolean;
}

export interface ContractFixture {
  id: string;
  queueIds: string[];
  targetIds: string[];
}

/** The queue of `activeContract` unless given. */
export const BILLING_QUEUE: QueueSpec = { name: 'Billing', channel: 'VOICE', timeZone: 'Europe/Paris' };
/** The target of `activeContract` unless given: 80 % answered within 20 s each day. */
export const SERVICE_LEVEL_TARGET: TargetSpec = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY' };

/**
 * Creates a contract through the API as `token` (a client's): a draft from startDate 2026-01-01
 * in EUR, then its queues, targets and complaint terms in that order, activated if asked.
 */
export async function setUpContract(t: TestHub, token: string, spec: ContractSpec = {}): Promise<ContractFixture> {
  const c = t.client(token);
  const f = spec.effectiveFrom ?? null;
  const input = {
    title: spec.title ?? 'Acme care',
    reference: spec.reference,
    centreId: spec.centreId ?? PARTIES.centre,
    startDate: spec.startDate ?? '2026-01-01',
    endDate: spec.endDate,
    currency: spec.currency ?? 'EUR',
    monthlyFeeMinor: spec.monthlyFeeMinor,
  };
  const created = await c.request<{ createContract: { id: string } }>(
    `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`,
    { input, f },
  );
  const id = created.createContract.id;
  const queueIds: string[] = [];
  for (const queue of spec.queues ?? []) {
    const q = typeof queue === 'string' ? { name: queue } : queue;
    const added = await c.request<{ addQueue: { id: string } }>(
      `mutation($c: ID!, $input: QueueInput!, $f: DateTime) { addQueue(contractId: $c, input: $input, effectiveFrom: $f) { id } }`,
      { c: id, input: { channel: 'VOICE', timeZone: 'Europe/Paris', ...q }, f },
    );
    queueIds.push(added.addQueue.id);
  }
  const targetIds: string[] = [];
  for (const { queue, ...target } of spec.targets ?? []) {
    if (queue !== undefined && queueIds[queue] === undefined) throw new Error(`target on queue ${queue}, but the contract has ${queueIds.length} queues`);
    const set = await c.request<{ setSlaTarget: { id: string } }>(
      `mutation($c: ID!, $input: SlaTargetInput!, $f: DateTime) { setSlaTarget(contractId: $c, input: $input, effectiveFrom: $f) { id } }`,
      { c: id, input: queue === undefined ? target : { ...target, queueId: queueIds[queue] }, f },
    );
    targetIds.push(set.setSlaTarget.id);
  }
  if (spec.complaintTerms) {
    await c.request(`mutation($c: ID!, $terms: ComplaintTermsInput!, $f: DateTime) { setComplaintTerms(contractId: $c, terms: $terms, effectiveFrom: $f) { id } }`, {
      c: id,
      terms: spec.complaintTerms,
      f,
    });
  }
  if (spec.activate) {
    await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id, f });
  }
  return { id, queueIds, targetIds };
}

/**
 * An active contract of `token`'s organisation with one queue and one service-level target on it
 * (BILLING_QUEUE and SERVICE_LEVEL_TARGET unless `spec` gives its own).
 */
export async function activeContract(
  t: TestHub,
  token: string,
  spec: Omit<ContractSpec, 'activate'> = {},
): Promise<{ id: string; queueId: string; targetId: string }> {
  const made = await setUpContract(t, token, {
    queues: [BILLING_QUEUE],
    targets: [{ ...SERVICE_LEVEL_TARGET, queue: 0 }],
    ...spec,
    activate: true,
  });
  return { id: made.id, queueId: made.queueIds[0], targetId: made.targetIds[0] };
}
