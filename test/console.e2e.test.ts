/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole } from '../scripts/build-console';
import { manualClock } from '../services/platform/clock';
import { launchChromium, LAPTOP, openPage, PHONE, screenshot, seriousViolations } from './support/browser';
import { startTestHub, TestHub } from './support/hub';

/**
 * The web console in real headless Chromium against the demo hub on a fixed clock: each user's
 * main path clicked through, one error path per page, screenshots in test/artifacts/ (and, with
 * UPDATE_README_SCREENSHOTS=1, the README's in docs/screenshots/), axe-core on every page, a
 * phone width, the keyboard, and no request leaving the hub.
 */
const CLOCK = '2026-11-20T10:00:00Z';
const README_SHOTS = process.env.UPDATE_README_SCREENSHOTS === '1' ? join(__dirname, '..', 'docs', 'screenshots') : null;

let t: TestHub;
let browser: Browser;
let base: string;
let consoleDir: string;
const requested: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  consoleDir = mkdtempSync(join(tmpdir(), 'cc-console-'));
  await buildConsole(consoleDir);
  t = await startTestHub({ seed: true, clock: manualClock(CLOCK), gateway: { console: { dir: consoleDir } } });
  base = t.url.replace(/\/graphql$/, '');
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  rmSync(consoleDir, { recursive: true, force: true });
});

async function newPage(viewport = LAPTOP): Promise<Page> {
  const { page, requests, errors } = await openPage(browser, base, viewport);
  page.on('close', () => {
    requested.push(...requests);
    pageErrors.push(...errors);
  });
  return page;
}

/** Waits until nothing on the page says it is loading or working ("Loading…", "Working…"). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    // The view rendered for the current address, finished (the hashchange handler runs after
    // the address changes, so the previous page's view may still be on screen for a moment).
    const view = document.querySelector('#main > .view');
    if (view?.getAttribute('data-route') !== location.hash || view.getAttribute('aria-busy') !== 'false') return false;
    const h1 = document.querySelector('main h1');
    const busy = [...document.querySelectorAll('main [role=status]')].some((e) => (e.textContent ?? '').endsWith('…'));
    return h1 !== null && !busy;
  });
}

async function signIn(page: Page, org: string, roles: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.click(`button[data-org="${org}"][data-roles="${roles}"]`);
  await page.waitForFunction(() => !location.hash.startsWith('#/signin') && document.querySelector('main h1')?.textContent !== 'Sign in');
  await settled(page);
}

async function visit(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForFunction((h) => location.hash === h, hash);
  await settled(page);
}

/** Waits until the followed import job has ended (or the page shows an error), then expects `status`: a failure names what the page says. */
async function jobEnded(page: Page, status: 'SUCCEEDED' | 'REFUSED'): Promise<void> {
  await page.waitForSelector('[data-job-status=SUCCEEDED], [data-job-status=REFUSED], [data-job-status=FAILED], main [role=alert]');
  const ended = await page.getAttribute('[data-job-status]', 'data-job-status').catch(() => null);
  if (ended !== status) throw new Error(`expected the job to end ${status}; the page says: ${await page.textContent('main')}`);
}

async function alertText(page: Page): Promise<string> {
  await page.waitForSelector('[role=alert]');
  return (await page.textContent('[role=alert]')) ?? '';
}

async function check(page: Page, name: string, readme?: string, readmeHeight = LAPTOP.height): Promise<void> {
  await screenshot(page, name);
  if (README_SHOTS && readme) {
    await page.setViewportSize({ width: LAPTOP.width, height: readmeHeight });
    await screenshot(page, readme, { fullPage: false, path: join(README_SHOTS, `${readme}.png`) });
    await page.setViewportSize(LAPTOP);
  }
  expect(await seriousViolations(page)).toEqual([]);
}

describe('the gateway serves the console', () => {
  it('answers a browser at / with the console and at /graphql with the explorer, not Apollo’s landing page', async () => {
    const html = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await html.text()).toContain('Contact-centre hub');
    const api = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(api.status).toBe(302);
    expect(api.headers.get('location')).toBe('/explorer');
    // GraphQL clients still reach the API at / and /graphql.
    const me = await fetch(`${base}/`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token('northwind')}` }, body: JSON.stringify({ query: '{ me { subject } }' }) });
    expect(((await me.json()) as { data: unknown }).data).toEqual({ me: { subject: 'user-of-northwind' } });
  });
});

describe('sign-in', () => {
  it('refuses a pasted token the hub does not accept, then signs in with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.fill('textarea[name=token]', 'not-a-token');
    await page.click('form button[type=submit]');
    expect(await alertText(page)).toMatch(/refused this token: .*token invalid/);
    await check(page, 'signin-error');
    // Keyboard: Tab to Globex's demo user, Enter, then Tab to a contract and Enter.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-org') === 'globex')) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Contracts');
    await settled(page);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href?.includes('#/contract/'))) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.startsWith('#/contract/'));
    await settled(page);
    expect(await page.textContent('main h1')).toContain('SLA & credits');
    await page.close();
  }, 60_000);
});

describe('centre (Contoso workforce and account manager)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
    await signIn(page, 'contoso', 'read,write');
  }, 60_000);
  afterAll(() => page.close());

  it('sees its obligations: the overdue October report and the complaint clocks, soonest first', async () => {
    expect(await page.textContent('main h1')).toBe('Obligations');
    const rows = await page.$$eval('main tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows[0]).toMatch(/Monthly performance report.*2026-10.*overdue: not published/);
    expect(rows.some((r) => /Acknowledge complaint STAFF_CONDUCT.*overdue/.test(r))).toBe(true);
    await check(page, 'centre-obligations', 'centre-obligations');
  });

  it('reads forecasts with staffing and the intervals at risk, and publishes one (a bad interval first)', async () => {
    await visit(page, '#/forecasts');
    expect(await page.textContent('main')).toContain('Intervals at risk in the next seven days');
    expect(await page.textContent('figure .definition')).toContain('SERVICE_LEVEL 20s CANONICAL');
    await check(page, 'centre-forecasts', 'centre-forecasts');
    await page.fill('textarea[name=intervals]', '09:07,120,320,48');
    await page.click('form[aria-label="Publish a forecast"] button[type=submit]');
    expect(await alertText(page)).toMatch(/Please check the input: .*intervals\[0\]/);
    await screenshot(page, 'centre-forecasts-error');
    await page.fill('textarea[name=intervals]', '09:00,120,320,48\n09:15,135,320,48');
    await page.click('form[aria-label="Publish a forecast"] button[type=submit]');
    await page.waitForSelector('text=/Published version 3 \\(\\d+ intervals\\)/');
  });

  it('publishes the October report', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/reports');
    await page.selectOption('select[name=month]', '2026-10');
    await page.fill('textarea[name=commentary]', 'Billing run on the 3rd');
    await page.click('form[aria-label="Publish a report"] button[type=submit]');
    await page.waitForSelector('text=Published 2026-10, version 1 (published).');
    await page.waitForSelector('main tbody >> text=2026-10 v1');
    await settled(page);
    await check(page, 'centre-reports');
  });

  it('handles a complaint: acknowledging needs a note, then the clock stops', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/complaints');
    const card = page.locator('[data-complaint]', { hasText: 'STAFF_CONDUCT' }).first();
    await card.locator('button', { hasText: 'Acknowledge' }).click();
    expect(await card.locator('[role=alert]').textContent()).toMatch(/Please check the input: .*note/);
    await screenshot(page, 'centre-complaints-error');
    await card.locator('input[name=note]').fill('Called the customer back');
    await card.locator('button', { hasText: 'Acknowledge' }).click();
    await page.waitForSelector('text=Complaint is now acknowledged.');
    await check(page, 'centre-complaints');
  });

  it('imports survey responses from a file and follows the job to the end; refused rows and an empty file are shown', async () => {
    await visit(page, '#/uploads');
    expect(await page.$$eval('select[name=kind] option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['INTERVALS', 'SURVEY_RESPONSES', 'COMPLAINTS', 'STAFFING', 'EVALUATIONS']);
    const upload = async (name: string, rows: string[]) => {
      await page.selectOption('select[name=kind]', 'SURVEY_RESPONSES');
      await page.waitForSelector('select[name=profile] option[value="hub-survey-responses"]', { state: 'attached' }).catch(async (e) => {
        throw new Error(`${e}; the page says: ${await page.innerHTML('main')}`);
      });
      await page.selectOption('select[name=target]', 'q-northwind-billing');
      await page.setInputFiles('input[name=file]', { name, mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
      await page.click('form[aria-label="Import a file"] button[type=submit]');
    };
    // Gzipped by the browser on the way, sent with startImport, then read until the job ends: no sleep, no clock.
    await upload('survey-week-47.csv', ['responseId,type,score,channel,respondedAt', 'web-1,CSAT,5,VOICE,2026-11-19T09:00:00Z', 'web-2,NPS,9,VOICE,2026-11-19T09:05:00Z']);
    await jobEnded(page, 'SUCCEEDED');
    await settled(page);
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/uploads\/imp-/);
    expect(await page.textContent('[data-job]')).toContain('Imported: 2 row(s) written.');
    expect(await page.locator('[data-job] progress').count()).toBe(1);
    expect(await page.locator('main table tr', { hasText: 'survey-week-47.csv' }).textContent()).toContain('succeeded');
    await check(page, 'centre-uploads', 'centre-uploads');
    // A file with a bad row: the job is refused, nothing written, the row named.
    await upload('survey-bad.csv', ['responseId,type,score,channel,respondedAt', 'web-3,CSAT,4,VOICE,2026-11-19T09:10:00Z', 'web-4,CSAT,9,FAX,2026-11-19T09:15:00Z']);
    await page.waitForSelector('[data-job-status="REFUSED"]');
    await settled(page);
    const refused = await page.locator('[data-job] table tbody tr').allTextContents();
    expect(refused.some((r) => /^3score/.test(r))).toBe(true);
    expect(refused.some((r) => /^3channel/.test(r))).toBe(true);
    expect(await page.textContent('[data-job]')).toContain('nothing was written');
    await check(page, 'centre-uploads-refused');
    // The hub's own refusal of the upload (an empty file) in the page's alert.
    await upload('empty.csv', []);
    expect(await alertText(page)).toMatch(/Please check the input: .*the file is empty \(field input.content\)/);
    await screenshot(page, 'centre-uploads-error');
  }, 60_000);

  it('reads the quality tab with the centre’s own evaluators beside the client’s', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/quality');
    expect(await page.textContent('main')).toContain('Scorecard in force: Northwind customer contact quality, version 2');
    expect(await page.locator('main table', { hasText: 'cx-qa-1' }).count()).toBeGreaterThan(0);
    await check(page, 'centre-quality');
  });

  it("refreshes a page a moment after an action, but never the page the user has moved on to", async () => {
    // Two complaints of its own to acknowledge, on a page whose timers the test runs.
    const centre = t.client(t.token('contoso', ['read', 'write']));
    const record = async (customerRef: string): Promise<string> =>
      (
        await centre.request<any>(`mutation($c: ID!, $input: RecordComplaintInput!) { recordComplaint(contractId: $c, input: $input) { id } }`, {
          c: 'ct-northwind-contoso',
          input: { channel: 'EMAIL', category: 'WEBSITE', severity: 'LOW', description: 'The password reset link had expired on arrival.', customerRef },
        })
      ).recordComplaint.id;
    const [first, second] = [await record('cust-console-refresh-1'), await record('cust-console-refresh-2')];
    const timed = await newPage();
    await timed.clock.install();
    const mark = () => timed.evaluate(() => document.querySelector('#main > .view')!.setAttribute('data-marked', 'yes'));
    const marked = () => timed.evaluate(() => document.querySelector('#main > .view')?.getAttribute('data-marked') === 'yes');
    const acknowledge = async (id: string) => {
      const card = timed.locator(`[data-complaint="${id}"]`);
      await card.locator('input[name=note]').fill('Sent a new link');
      await card.locator('button', { hasText: 'Acknowledge' }).click();
      await card.locator('text=Complaint is now acknowledged.').waitFor();
    };
    try {
      await signIn(timed, 'contoso', 'read,write');
      await visit(timed, '#/contract/ct-northwind-contoso/complaints');
      // Staying on the page: its refresh comes once the timer runs.
      await acknowledge(first);
      await mark();
      await timed.clock.runFor(1_000);
      expect(await marked()).toBe(false);
      await settled(timed);
      // Moving on before the timer runs: the page moved to stays as it is.
      await acknowledge(second);
      await visit(timed, '#/forecasts');
      await mark();
      await timed.clock.runFor(1_000);
      expect(await marked()).toBe(true);
      expect(await timed.getAttribute('#main > .view', 'data-route')).toBe('#/forecasts');
    } finally {
      await timed.close();
    }
  }, 60_000);
});

describe('client (Northwind operations manager)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
    await signIn(page, 'northwind', 'read,write');
  }, 60_000);
  afterAll(() => page.close());

  it('sees each contract’s SLA verdicts this month at a glance', async () => {
    expect(await page.textContent('main h1')).toBe('Contracts');
    const chat = await page.textContent('[data-contract="ct-northwind-fabrikam"]');
    expect(chat).toMatch(/SERVICE_LEVEL 60s OF_ANSWERED.*missed 1 of 3/);
    expect(chat).toMatch(/Service credits owed this month: €[\d,]+\.\d\d/);
    await check(page, 'client-contracts', 'client-contracts');
  });

  it('opens a contract: compliance per window and the credits, chart and table, any month', async () => {
    await page.click('a[href="#/contract/ct-northwind-fabrikam"]');
    await page.waitForFunction(() => location.hash === '#/contract/ct-northwind-fabrikam');
    await settled(page);
    expect(await page.textContent('main')).toContain('Credits owed, November 2026');
    expect(await page.locator('figure .definition', { hasText: 'SERVICE_LEVEL 60s OF_ANSWERED' }).count()).toBe(1);
    expect(await page.locator('figure canvas').count()).toBeGreaterThan(0);
    await check(page, 'client-contract-sla', 'client-contract', 1180);
    await page.selectOption('select[name=month]', '1');
    await page.waitForSelector('text=Credits owed, October 2026');
    await settled(page);
    await screenshot(page, 'client-contract-sla-october');
  });

  it('shows a contract that is not theirs as not found', async () => {
    await visit(page, '#/contract/ct-globex-fabrikam');
    expect(await alertText(page)).toMatch(/Not found: Contract ct-globex-fabrikam was not found/);
    await screenshot(page, 'client-contract-not-found');
  });

  it('plots any KPI under any catalogue definition with its label, and names a bad range', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/kpi');
    await page.selectOption('select[name=variant]', 'EXCLUDE_SHORT_ABANDONS');
    await page.fill('input[name=shortAbandonSeconds]', '10');
    await page.click('form[aria-label=Series] button[type=submit]');
    await settled(page);
    expect(await page.textContent('figure .definition')).toContain('SERVICE_LEVEL 20s EXCLUDE_SHORT_ABANDONS S=10s');
    await check(page, 'client-kpi');
    await page.fill('input[name=from]', '2026-11-19');
    await page.fill('input[name=to]', '2026-11-12');
    await page.click('form[aria-label=Series] button[type=submit]');
    expect(await alertText(page)).toMatch(/Please check the input: .*to/);
    await screenshot(page, 'client-kpi-error');
  });

  it('compares forecast and actual volume, and required, committed, scheduled and actual hours', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/volume');
    expect(await page.textContent('figure .table-wrap table')).toMatch(/Forecast.*Actual/);
    await check(page, 'client-volume');
    await visit(page, '#/contract/ct-northwind-contoso/hours');
    expect(await page.textContent('main')).toContain('2026-W46');
    await check(page, 'client-hours');
  });

  it('shows satisfaction with its confidence intervals', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/satisfaction');
    expect(await page.textContent('figure .definition')).toContain('95 % Wilson score interval');
    expect(await page.textContent('figure .table-wrap table')).toMatch(/\d+ % \(\d+ %–\d+ %\)/);
    await check(page, 'client-satisfaction');
  });

  it('disputes a report only with a reason, then approves it', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/reports');
    await page.click('button:has-text("Dispute 2026-10")');
    expect(await alertText(page)).toMatch(/Please check the input: .*reason/);
    await screenshot(page, 'client-reports-error');
    await page.click('button:has-text("Approve 2026-10")');
    await page.waitForSelector('text=Approved 2026-10 v1.');
    await page.waitForSelector('main tbody >> text=approved');
    await settled(page);
    await check(page, 'client-reports');
  });

  it('watches complaint clocks count down, and escalates only with a note', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/complaints');
    const escalated = page.locator('[data-complaint]', { hasText: 'Vulnerable customer' });
    expect(await escalated.locator('.clock').textContent()).toMatch(/^overdue by \d+ d \d\d:\d\d:\d\d$/);
    const reopened = page.locator('[data-complaint]', { hasText: 'Final bill after moving out' });
    await reopened.locator('button', { hasText: 'Escalate' }).click();
    expect(await reopened.locator('[role=alert]').textContent()).toMatch(/Please check the input: .*note/);
    await screenshot(page, 'client-complaints-error');
    await reopened.locator('input[name=note]').fill('Third bill in a row');
    await reopened.locator('button', { hasText: 'Escalate' }).click();
    await page.waitForSelector('text=Complaint is now escalated.');
    await settled(page);
    await check(page, 'client-complaints');
    // The clocks tick: a page with the browser's timers under the test's control.
    const ticking = await newPage();
    await ticking.clock.install();
    await signIn(ticking, 'northwind', 'read,write');
    await visit(ticking, '#/contract/ct-northwind-contoso/complaints');
    const clock = ticking.locator('.clock').first();
    const before = await clock.textContent();
    await ticking.clock.runFor(3000);
    expect(await clock.textContent()).not.toBe(before);
    await ticking.close();
  }, 60_000);

  it('reads the contract’s quality: the scorecard in force, figures with definitions, per agent, and how far apart the parties score', async () => {
    await visit(page, '#/contract/ct-northwind-contoso/quality');
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Scorecard in force: Northwind customer contact quality, version 2');
    expect(main).toMatch(/Pass mark 82 points/);
    expect(await page.locator('main table', { hasText: 'Verifies the customer identity' }).locator('.badge', { hasText: 'critical' }).count()).toBe(1);
    expect(await page.textContent('[data-figure=mean]')).toMatch(/^\d+\.\d points$/);
    expect(await page.textContent('[data-figure=passing]')).toMatch(/^\d+\.\d %$/);
    expect(await page.textContent('figure .definition')).toContain('QUALITY_SCORE SHARE_PASSING');
    expect(await page.locator('main table', { hasText: 'cx-agent-01' }).count()).toBe(1);
    // The demo's lenient centre evaluator stands out in the latest calibration session.
    const session = page.locator('[data-session]').first();
    expect(await session.locator('p[data-calibration-gap]').textContent()).toMatch(/^The centre’s evaluators scored [\d.]+ points above the client’s on the same interactions \(95 % interval -?[\d.]+ to [\d.]+, \d+ interactions\)\.$/);
    expect(await session.locator('tr', { hasText: 'cx-qa-2' }).textContent()).toContain('lenient');
    expect(await session.textContent()).toContain('ICC(2,1)');
    await check(page, 'client-quality', 'client-quality', 1180);
    // A contract without a scorecard or calibration says so rather than showing empty tables.
    await visit(page, '#/contract/ct-northwind-fabrikam/quality');
    expect(await page.textContent('main')).toContain('No scorecard in force');
    expect(await page.textContent('main')).toContain('No evaluation in this period');
    expect(await page.textContent('main')).toContain('No calibration session closed yet.');
    await screenshot(page, 'client-quality-none');
  });

  it('imports survey responses and complaints only, and sees a refused file’s rows', async () => {
    await visit(page, '#/uploads');
    expect(await page.$$eval('select[name=kind] option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['SURVEY_RESPONSES', 'COMPLAINTS', 'EVALUATIONS']);
    await page.waitForSelector('select[name=profile] option[value="hub-survey-responses"]', { state: 'attached' });
    await page.selectOption('select[name=target]', 'q-northwind-chat');
    await page.setInputFiles('input[name=file]', { name: 'chat-survey.csv', mimeType: 'text/csv', buffer: Buffer.from('responseId,type,score,channel,respondedAt\nchat-1,CES,12,CHAT,2026-11-19T09:00:00Z') });
    await page.click('form[aria-label="Import a file"] button[type=submit]');
    await page.waitForSelector('[data-job-status="REFUSED"]');
    await settled(page);
    expect(await page.locator('[data-job] table tbody tr').allTextContents()).toEqual([expect.stringMatching(/^2score/)]);
    await check(page, 'client-uploads-refused');
  }, 60_000);

  it('imports its own evaluators’ scores into the scorecard from a QA export', async () => {
    await visit(page, '#/uploads');
    await page.selectOption('select[name=kind]', 'EVALUATIONS');
    await page.waitForSelector('select[name=profile] option[value="hub-quality-evaluations"]', { state: 'attached' });
    await page.selectOption('select[name=target]', { label: 'Northwind customer contact quality · Northwind residential customer service' });
    // Version 2 of the demo scorecard, every criterion answered: all YES and 5 but a NO on the
    // critical identity check, so the hub scores it 0 and a critical fail.
    const answers: Array<[string, string]> = [['greeting', 'YES'], ['identity', 'NO'], ['understanding', '5'], ['accuracy', '5'], ['hold', 'NA'], ['empathy', '4'], ['summary', 'YES'], ['next-steps', '5']];
    const csv = ['interactionRef,queue,interactionAt,channel,agentRef,evaluatorRef,evaluatorParty,criterion,answer', ...answers.map(([c, a]) => `nw-call-9001,q-northwind-billing,2026-11-18T10:00:00Z,VOICE,cx-agent-01,nw-qa-1,CLIENT,${c},${a}`)];
    await page.setInputFiles('input[name=file]', { name: 'qa-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n')) });
    await page.click('form[aria-label="Import a file"] button[type=submit]');
    await jobEnded(page, 'SUCCEEDED');
    await settled(page);
    expect(await page.textContent('[data-job]')).toContain('8 row(s) written');
    expect(await page.textContent('[data-job]')).toContain('Northwind customer contact quality · Northwind residential customer service');
    await check(page, 'client-uploads-evaluations');
  }, 60_000);
});

describe('client (Globex) money', () => {
  it('reads a month’s statement line by line with its total', async () => {
    const page = await newPage();
    await signIn(page, 'globex', 'read,write');
    await visit(page, '#/contract/ct-globex-fabrikam/money');
    await page.selectOption('select[name=month]', '2026-10');
    await page.waitForSelector('text=Lines of the 2026-10 statement');
    await settled(page);
    expect(await page.textContent('[data-figure=total]')).toMatch(/^£[\d,]+\.\d\d$/);
    expect(await page.locator('main table tr', { hasText: 'MOBILE-CALLS' }).count()).toBeGreaterThan(0);
    await check(page, 'client-money', 'client-money');
    // A contract without price terms: what the billing subgraph answers, in the page.
    await visit(page, '#/contract/ct-globex-initech/money');
    expect(await page.textContent('main')).toMatch(/No line in the 2026-11 statement\..*no price terms were in force in 2026-11/);
    await screenshot(page, 'client-money-other');
    await page.close();
  }, 60_000);
});

describe('procurement (Northwind procurement officer)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
    await signIn(page, 'northwind', 'read,procure');
  }, 60_000);
  afterAll(() => page.close());

  it('lists the tenders, an open one without its bids', async () => {
    expect(await page.textContent('main h1')).toBe('Tenders');
    await check(page, 'procurement-tenders');
    await page.click('a[href="#/tender/tender-northwind-2027"]');
    await page.waitForFunction(() => location.hash === '#/tender/tender-northwind-2027');
    await settled(page);
    expect(await page.textContent('.notice')).toMatch(/Open until .*Bids stay sealed until the close/);
  });

  it('compares a closed tender’s bids with every term, awards one, and cannot award twice', async () => {
    await visit(page, '#/tender/tender-northwind-winter');
    const rows = await page.locator('table').nth(1).locator('tbody tr').allTextContents();
    expect(rows[0]).toMatch(/#1 Contoso.*SERVICE_LEVEL T=20s: 80\.0 %.*€3\.31.*feasible/);
    expect(rows[2]).toMatch(/#3 Initech.*€2\.75.*infeasible/);
    expect(await page.textContent('main')).toContain('the price pays for 806.85 agent h/week; the promise needs 846.89');
    await check(page, 'procurement-comparison', 'procurement-comparison');
    await page.click('button[aria-label="Award to Contoso Contact Services"]');
    await page.waitForSelector('text=Awarded to Contoso Contact Services: a draft contract was created.');
    await page.click('button[aria-label="Award to Fabrikam Customer Care"]');
    expect(await alertText(page)).toMatch(/Not possible now: /);
    await screenshot(page, 'procurement-award-twice');
  });
});

describe('the GraphQL explorer', () => {
  it('runs queries with the signed-in token, and says so without one', async () => {
    const page = await newPage();
    await signIn(page, 'globex', 'read,write');
    await page.goto(`${base}/explorer`);
    await page.waitForSelector('.graphiql-execute-button');
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('Globex Telecom'));
    await screenshot(page, 'explorer', { fullPage: false });
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.waitForSelector('.graphiql-execute-button');
    expect(await page.textContent('.explorer-bar')).toContain('Not signed in');
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('UNAUTHENTICATED'));
    await screenshot(page, 'explorer-error', { fullPage: false });
    await page.close();
  }, 60_000);
});

describe('every page', () => {
  const PAGES: Array<{ org: string; roles: string; hash: string }> = [
    { org: 'northwind', roles: 'read,write', hash: '#/contracts' },
    { org: 'northwind', roles: 'read,write', hash: '#/contract/ct-northwind-contoso' },
    { org: 'northwind', roles: 'read,write', hash: '#/contract/ct-northwind-contoso/volume' },
    { org: 'northwind', roles: 'read,write', hash: '#/contract/ct-northwind-contoso/hours' },
    { org: 'northwind', roles: 'read,write', hash: '#/contract/ct-northwind-contoso/satisfaction' },
    { org: 'northwind', roles: 'read,write', hash: '#/contract/ct-northwind-contoso/quality' },
    { org: 'northwind', roles: 'read,write', hash: '#/uploads' },
    { org: 'northwind', roles: 'read,write', hash: '#/contract/ct-northwind-contoso/money' },
    { org: 'contoso', roles: 'read,write', hash: '#/obligations' },
    { org: 'contoso', roles: 'read,write', hash: '#/forecasts' },
    { org: 'contoso', roles: 'read,write', hash: '#/uploads' },
    { org: 'northwind', roles: 'read,procure', hash: '#/tenders' },
    { org: 'northwind', roles: 'read,procure', hash: '#/tender/tender-northwind-winter' },
  ];

  it('sends a refused or expired session back to sign-in, saying why', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    for (const p of PAGES) {
      await page.evaluate(() => sessionStorage.setItem('cc-hub-token', 'expired.or.forged'));
      await page.evaluate((h) => (location.hash = h), p.hash);
      expect(await alertText(page)).toMatch(/Your session has ended/);
      await page.waitForFunction(() => location.hash.startsWith('#/signin'));
      await page.waitForSelector('main h1:text("Sign in")');
      await page.evaluate(() => (location.hash = '#/'));
    }
    await page.close();
  }, 60_000);

  it('reads on a phone width without scrolling sideways', async () => {
    for (const org of ['northwind:read,write', 'contoso:read,write', 'northwind:read,procure']) {
      const [name, roles] = org.split(':');
      const page = await newPage(PHONE);
      await signIn(page, name, roles);
      for (const p of PAGES.filter((x) => x.org === name && x.roles === roles)) {
        await visit(page, p.hash);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ page: p.hash, overflow }).toEqual({ page: p.hash, overflow: 0 });
        await screenshot(page, `phone-${p.hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
        if (README_SHOTS && p.hash === '#/contracts') await screenshot(page, 'phone', { fullPage: false, path: join(README_SHOTS, 'client-contracts-phone.png') });
      }
      await page.close();
    }
  }, 120_000);

  it('loaded nothing from outside the hub and threw no script error', () => {
    expect(requested.length).toBeGreaterThan(50);
    expect(requested.filter((u) => !u.startsWith(base) && !u.startsWith('data:'))).toEqual([]);
    expect(pageErrors.filter((e) => !/status of (401|404)/.test(e))).toEqual([]);
  });
});
