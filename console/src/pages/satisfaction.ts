import { gql, hubNow } from '../api';
import { errorView, PageContext } from '../app';
import { dataTable, figureBlock, timeChart } from '../chart';
import { show, statusBox } from '../dom';
import { localDate, localMidnight, num, percent } from '../format';
import { SATISFACTION } from '../queries';
import type { ContractHead } from './contract';

interface Share {
  responses: number;
  share: number | null;
  low: number | null;
  high: number | null;
}
interface Point {
  label: string;
  start: string;
  responses: number;
  csat: Share & { meanScore: number | null };
  nps: { responses: number; score: number | null; low: number | null; high: number | null };
  ces: { responses: number; meanScore: number | null };
  fcr: Share;
}

const CSAT_DEFINITION = 'CSAT: share of 4 and 5 on a 1–5 scale (top-two box), 95 % Wilson score interval';
const FCR_DEFINITION = 'FCR: share of surveyed contacts resolved at first contact, 95 % Wilson score interval';
const NPS_DEFINITION = 'NPS: promoters (9–10) − detractors (0–6) in points, 95 % normal interval';

const range = (s: { share: number | null; low: number | null; high: number | null }) => (s.share === null ? '–' : `${percent(s.share, 0)} (${percent(s.low, 0)}–${percent(s.high, 0)})`);

/** Satisfaction per week with the confidence interval of every share: 3 of 4 satisfied reads as 30–95 %, not 75 %. */
export async function satisfactionView(_ctx: PageContext, contract: ContractHead, body: HTMLElement): Promise<void> {
  const zone = contract.queues[0]?.timeZone ?? 'UTC';
  const today = localDate(hubNow(), zone);
  const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
  const to = localMidnight(today.year, today.month, today.day - weekday + 7, zone);
  const from = localMidnight(today.year, today.month, today.day - weekday - 49, zone);
  show(body, statusBox('Loading satisfaction…'));
  try {
    const { contract: c } = await gql<{ contract: { satisfaction: { timeZone: string; points: Point[] } } }>(SATISFACTION, { id: contract.id, from: from.toISOString(), to: to.toISOString() });
    const points = c.satisfaction.points;
    const pct = (v: number | null) => (v === null ? null : v * 100);
    const chart = timeChart({
            timeZone: c.satisfaction.timeZone,
      title: 'CSAT and FCR with 95 % intervals',
      times: points.map((p) => new Date(p.start)),
      series: [
        { label: 'CSAT top-two box', values: points.map((p) => pct(p.csat.share)) },
        { label: 'CSAT low', values: points.map((p) => pct(p.csat.low)), dashed: true, colour: '#93c5fd' },
        { label: 'CSAT high', values: points.map((p) => pct(p.csat.high)), dashed: true, colour: '#93c5fd' },
        { label: 'FCR', values: points.map((p) => pct(p.fcr.share)), colour: '#15803d' },
        { label: 'FCR low', values: points.map((p) => pct(p.fcr.low)), dashed: true, colour: '#86efac' },
        { label: 'FCR high', values: points.map((p) => pct(p.fcr.high)), dashed: true, colour: '#86efac' },
      ],
      format: (v) => `${v.toFixed(0)} %`,
    });
    const table = dataTable(
      `Satisfaction per week (${c.satisfaction.timeZone}); share (95 % interval)`,
      ['Week', 'Responses', 'CSAT', 'CSAT mean', 'NPS', 'CES mean', 'FCR'],
      points.map((p) => [
        p.label,
        num(p.responses),
        range(p.csat),
        num(p.csat.meanScore, 2),
        p.nps.score === null ? '–' : `${num(p.nps.score, 0)} (${num(p.nps.low, 0)} to ${num(p.nps.high, 0)})`,
        num(p.ces.meanScore, 2),
        range(p.fcr),
      ]),
    );
    show(body, figureBlock('Satisfaction per week', [CSAT_DEFINITION, FCR_DEFINITION, NPS_DEFINITION, 'CES: mean effort score 1–7'], chart, table));
  } catch (error) {
    show(body, errorView(error));
  }
}
