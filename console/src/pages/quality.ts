import { gql, hubNow } from '../api';
import { errorView, PageContext } from '../app';
import { dataTable, figureBlock, timeChart } from '../chart';
import { h, show, statusBox } from '../dom';
import { day, instant, localDate, localMidnight, num, percent } from '../format';
import { QUALITY } from '../queries';
import type { ContractHead } from './contract';

interface Mean {
  value: number | null;
  low: number | null;
  high: number | null;
}
interface Share {
  count?: number;
  share: number | null;
  low?: number | null;
  high?: number | null;
}
interface Deviation {
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
}
interface ScorecardVersion {
  version: number;
  name: string;
  passMark: number;
  effectiveFrom: string;
  sections: Array<{ key: string; title: string; weight: number }>;
  criteria: Array<{ sectionKey: string; key: string; title: string; weight: number; scale: string; critical: boolean; allowNotApplicable: boolean }>;
}
interface Session {
  id: string;
  title: string;
  closedAt: string | null;
  scorecardVersion: number;
  results: {
    interactions: number;
    evaluators: number;
    scores: number;
    centreMinusClient: Deviation | null;
    reliability: Array<{ method: string; basis: string; coefficient: number | null; low: number | null; high: number | null; units: number; raters: number; note: string | null }>;
    evaluatorResults: Array<{ evaluatorRef: string; party: 'CLIENT' | 'CENTRE'; interactions: number; meanScore: number; fromConsensus: Deviation | null; fromClientBaseline: Deviation | null }>;
    consensus: Array<{ interactionRef: string; evaluators: number; consensusScore: number; clientBaseline: number | null }>;
  } | null;
}
interface QualityData {
  scorecards: Array<{ id: string; versions: Array<{ version: number; effectiveFrom: string; effectiveTo: string | null }>; version: ScorecardVersion | null }> | null;
  quality: { metric: string; timeZone: string; points: Array<{ label: string; start: string; evaluations: number; meanScore: Mean; sharePassing: Share; criticalFailRate: Share }> } | null;
  qualityByAgent: Array<{ agentRef: string; evaluations: number; meanScore: Mean; sharePassing: Share; criticalFailRate: Share }> | null;
  qualityByEvaluator: Array<{ evaluatorRef: string; party: string; evaluations: number; meanScore: Mean; sharePassing: Share }> | null;
  calibrationSessions: Session[] | null;
}

/** The quality subgraph's definitions, stated beside every figure (README, "Quality: figures"). */
const MEAN_DEFINITION = 'QUALITY_SCORE CANONICAL: mean evaluation score in points 0–100 (a critical NO scores 0), 95 % t interval';
const PASSING_DEFINITION = 'QUALITY_SCORE SHARE_PASSING: share of evaluations at or above the pass mark of their scorecard version without a critical fail, 95 % Wilson interval';
const CRITICAL_DEFINITION = 'QUALITY_SCORE CRITICAL_FAIL_RATE: share of evaluations with a critical criterion answered NO, 95 % Wilson interval';
const DEVIATION_DEFINITION = 'Deviation: the evaluator’s score minus the consensus (mean of every evaluator) or minus the client’s baseline (mean of the client’s evaluators, the others for a client evaluator), in points, mean over the session’s interactions with a 95 % t interval; positive is lenient, negative harsh';

const points = (v: number | null | undefined, digits = 1) => num(v ?? null, digits);
const meanText = (m: Mean) => (m.value === null ? '–' : `${points(m.value)} (${points(m.low)}–${points(m.high)})`);
const shareText = (s: Share) => (s.share === null ? '–' : s.low === undefined ? percent(s.share, 0) : `${percent(s.share, 0)} (${percent(s.low, 0)}–${percent(s.high, 0)})`);
const signed = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${num(Math.abs(v), 1)}`);
const deviationText = (d: Deviation | null) => (d ? `${signed(d.mean)} (${signed(d.low)} to ${signed(d.high)})` : '–');

/** A deviation whose 95 % interval leaves out 0 says lenient or harsh; otherwise in line. */
function leniency(d: Deviation | null): HTMLElement {
  if (!d || d.low === null || d.high === null) return h('span', { class: 'badge none' }, 'too few scores');
  if (d.low > 0) return h('span', { class: 'badge warn' }, 'lenient');
  if (d.high < 0) return h('span', { class: 'badge warn' }, 'harsh');
  return h('span', { class: 'badge ok' }, 'in line');
}

/** The scorecard in force, the quality figures per week and per agent, and how far apart client and centre score. */
export async function qualityView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const zone = contract.queues[0]?.timeZone ?? 'UTC';
  const today = localDate(hubNow(), zone);
  const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
  const to = localMidnight(today.year, today.month, today.day - weekday + 7, zone);
  const from = localMidnight(today.year, today.month, today.day - weekday - 56, zone);
  show(body, statusBox('Loading quality…'));
  let data: QualityData;
  try {
    data = (await gql<{ contract: QualityData }>(QUALITY, { id: contract.id, from: from.toISOString(), to: to.toISOString() })).contract;
  } catch (error) {
    return show(body, errorView(error));
  }
  const period = `${day(from.toISOString(), zone)} – ${day(new Date(to.getTime() - 1).toISOString(), zone)}`;
  show(body, scorecardBlock(data), figuresBlock(data, period), agentsBlock(data, period), calibrationBlock(data));
}

function scorecardBlock(data: QualityData): HTMLElement {
  const cards = (data.scorecards ?? []).filter((s) => s.version);
  if (!cards.length) return h('section', { 'aria-label': 'Scorecard' }, h('h2', {}, 'Scorecard'), h('p', {}, 'No scorecard in force: the client defines one (README, “Quality: scorecards”).'));
  return h(
    'section',
    { 'aria-label': 'Scorecard in force' },
    cards.map((s) => {
      const v = s.version!;
      const totalWeight = v.sections.reduce((a, x) => a + x.weight, 0);
      return [
        h('h2', {}, `Scorecard in force: ${v.name}, version ${v.version}`),
        h(
          'p',
          { class: 'definition' },
          `Pass mark ${num(v.passMark, 0)} points · in force since ${day(v.effectiveFrom)} · versions: `,
          s.versions.map((x) => `v${x.version} from ${day(x.effectiveFrom)}${x.effectiveTo ? ` to ${day(x.effectiveTo)}` : ''}`).join(', '),
          '. A section scores the weighted mean of its answered criteria, the evaluation the weighted mean of its sections; YES is 100 points, NO 0; on 1–5, 1 is 0 and 5 is 100; a critical criterion answered NO fails the evaluation (score 0).',
        ),
        dataTable(
          `Sections and criteria of version ${v.version} (weights within the section; the section’s weight in the evaluation)`,
          ['Section', 'Section weight', 'Criterion', 'Weight', 'Scale', 'Critical', 'N/A allowed'],
          v.sections.flatMap((sec) =>
            v.criteria
              .filter((c) => c.sectionKey === sec.key)
              .map((c) => [
                sec.title,
                `${num(sec.weight, 0)} (${percent(totalWeight ? sec.weight / totalWeight : null, 0)})`,
                c.title,
                num(c.weight, 0),
                c.scale === 'YES_NO_NA' ? 'yes / no' : '1–5',
                c.critical ? h('span', { class: 'badge bad' }, 'critical') : 'no',
                c.allowNotApplicable ? 'yes' : 'no',
              ]),
          ),
        ),
      ];
    }),
  );
}

function figuresBlock(data: QualityData, period: string): HTMLElement {
  const series = data.quality;
  if (!series) return h('p', {}, 'No quality figures.');
  const pts = series.points;
  const total = pts.reduce((a, p) => a + p.evaluations, 0);
  if (total === 0) return h('section', { 'aria-label': 'Quality figures' }, h('h2', {}, `Quality figures, ${period}`), h('p', {}, 'No evaluation in this period: either party uploads them (README, “Quality: evaluations”).'));
  // Over the whole period: the weekly means weighted by their evaluations, the shares summed (exact; the intervals are the weeks').
  const mean = total ? pts.reduce((a, p) => a + (p.meanScore.value ?? 0) * p.evaluations, 0) / total : null;
  const passing = total ? pts.reduce((a, p) => a + (p.sharePassing.count ?? 0), 0) / total : null;
  const critical = total ? pts.reduce((a, p) => a + (p.criticalFailRate.count ?? 0), 0) / total : null;
  const headline = h(
    'dl',
    { class: 'kv', 'aria-label': `Quality over ${period}` },
    h('dt', {}, 'Evaluations'), h('dd', {}, num(total)),
    h('dt', {}, 'Average score'), h('dd', { 'data-figure': 'mean' }, `${points(mean)} points`),
    h('dt', {}, 'Pass rate'), h('dd', { 'data-figure': 'passing' }, percent(passing)),
    h('dt', {}, 'Critical fail rate'), h('dd', { 'data-figure': 'critical' }, percent(critical)),
  );
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v * 100);
  const chart = timeChart({
    timeZone: series.timeZone,
    title: 'Average score and pass rate per week with 95 % intervals',
    times: pts.map((p) => new Date(p.start)),
    series: [
      { label: 'Average score (points)', values: pts.map((p) => p.meanScore.value) },
      { label: 'Score low', values: pts.map((p) => p.meanScore.low), dashed: true, colour: '#93c5fd' },
      { label: 'Score high', values: pts.map((p) => p.meanScore.high), dashed: true, colour: '#93c5fd' },
      { label: 'Pass rate (%)', values: pts.map((p) => pct(p.sharePassing.share)), colour: '#15803d' },
    ],
    format: (v) => v.toFixed(0),
  });
  const table = dataTable(
    `Quality per week (${series.timeZone}); figure (95 % interval)`,
    ['Week', 'Evaluations', 'Average score', 'Pass rate', 'Critical fail rate'],
    pts.map((p) => [p.label, num(p.evaluations), meanText(p.meanScore), shareText(p.sharePassing), shareText(p.criticalFailRate)]),
  );
  return h('section', { 'aria-label': 'Quality figures' }, h('h2', {}, `Quality figures, ${period}`), headline, figureBlock('Quality per week', [MEAN_DEFINITION, PASSING_DEFINITION, CRITICAL_DEFINITION], chart, table));
}

function agentsBlock(data: QualityData, period: string): HTMLElement {
  const agents = [...(data.qualityByAgent ?? [])].sort((a, b) => (a.meanScore.value ?? 0) - (b.meanScore.value ?? 0));
  const evaluators = data.qualityByEvaluator ?? [];
  if (!agents.length && !evaluators.length) return h('div', {});
  return h(
    'section',
    { 'aria-label': 'Per agent and per evaluator' },
    h('h2', {}, `Per agent and per evaluator, ${period}`),
    figureBlock(
      'Per agent (pseudonymous keys, both parties see the same), lowest average first',
      [MEAN_DEFINITION, PASSING_DEFINITION],
      null,
      dataTable('Quality per agent; figure (95 % interval)', ['Agent', 'Evaluations', 'Average score', 'Pass rate', 'Critical fail rate'], agents.map((a) => [a.agentRef, num(a.evaluations), meanText(a.meanScore), shareText(a.sharePassing), shareText(a.criticalFailRate)])),
    ),
    figureBlock(
      'Per evaluator and party',
      [MEAN_DEFINITION],
      null,
      dataTable('Quality per evaluator; figure (95 % interval)', ['Evaluator', 'Party', 'Evaluations', 'Average score', 'Pass rate'], evaluators.map((e) => [e.evaluatorRef, e.party.toLowerCase(), num(e.evaluations), meanText(e.meanScore), shareText(e.sharePassing)])),
    ),
  );
}

function calibrationBlock(data: QualityData): HTMLElement {
  const sessions = (data.calibrationSessions ?? []).filter((s) => s.results).sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  if (!sessions.length) return h('section', { 'aria-label': 'Calibration' }, h('h2', {}, 'Calibration between client and centre'), h('p', {}, 'No calibration session closed yet.'));
  return h(
    'section',
    { 'aria-label': 'Calibration' },
    h('h2', {}, 'Calibration between client and centre'),
    sessions.map((s, i) => {
      const r = s.results!;
      // The hub's figure: per interaction both parties scored, the centre's mean minus the client's.
      const gap = r.centreMinusClient;
      const interval = gap && gap.low !== null && gap.high !== null ? ` (95 % interval ${num(gap.low, 1)} to ${num(gap.high, 1)}, ${gap.n} interactions)` : gap ? ` (${gap.n} interaction${gap.n === 1 ? '' : 's'})` : '';
      const summary =
        gap === null
          ? 'Only one party scored in this session.'
          : `The centre’s evaluators scored ${Math.abs(gap.mean) < 0.05 ? 'level with' : `${num(Math.abs(gap.mean), 1)} points ${gap.mean > 0 ? 'above' : 'below'}`} the client’s on the same interactions${interval}.`;
      const block = h(
        'article',
        { class: 'card', 'data-session': s.id },
        h('h3', {}, `${s.title} · closed ${instant(s.closedAt)}`),
        h('p', { class: 'definition' }, `Scorecard version ${s.scorecardVersion} · ${r.interactions} interactions · ${r.evaluators} evaluators · ${r.scores} scores`),
        h('p', { 'data-calibration-gap': gap === null ? '' : gap.mean.toFixed(1) }, h('strong', {}, summary)),
        figureBlock(
          'Each evaluator against the consensus and the client’s baseline',
          [DEVIATION_DEFINITION],
          null,
          dataTable(
            'Deviation per evaluator, points (95 % interval)',
            ['Evaluator', 'Party', 'Interactions', 'Average score', 'From consensus', 'From client’s baseline', 'Verdict'],
            r.evaluatorResults.map((e) => [e.evaluatorRef, e.party.toLowerCase(), num(e.interactions), points(e.meanScore), deviationText(e.fromConsensus), deviationText(e.fromClientBaseline), leniency(e.fromClientBaseline)]),
          ),
        ),
        figureBlock(
          'Agreement between all evaluators',
          ['ICC(2,1): two-way random, single rater (Shrout & Fleiss 1979); Krippendorff’s alpha: 1 is full agreement, 0 chance'],
          null,
          dataTable(
            'Reliability (95 % interval where the method gives one)',
            ['Method', 'Basis', 'Coefficient', 'Interval', 'Units', 'Raters', 'Note'],
            r.reliability.map((x) => [x.method, x.basis, num(x.coefficient, 2), x.low === null ? '–' : `${num(x.low, 2)} to ${num(x.high, 2)}`, num(x.units), num(x.raters), x.note ?? '']),
          ),
        ),
      );
      return i === 0 ? block : h('details', {}, h('summary', {}, `Earlier session: ${s.title}`), block);
    }),
  );
}
