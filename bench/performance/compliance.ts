import { sumByBucket } from '../../services/performance/aggregate';
import { gql, post } from '../graphql';
import { fmt, median, timed } from '../timing';
import { COMPLIANCE, MONTH, QUEUES, RUNS, TARGET_FACTS } from './config';
import { caseBucket, judgeRaw, sumsSql, TargetVerdict } from './raw-compliance';
import { Bench } from './setup';

type ComplianceAnswer = {
  contract: { slaTargets: Array<{ id: string; compliance: { windowsMet: number; windowsJudged: number; shareMet: number | null; creditPercent: number; windows: Array<{ met: boolean | null; figure: { value: number | null } }> } }> };
};

export interface GatewayCompliance {
  gatewayRuns: number[];
  gatewayMedian: number;
  last: { data: ComplianceAnswer; bytes: number };
  sqlPerRequest: { performance: number; contracts: number };
}

export interface RawCompliance {
  rawQueryRuns: number[];
  rawQueryMedian: number;
  rawVerdicts: Map<string, TargetVerdict>;
  rawResultRows: number;
}

export interface QueryBreakdown {
  factsRuns: number[];
  perTargetRuns: number[];
  oneStatementRuns: number[];
}

export interface CrossCheck {
  mismatches: string[];
  windowsJudged: number;
  windowsMet: number;
}

/** Step 4: DAY compliance of every target for the month in one gateway request, warm-up + RUNS runs. */
export async function complianceThroughGateway({ counters, month, url, client, contractId }: Bench): Promise<GatewayCompliance> {
  console.log(`\nquery: DAY compliance of ${QUEUES} SLA targets for ${MONTH} in one gateway request (client token), warm-up + ${RUNS} runs`);
  const variables = { c: contractId, from: new Date(month.monthStart * 1000).toISOString(), to: new Date(month.monthEnd * 1000).toISOString() };
  const complianceBody = JSON.stringify({ query: COMPLIANCE, variables });
  const warm = await post<ComplianceAnswer>(url, client, complianceBody);
  const gatewayRuns: number[] = [];
  let sqlPerRequest = { performance: 0, contracts: 0 };
  let last = warm;
  for (let r = 0; r < RUNS; r++) {
    counters.performance.reset();
    counters.contracts.reset();
    const t = await timed(() => post<ComplianceAnswer>(url, client, complianceBody));
    gatewayRuns.push(t.ms);
    last = t.value;
    sqlPerRequest = { performance: counters.performance.count, contracts: counters.contracts.count };
  }
  const gatewayMedian = median(gatewayRuns);
  console.log(`  gateway runs (ms): ${gatewayRuns.map((x) => fmt(x, 1)).join(', ')}; median ${fmt(gatewayMedian, 1)} ms, response ${fmt(last.bytes / 1024, 0)} KiB`);
  console.log(`  SQL statements per request: performance ${sqlPerRequest.performance}, contracts ${sqlPerRequest.contracts}`);
  return { gatewayRuns, gatewayMedian, last, sqlPerRequest };
}

/** Step 4, baseline: one GROUP BY per queue and local day over all queues, judged in JS. */
export async function rawCompliance({ month, queueIds, perfDb }: Bench): Promise<RawCompliance> {
  const { days, monthStart, monthEnd } = month;
  const rawSql =
    `SELECT queue_id, ${caseBucket(days)} AS bucket, ${sumsSql()} FROM interval_actuals ` +
    `WHERE queue_id IN (${queueIds.map(() => '?').join(', ')}) AND start_epoch >= ? AND start_epoch < ? GROUP BY queue_id, bucket`;
  const rawParams = [...queueIds, monthStart, monthEnd];
  await perfDb.query(rawSql, rawParams); // warm-up
  const rawQueryRuns: number[] = [];
  let rawVerdicts = new Map<string, TargetVerdict>();
  let rawResultRows = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = await timed(async () => {
      const rows: Array<Record<string, unknown>> = await perfDb.query(rawSql, rawParams);
      return { rows, verdicts: judgeRaw(rows, queueIds, days.length) };
    });
    rawQueryRuns.push(t.ms);
    rawVerdicts = t.value.verdicts;
    rawResultRows = t.value.rows.length;
  }
  const rawQueryMedian = median(rawQueryRuns);
  console.log(`  raw SQL runs (ms):  ${rawQueryRuns.map((x) => fmt(x, 1)).join(', ')}; median ${fmt(rawQueryMedian, 1)} ms (${fmt(rawResultRows)} result rows)`);
  return { rawQueryRuns, rawQueryMedian, rawVerdicts, rawResultRows };
}

/** Where query time goes: the contracts fetch the gateway makes first, and the subgraph's SQL as its resolvers issue it. */
export async function queryBreakdown({ month, url, client, contractId, queueIds, perfDb }: Bench): Promise<QueryBreakdown> {
  const { days, monthStart, monthEnd } = month;
  const factsRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) factsRuns.push((await timed(() => gql(url, client, TARGET_FACTS, { c: contractId }))).ms);
  const perTargetRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    perTargetRuns.push(
      (await timed(() => Promise.all(queueIds.map((q) => sumByBucket(perfDb, [q], days, { from: monthStart, to: monthEnd }))))).ms,
    );
  }
  const oneStatementRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    oneStatementRuns.push((await timed(() => sumByBucket(perfDb, queueIds, days, { from: monthStart, to: monthEnd }, { perQueue: true }))).ms);
  }
  console.log(`  contracts part (slaTargets with history, through the gateway): median ${fmt(median(factsRuns), 1)} ms`);
  console.log(`  ${QUEUES} per-target sumByBucket statements, concurrent as the resolvers issue them: median ${fmt(median(perTargetRuns), 1)} ms`);
  console.log(`  one sumByBucket(perQueue) statement for all targets: median ${fmt(median(oneStatementRuns), 1)} ms`);
  return { factsRuns, perTargetRuns, oneStatementRuns };
}

/** The gateway's verdicts equal the raw ones, target by target. */
export async function crossCheck({ url, client, contractId }: Bench, gateway: GatewayCompliance, raw: RawCompliance): Promise<CrossCheck> {
  const { last } = gateway;
  const targetQueue = await gql<{ contract: { slaTargets: Array<{ id: string; queue: { id: string } | null }> } }>(url, client, `query($c: ID!) { contract(id: $c) { slaTargets { id queue { id } } } }`, { c: contractId });
  const queueOfTarget = new Map(targetQueue.contract.slaTargets.map((t) => [t.id, t.queue?.id ?? '']));
  const mismatches: string[] = [];
  let windowsJudged = 0;
  let windowsMet = 0;
  for (const t of last.data.contract.slaTargets) {
    const verdict = raw.rawVerdicts.get(queueOfTarget.get(t.id)!);
    const c = t.compliance;
    windowsJudged += c.windowsJudged;
    windowsMet += c.windowsMet;
    const valuesAgree = verdict && c.windows.length === verdict.values.length && c.windows.every((w, i) => (w.figure.value === null ? verdict.values[i] === null : Math.abs(w.figure.value - (verdict.values[i] ?? NaN)) < 1e-9));
    if (!verdict || verdict.windowsMet !== c.windowsMet || verdict.windowsJudged !== c.windowsJudged || Math.abs(verdict.creditPercent - c.creditPercent) > 1e-6 || !valuesAgree) {
      mismatches.push(`${t.id}: gateway ${c.windowsMet}/${c.windowsJudged} credit ${c.creditPercent}, raw ${verdict?.windowsMet}/${verdict?.windowsJudged} credit ${verdict?.creditPercent}`);
    }
  }
  console.log(
    `  cross-check: ${last.data.contract.slaTargets.length} targets, ${windowsMet}/${windowsJudged} days met; gateway and raw SQL ${mismatches.length === 0 ? 'agree on every value, verdict and credit' : `DISAGREE on ${mismatches.length} targets`}`,
  );
  return { mismatches, windowsJudged, windowsMet };
}
