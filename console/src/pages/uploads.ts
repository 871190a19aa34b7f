import { gql, hubNow } from '../api';
import { errorView, heading, PageContext } from '../app';
import { dataTable } from '../chart';
import { alertBox, field, h, show, statusBox } from '../dom';
import { instant, num } from '../format';
import { APPEND_IMPORT_CHUNK, IMPORT_JOB, IMPORT_PROFILES, START_IMPORT, UPLOAD_TARGETS } from '../queries';

type Kind = 'INTERVALS' | 'SURVEY_RESPONSES' | 'COMPLAINTS' | 'STAFFING' | 'EVALUATIONS';

interface Queue {
  id: string;
  name: string;
  timeZone: string;
  forecasts: Array<{ id: string; version: number; status: string; from: string }> | null;
}
interface Contract {
  id: string;
  title: string;
  status: string;
  queues: Queue[];
  scorecards: Array<{ id: string; version: { name: string; version: number } | null }> | null;
}
interface JobRow {
  id: string;
  kind: Kind;
  status: string;
  profile: string;
  queueId: string | null;
  contractId: string | null;
  forecastId: string | null;
  scorecardId: string | null;
  fileName: string | null;
  rowsRead: number;
  rowsWritten: number;
  rowsRefused: number;
  createdAt: string;
  finishedAt: string | null;
}
interface Job extends JobRow {
  phase: string | null;
  chunks: number;
  bytesReceived: number;
  sameFileAs: string | null;
  rowsChecked: number;
  rowsSkipped: number;
  problems: Array<{ line: number; column: string | null; reason: string }>;
  notes: string[];
  failure: string | null;
  startedAt: string | null;
}

/**
 * What each side may import, as the exchange subgraph's access table says: the centre serving
 * the queue imports interval actuals and planned staffing; the client or the centre of the
 * contract imports survey responses, complaints and quality evaluations (each party its own
 * evaluators'). So clients get the page too, with those three.
 */
const KINDS: Record<'client' | 'centre', Kind[]> = {
  centre: ['INTERVALS', 'SURVEY_RESPONSES', 'COMPLAINTS', 'STAFFING', 'EVALUATIONS'],
  client: ['SURVEY_RESPONSES', 'COMPLAINTS', 'EVALUATIONS'],
};
const KIND_LABEL: Record<Kind, string> = {
  INTERVALS: 'Interval actuals (into a queue)',
  SURVEY_RESPONSES: 'Survey responses (into a queue)',
  COMPLAINTS: 'Complaints (into a contract)',
  STAFFING: 'Planned staffing (into a forecast)',
  EVALUATIONS: 'Quality evaluations (into a scorecard)',
};
const TARGET: Record<Kind, 'queue' | 'contract' | 'forecast' | 'scorecard'> = {
  INTERVALS: 'queue',
  SURVEY_RESPONSES: 'queue',
  COMPLAINTS: 'contract',
  STAFFING: 'forecast',
  EVALUATIONS: 'scorecard',
};
const ENDED = ['SUCCEEDED', 'REFUSED', 'FAILED'];
const BADGE: Record<string, string> = { SUCCEEDED: 'ok', REFUSED: 'bad', FAILED: 'bad', RUNNING: 'warn', QUEUED: 'warn', UPLOADING: 'warn' };
/** A chunk as read from the file; base64 makes 4 MiB of it, the exchange subgraph's bound per call. */
const RAW_CHUNK = 3 * 1024 * 1024;
const POLL_MS = 1000;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The file as chunks of at most RAW_CHUNK bytes, gzipped on the way when the browser can (and the
 * file is not gzip already): read as a stream, so a large file is never whole in memory.
 */
async function* chunksOf(file: File): AsyncGenerator<Uint8Array> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const stream = !gzipped && typeof CompressionStream !== 'undefined' ? file.stream().pipeThrough(new CompressionStream('gzip')) : file.stream();
  const reader = stream.getReader();
  let pending: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let rest = value;
    while (rest.length > 0) {
      const take = rest.subarray(0, RAW_CHUNK - size);
      pending.push(take);
      size += take.length;
      rest = rest.subarray(take.length);
      if (size === RAW_CHUNK) {
        yield join(pending, size);
        pending = [];
        size = 0;
      }
    }
  }
  if (size > 0) yield join(pending, size);
}

function join(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Sends the file: startImport with the first chunk, appendImportChunk for the next ones, the last one marked. */
async function upload(file: File, input: Record<string, unknown>): Promise<string> {
  if (file.size === 0) {
    // The hub names the problem (input.content: the file is empty) like any other client's.
    return (await gql<{ startImport: { id: string } }>(START_IMPORT, { input: { ...input, fileName: file.name, content: '', encoding: 'TEXT', complete: true } })).startImport.id;
  }
  const chunks = chunksOf(file);
  let current = await chunks.next();
  let jobId: string | null = null;
  let seq = 0;
  while (!current.done) {
    const next = await chunks.next();
    const last = Boolean(next.done);
    const content = base64(current.value);
    if (jobId === null) {
      jobId = (await gql<{ startImport: { id: string } }>(START_IMPORT, { input: { ...input, fileName: file.name, content, encoding: 'BASE64', complete: last } })).startImport.id;
    } else {
      await gql(APPEND_IMPORT_CHUNK, { id: jobId, seq, content, last });
    }
    seq++;
    current = next;
  }
  return jobId!;
}

/** Import files from the browser and follow each job: the centre's actuals, staffing and feedback, the client's feedback. */
export async function uploadsPage(ctx: PageContext): Promise<void> {
  const kinds = KINDS[ctx.kind === 'centre' ? 'centre' : 'client'];
  const now = hubNow();
  const { contracts, importJobs } = await gql<{ contracts: Contract[]; importJobs: JobRow[] }>(UPLOAD_TARGETS, {
    from: new Date(now.getTime() - 31 * 86_400_000).toISOString(),
    to: new Date(now.getTime() + 62 * 86_400_000).toISOString(),
    jobs: 10,
  });
  const queues = contracts.flatMap((c) => c.queues.map((q) => ({ ...q, contract: c })));
  const names = new Map<string, string>();
  contracts.forEach((c) => {
    names.set(c.id, c.title);
    (c.scorecards ?? []).forEach((s) => names.set(s.id, `${s.version?.name ?? s.id} · ${c.title}`));
  });
  queues.forEach((q) => {
    names.set(q.id, `${q.name} · ${q.contract.title}`);
    (q.forecasts ?? []).forEach((f) => names.set(f.id, `${q.name} · forecast v${f.version}`));
  });
  const targetName = (j: JobRow) => {
    const id = j.queueId ?? j.contractId ?? j.forecastId ?? j.scorecardId ?? '';
    return names.get(id) ?? id;
  };

  const out = h('div', { 'aria-live': 'polite' });
  const jobPanel = h('section', { 'aria-label': 'Import job' });
  const kind = h('select', { name: 'kind' }, kinds.map((k) => h('option', { value: k }, KIND_LABEL[k]))) as HTMLSelectElement;
  const target = h('select', { name: 'target' }) as HTMLSelectElement;
  const profile = h('select', { name: 'profile' }) as HTMLSelectElement;
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.txt,.gz,text/csv' }) as HTMLInputElement;
  const timeZone = h('input', { type: 'text', name: 'timeZone', placeholder: 'the queue’s', autocomplete: 'off' }) as HTMLInputElement;
  const submit = h('button', { type: 'submit' }, 'Upload and import') as HTMLButtonElement;

  const fillTargets = async () => {
    const k = kind.value as Kind;
    const options =
      TARGET[k] === 'contract'
        ? contracts.map((c) => h('option', { value: c.id }, `${c.title} (${c.status.toLowerCase()})`))
        : TARGET[k] === 'scorecard'
          ? contracts.flatMap((c) => (c.scorecards ?? []).map((s) => h('option', { value: s.id }, `${s.version?.name ?? s.id} · ${c.title}`)))
          : TARGET[k] === 'queue'
          ? queues.map((q) => h('option', { value: q.id }, `${q.name} · ${q.contract.title}`))
          : queues.flatMap((q) => (q.forecasts ?? []).map((f) => h('option', { value: f.id }, `${q.name} · v${f.version} from ${instant(f.from, q.timeZone)} (${f.status.toLowerCase()})`)));
    show(target, options.length ? options : h('option', { value: '' }, `no ${TARGET[k]} you can import into`));
    show(profile, h('option', { value: '' }, 'Loading…'));
    try {
      const { importProfiles } = await gql<{ importProfiles: Array<{ name: string; readyMade: boolean; description: string | null }> }>(IMPORT_PROFILES, { kind: k });
      if (kind.value !== k) return;
      show(profile, importProfiles.map((p) => h('option', { value: p.name, title: p.description ?? null }, `${p.name}${p.readyMade ? '' : ' (yours)'}`)));
    } catch (error) {
      show(out, errorView(error));
    }
  };
  kind.addEventListener('change', () => void fillTargets());

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'inline',
      'aria-label': 'Import a file',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const picked = file.files?.[0];
        if (!picked) return show(out, alertBox('Please check the input: choose a file to import.'));
        const k = kind.value as Kind;
        const key = `${TARGET[k]}Id`;
        const input: Record<string, unknown> = { kind: k, profile: profile.value, [key]: target.value || null };
        if (timeZone.value.trim()) input.timeZone = timeZone.value.trim();
        submit.disabled = true;
        show(out, statusBox(`Sending ${picked.name}…`));
        upload(picked, input)
          .then((id) => {
            show(out, statusBox(`${picked.name} sent: import job ${id}.`));
            location.hash = `#/uploads/${encodeURIComponent(id)}`;
          })
          .catch((error) => show(out, errorView(error)))
          .finally(() => (submit.disabled = false));
      },
    },
    field('What the file holds', kind),
    field('Into', target),
    field('Profile', profile, 'How the file’s columns map onto the hub (README, “Profiles”)'),
    field('File', file, 'CSV, or gzipped CSV; sent in chunks of at most 4 MiB'),
    field('Time zone of the file’s times', timeZone, 'Only when the file’s times carry no offset'),
    submit,
  );

  const recent = h('div', {});
  const showRecent = () =>
    show(
      recent,
      importJobs.length
        ? dataTable(
            'Your organisation’s recent import jobs, newest first',
            ['Job', 'Kind', 'Into', 'File', 'Status', 'Rows read', 'Written', 'Refused', 'Started'],
            importJobs.map((j) => [
              h('a', { href: `#/uploads/${encodeURIComponent(j.id)}` }, j.id),
              j.kind.toLowerCase().replace('_', ' '),
              targetName(j),
              j.fileName ?? '–',
              h('span', { class: `badge ${BADGE[j.status] ?? 'none'}` }, j.status.toLowerCase()),
              num(j.rowsRead),
              num(j.rowsWritten),
              num(j.rowsRefused),
              instant(j.createdAt),
            ]),
          )
        : h('p', {}, 'No import yet.'),
    );
  showRecent();

  show(
    ctx.main,
    ...heading('Uploads', ctx.kind === 'centre' ? 'Interval actuals, planned staffing, survey responses, complaints and quality evaluations from your tools’ files' : 'Survey responses, complaints and quality evaluations from your own systems’ files'),
    jobPanel,
    h('h2', {}, 'Import a file'),
    form,
    out,
    h('h2', {}, 'Recent imports'),
    recent,
  );
  await fillTargets();
  const jobId = ctx.params[0];
  if (jobId)
    await followJob(ctx, jobId, jobPanel, targetName, (job) => {
      // The followed job's row in the recent list moves on with it.
      const at = importJobs.findIndex((j) => j.id === job.id);
      if (at >= 0) importJobs[at] = job;
      showRecent();
    });
}

/** Reads the job until it ends (or the page is left), a modest poll: one read a second. */
async function followJob(ctx: PageContext, id: string, panel: HTMLElement, targetName: (j: JobRow) => string, moved: (job: Job) => void): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let left = false;
  ctx.onLeave(() => {
    left = true;
    if (timer) clearTimeout(timer);
  });
  const read = async (): Promise<void> => {
    let job: Job;
    try {
      job = (await gql<{ importJob: Job }>(IMPORT_JOB, { id })).importJob;
    } catch (error) {
      return show(panel, h('h2', {}, `Import job ${id}`), errorView(error));
    }
    if (left) return;
    show(panel, jobView(job, targetName));
    moved(job);
    if (!ENDED.includes(job.status)) timer = setTimeout(() => void read(), POLL_MS);
  };
  await read();
}

function jobView(job: Job, targetName: (j: JobRow) => string): HTMLElement {
  const ended = ENDED.includes(job.status);
  // Progress: checking counts rows read; writing counts rows written of those checked.
  const writing = job.phase === 'WRITING' || job.status === 'SUCCEEDED';
  const max = writing ? Math.max(job.rowsChecked, 1) : Math.max(job.rowsRead, 1);
  const value = job.status === 'SUCCEEDED' ? max : writing ? job.rowsWritten : job.rowsChecked;
  const progress = h('progress', { max, value: ended ? max : value, 'aria-label': `Import job ${job.id} progress` });
  const state = ended ? job.status.toLowerCase() : `${job.status.toLowerCase()}${job.phase ? ` · ${job.phase.toLowerCase()}` : ''}`;
  return h(
    'article',
    { class: 'card job', 'data-job': job.id, 'data-job-status': job.status },
    h('h2', {}, `Import job ${job.id} `, h('span', { class: `badge ${BADGE[job.status] ?? 'none'}` }, state)),
    h('p', { class: 'definition' }, `${job.kind.toLowerCase().replace('_', ' ')} · ${job.fileName ?? 'no file name'} · profile ${job.profile} · into ${targetName(job)} · started ${instant(job.createdAt)}${job.finishedAt ? ` · ended ${instant(job.finishedAt)}` : ''}`),
    progress,
    h(
      'dl',
      { class: 'kv' },
      h('dt', {}, 'Rows read'), h('dd', {}, num(job.rowsRead)),
      h('dt', {}, 'Checked'), h('dd', {}, num(job.rowsChecked)),
      h('dt', {}, 'Written'), h('dd', {}, num(job.rowsWritten)),
      h('dt', {}, 'Refused'), h('dd', {}, num(job.rowsRefused)),
      job.rowsSkipped ? [h('dt', {}, 'Skipped'), h('dd', {}, num(job.rowsSkipped))] : null,
    ),
    job.status === 'REFUSED' ? h('p', { class: 'notice' }, `${num(job.rowsRefused)} row(s) refused: nothing was written. Fix the rows below and send the file again.`) : null,
    job.status === 'SUCCEEDED' ? h('p', { role: 'status' }, `Imported: ${num(job.rowsWritten)} row(s) written.`) : null,
    job.sameFileAs ? h('p', {}, `The same file as job ${job.sameFileAs}: its rows were replaced, not doubled.`) : null,
    job.failure ? alertBox(`Failed: ${job.failure}`) : null,
    job.notes.length ? [h('h3', {}, 'Notes'), h('ul', {}, job.notes.map((n) => h('li', {}, n)))] : null,
    job.problems.length
      ? dataTable(
          `Refused rows${job.rowsRefused > job.problems.length ? ` (the first ${job.problems.length} of ${job.rowsRefused})` : ''}`,
          ['Line', 'Column', 'Reason'],
          job.problems.map((p) => [String(p.line), p.column ?? '–', p.reason]),
        )
      : null,
  );
}
