import { DataSource } from 'typeorm';
import { Viewer } from '../platform/auth';
import { ContractFacts, QueueFacts } from '../clients/contracts';
import { DEMO, DEMO_QUEUE_HOURS } from '../demo/ids';
import { closeCalibrationSession, openCalibrationSession, recordCalibrationScores } from './calibration';
import { ContractFactsSource, QualityContext } from './context';
import { recordEvaluations, EvaluationInput } from './evaluations';
import { defineScorecard, reviseScorecard, ScorecardInput } from './scorecards';
import type { AnswerInput } from './answers';

/**
 * Demo data: a scorecard on the Northwind–Contoso contract (two versions), a few hundred
 * evaluations over the eight demo weeks from both parties, and two closed calibration sessions
 * in which the centre evaluator cx-qa-2 is visibly lenient. Everything goes through the use
 * cases, so the demo history is real history. Deterministic: the same on every start.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CONTRACT = DEMO.contracts.northwindContoso;
const CLIENT = 'northwind';
const CENTRE = 'contoso';
const QUEUES = [
  { id: DEMO.queues.northwindBilling, channel: 'VOICE' },
  { id: DEMO.queues.northwindOutages, channel: 'VOICE' },
  { id: DEMO.queues.northwindEmail, channel: 'EMAIL' },
];

/** A small deterministic generator, so the demo is the same on every start. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The seed runs without the contracts subgraph: it answers for the demo contract itself. */
function demoContracts(): ContractFactsSource {
  const contract: ContractFacts = {
    id: CONTRACT, status: 'ACTIVE', clientId: CLIENT, centreId: CENTRE, monthlyFeeMinor: null, currency: 'EUR',
    queues: QUEUES.map((q) => ({ id: q.id, timeZone: DEMO_QUEUE_HOURS[q.id].timeZone })), slaTargets: [], complaintTerms: null,
  };
  const queue = (id: string): QueueFacts | null =>
    QUEUES.some((q) => q.id === id) ? { id, timeZone: DEMO_QUEUE_HOURS[id].timeZone, contractId: CONTRACT, contractStatus: 'ACTIVE', clientId: CLIENT, centreId: CENTRE } : null;
  return { contract: { load: async (id: string) => (id === CONTRACT ? contract : null) }, queue: { load: async (id: string) => queue(id) } };
}

const yesNo = (key: string, title: string, weight: number, extra: { critical?: boolean; allowNotApplicable?: boolean } = {}) => ({ key, title, weight, scale: 'YES_NO_NA', ...extra });
const rating = (key: string, title: string, weight: number) => ({ key, title, weight, scale: 'ONE_TO_FIVE' });

const VERSION_1: ScorecardInput = {
  name: 'Northwind customer contact quality',
  passMark: 80,
  sections: [
    { key: 'opening', title: 'Opening', weight: 1, criteria: [yesNo('greeting', 'Greets with the Northwind greeting', 1), yesNo('identity', 'Verifies the customer identity before account details', 2, { critical: true, allowNotApplicable: true })] },
    {
      key: 'handling',
      title: 'Handling',
      weight: 2,
      criteria: [rating('understanding', 'Understands the request', 2), rating('accuracy', 'Gives accurate information', 3), yesNo('hold', 'Asks before putting on hold', 1, { allowNotApplicable: true })],
    },
    { key: 'closing', title: 'Closing', weight: 1, criteria: [yesNo('summary', 'Summarises what was agreed', 1), rating('next-steps', 'Explains the next steps', 1)] },
  ],
};

/** Version 2 adds empathy to handling and raises the pass mark. */
const VERSION_2: ScorecardInput = {
  ...VERSION_1,
  passMark: 82,
  sections: VERSION_1.sections.map((s) => (s.key === 'handling' ? { ...s, criteria: [...s.criteria, rating('empathy', 'Shows empathy', 1)] } : s)),
};

const AGENTS = Array.from({ length: 12 }, (_, i) => ({ ref: `cx-agent-${String(i + 1).padStart(2, '0')}`, skill: 0.62 + ((i * 7) % 12) * 0.028 }));
/** Evaluators and their leniency (added to the probability of a good answer). cx-qa-2 is the lenient one. */
const EVALUATORS = {
  centre: [{ ref: 'cx-qa-1', bias: 0.02 }, { ref: 'cx-qa-2', bias: 0.3 }, { ref: 'cx-qa-3', bias: -0.02 }],
  client: [{ ref: 'nw-qa-1', bias: -0.04 }, { ref: 'nw-qa-2', bias: 0 }],
};

function answersFor(input: ScorecardInput, quality: number, bias: number, next: () => number): AnswerInput[] {
  const p = Math.max(0.02, Math.min(0.99, quality + bias));
  return input.sections.flatMap((s) =>
    s.criteria.map((c) => {
      if (c.key === 'identity') return { criterionKey: c.key, value: next() < 0.1 ? 'NA' : next() < 0.03 + (1 - p) * 0.05 ? 'NO' : 'YES' };
      if (c.key === 'hold' && next() < 0.4) return { criterionKey: c.key, value: 'NA' };
      if (c.scale === 'YES_NO_NA') return { criterionKey: c.key, value: next() < p ? 'YES' : 'NO' };
      // Leniency lifts ratings too: +0.3 is about one point on the 1-5 scale.
      const v = Math.round(1 + 4 * quality + 4 * bias + (next() - 0.5) * 1.6);
      return { criterionKey: c.key, value: String(Math.max(1, Math.min(5, v))) };
    }),
  );
}

export async function seedQuality(db: DataSource, now = Date.now()): Promise<void> {
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM quality_scorecards');
  if (Number(n) > 0) return;
  const contracts = demoContracts();
  const ctxAt = (org: string, at: number): QualityContext => {
    const viewer: Viewer = { subject: 'demo-seed', organisationId: org, roles: ['read', 'write'] };
    return { viewer, db, contracts, now: new Date(at) };
  };
  const start = now - 56 * DAY;
  const revisedAt = now - 21 * DAY;
  const scorecard = await defineScorecard(ctxAt(CLIENT, start - DAY), CONTRACT, VERSION_1, new Date(start - 14 * DAY));
  const next = random(1829);
  const interactionsOf = new Map<number, Array<{ ref: string; queue: (typeof QUEUES)[number]; at: number; agent: (typeof AGENTS)[number] }>>();
  let revised = false;
  for (let week = 0; week < 8; week++) {
    const weekEnd = start + (week + 1) * 7 * DAY;
    if (!revised && weekEnd > revisedAt) {
      await reviseScorecard(ctxAt(CLIENT, revisedAt), scorecard.id, VERSION_2, new Date(revisedAt));
      revised = true;
    }
    const centreBatch: EvaluationInput[] = [];
    const clientBatch: EvaluationInput[] = [];
    for (let i = 0; i < 42; i++) {
      const at = start + week * 7 * DAY + Math.floor(next() * 7) * DAY + (8 + Math.floor(next() * 10)) * HOUR + Math.floor(next() * 3600) * 1000;
      if (at >= weekEnd || at >= now - HOUR) continue;
      const queue = QUEUES[Math.floor(next() * QUEUES.length)];
      const agent = AGENTS[Math.floor(next() * AGENTS.length)];
      const ref = `nw-int-${week}-${String(i).padStart(2, '0')}`;
      const version = at >= revisedAt ? VERSION_2 : VERSION_1;
      const quality = Math.max(0.3, Math.min(0.98, agent.skill + (next() - 0.5) * 0.2));
      const byClient = next() < 0.25;
      const evaluator = byClient ? EVALUATORS.client[Math.floor(next() * 2)] : EVALUATORS.centre[Math.floor(next() * 3)];
      const evaluation: EvaluationInput = {
        interactionRef: ref, queueId: queue.id, interactionAt: new Date(at), channel: queue.channel, agentRef: agent.ref, evaluatorRef: evaluator.ref,
        answers: answersFor(version, quality, evaluator.bias, next),
      };
      (byClient ? clientBatch : centreBatch).push(evaluation);
      interactionsOf.set(week, [...(interactionsOf.get(week) ?? []), { ref, queue, at, agent }]);
    }
    const uploadAt = Math.min(weekEnd, now - HOUR);
    await recordEvaluations(ctxAt(CENTRE, uploadAt), scorecard.id, centreBatch);
    if (clientBatch.length) await recordEvaluations(ctxAt(CLIENT, uploadAt), scorecard.id, clientBatch);
  }
  // Two calibration sessions on interactions of weeks 2 and 5; each closes a week after it opens.
  for (const [week, title] of [[2, 'Calibration: billing and outages, weeks 1-3'], [5, 'Calibration: all queues, weeks 4-6']] as const) {
    const openAt = start + (week + 1) * 7 * DAY + DAY;
    const picked = (interactionsOf.get(week) ?? []).slice(0, 6);
    const version = openAt >= revisedAt ? VERSION_2 : VERSION_1;
    const session = await openCalibrationSession(ctxAt(CLIENT, openAt), scorecard.id, {
      title,
      interactions: picked.map((x) => ({ interactionRef: x.ref, queueId: x.queue.id, interactionAt: new Date(x.at), channel: x.queue.channel, agentRef: x.agent.ref })),
    });
    const truth = picked.map((x) => Math.max(0.3, Math.min(0.98, x.agent.skill + (next() - 0.5) * 0.2)));
    for (const [org, evaluators] of [[CENTRE, EVALUATORS.centre], [CLIENT, EVALUATORS.client]] as const) {
      const scores = evaluators.flatMap((e) => picked.map((x, i) => ({ interactionRef: x.ref, evaluatorRef: e.ref, answers: answersFor(version, truth[i], e.bias, next) })));
      await recordCalibrationScores(ctxAt(org, openAt + 2 * DAY), session.id, scores);
    }
    await closeCalibrationSession(ctxAt(CENTRE, openAt + 7 * DAY), session.id);
  }
}
