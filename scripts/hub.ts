import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGzip } from 'node:zlib';
import { FILE_LIMITS } from '../services/metrics/bounds';

/**
 * The hub's command line for feeds: talks to the gateway like any client, with the token in
 * HUB_TOKEN and the gateway in HUB_URL (default http://localhost:4000/graphql).
 *
 *   npm run hub -- import --queue <id> --profile <name> <file>
 *   npm run hub -- import --contract <id> --profile <name> [--map "Source name=queueId"]… [--skip-unmapped] <file>
 *   npm run hub -- import --kind SURVEY_RESPONSES --queue <id> --profile hub-survey-responses <file>
 *   npm run hub -- import --kind COMPLAINTS --contract <id> --profile hub-complaints <file>
 *   npm run hub -- import --kind STAFFING --forecast <id> --profile calabrio-bpo-staffing [--time-zone Europe/Paris] <file>
 *   npm run hub -- import --kind EVALUATIONS --scorecard <id> --profile hub-quality-evaluations <file>
 *   npm run hub -- job <id>
 *
 * The file is streamed, gzipped on the way unless it already is, and sent in chunks; progress is
 * shown until the job ends, then a summary with every refused row listed (up to the 1,000 the hub
 * keeps). Exit codes: 0 imported; 2 refused (rows listed, nothing written); 3 failed (see the
 * message; rows written before the fault are replaced when the file is sent again); 4 the hub
 * answered an error (bad input, not found, forbidden, unreachable); 1 wrong usage.
 */
export const EXIT = { OK: 0, USAGE: 1, REFUSED: 2, FAILED: 3, ERROR: 4 } as const;

const JOB = 'id status phase rowsRead rowsChecked rowsWritten rowsRefused rowsSkipped problems { line column reason } notes failure sameFileAs contentSha256 coverage { notRebuilt { figure reason } }';

class HubError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Options {
  url: string;
  token: string;
  out: (line: string) => void;
  progress: (line: string) => void;
  /** Waits between two progress reads (a real pause on the command line; injectable for tests). */
  pause: (ms: number) => Promise<void>;
}

async function call<T>(o: Options, query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(o.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` }, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new HubError('UNREACHABLE', `cannot reach ${o.url}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
  if (!body) throw new HubError('HTTP', `HTTP ${response.status} without a GraphQL answer`);
  if (body.errors?.length) throw new HubError(body.errors[0].extensions?.code ?? 'ERROR', body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** The file's bytes as gzip, in chunks of at most the hub's chunk bound; the last one marked. */
async function* chunks(path: string): AsyncGenerator<{ data: Buffer; last: boolean }> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    s.on('data', (d) => parts.push(d as Buffer));
    s.on('end', () => resolve(Buffer.concat(parts)));
    s.on('error', reject);
  });
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const source = gzipped ? createReadStream(path) : createReadStream(path).pipe(createGzip());
  let pending: Buffer[] = [];
  let size = 0;
  let ready: Buffer | null = null;
  for await (const piece of source as AsyncIterable<Buffer>) {
    pending.push(piece);
    size += piece.length;
    while (size >= FILE_LIMITS.chunkBytes) {
      const all = Buffer.concat(pending);
      if (ready) yield { data: ready, last: false };
      ready = all.subarray(0, FILE_LIMITS.chunkBytes);
      pending = [all.subarray(FILE_LIMITS.chunkBytes)];
      size = pending[0].length;
    }
  }
  const rest = Buffer.concat(pending);
  if (ready && rest.length === 0) {
    yield { data: ready, last: true };
    return;
  }
  if (ready) yield { data: ready, last: false };
  yield { data: rest, last: true };
}

function bar(job: { phase: string | null; status: string; rowsRead: number; rowsChecked: number; rowsWritten: number; rowsRefused: number }): string {
  const width = 30;
  const done = job.phase === 'WRITING' && job.rowsChecked > 0 ? job.rowsWritten / job.rowsChecked : 0;
  const filled = Math.min(width, Math.round(done * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${job.status}${job.phase ? `/${job.phase}` : ''} read ${job.rowsRead} checked ${job.rowsChecked} written ${job.rowsWritten} refused ${job.rowsRefused}`;
}

export interface ImportArgs {
  file: string;
  kind: string;
  profile: string;
  queueId?: string;
  contractId?: string;
  forecastId?: string;
  scorecardId?: string;
  queueMap: Array<{ source: string; queueId: string }>;
  skipUnmapped: boolean;
  timeZone?: string;
}

/** Sends the file, follows the job to its end, prints the summary; answers the exit code. */
export async function runImport(o: Options, a: ImportArgs): Promise<number> {
  const size = (await stat(a.file)).size;
  o.progress(`sending ${basename(a.file)} (${size} bytes) to ${o.url}`);
  let jobId: string | null = null;
  let seq = 0;
  for await (const chunk of chunks(a.file)) {
    const content = chunk.data.toString('base64');
    if (jobId === null) {
      const started = await call<{ startImport: { id: string } }>(o, `mutation($input: StartImportInput!) { startImport(input: $input) { id } }`, {
        input: {
          kind: a.kind,
          profile: a.profile,
          queueId: a.queueId ?? null,
          contractId: a.contractId ?? null,
          forecastId: a.forecastId ?? null,
          scorecardId: a.scorecardId ?? null,
          queueMap: a.queueMap.length ? a.queueMap : null,
          skipUnmappedQueues: a.skipUnmapped,
          timeZone: a.timeZone ?? null,
          fileName: basename(a.file).slice(0, 200),
          content,
          encoding: 'BASE64',
          complete: chunk.last,
        },
      });
      jobId = started.startImport.id;
    } else {
      await call(o, `mutation($id: ID!, $seq: Int!, $c: String!, $last: Boolean!) { appendImportChunk(jobId: $id, seq: $seq, content: $c, last: $last) { id } }`, { id: jobId, seq, c: content, last: chunk.last });
    }
    seq += 1;
    o.progress(`sent chunk ${seq}${chunk.last ? ' (last)' : ''}`);
  }
  o.out(`job ${jobId}`);
  return followJob(o, jobId!);
}

export async function followJob(o: Options, jobId: string): Promise<number> {
  for (;;) {
    const { importJob: job } = await call<{ importJob: any }>(o, `query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id: jobId });
    o.progress(bar(job));
    if (!['UPLOADING', 'QUEUED', 'RUNNING'].includes(job.status)) return summary(o, job);
    await o.pause(1000);
  }
}

function summary(o: Options, job: any): number {
  o.out(`${job.status}: ${job.rowsRead} rows read, ${job.rowsChecked} checked, ${job.rowsWritten} written, ${job.rowsRefused} refused, ${job.rowsSkipped} skipped`);
  if (job.contentSha256) o.out(`content SHA-256 ${job.contentSha256}${job.sameFileAs ? ` (same file as job ${job.sameFileAs})` : ''}`);
  for (const p of job.problems) o.out(`  line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`);
  if (job.rowsRefused > 0 && job.problems.length < job.rowsRefused) o.out(`  … ${job.rowsRefused} rows refused in all`);
  for (const n of job.notes) o.out(`note: ${n}`);
  for (const n of job.coverage?.notRebuilt ?? []) o.out(`not in this source: ${n.figure} — ${n.reason}`);
  if (job.failure) o.out(`failure: ${job.failure}`);
  return job.status === 'SUCCEEDED' ? EXIT.OK : job.status === 'REFUSED' ? EXIT.REFUSED : EXIT.FAILED;
}

function usage(out: (l: string) => void): number {
  out('usage: npm run hub -- import (--queue <id> | --contract <id> | --forecast <id> | --scorecard <id>) --profile <name> [--kind INTERVALS|SURVEY_RESPONSES|COMPLAINTS|STAFFING|EVALUATIONS] [--map "Source=queueId"]… [--skip-unmapped] [--time-zone <IANA>] <file>');
  out('       npm run hub -- job <id>');
  out('environment: HUB_TOKEN (required), HUB_URL (default http://localhost:4000/graphql)');
  return EXIT.USAGE;
}

export function parseImportArgs(argv: string[]): ImportArgs | string {
  const a: ImportArgs = { file: '', kind: 'INTERVALS', profile: '', queueMap: [], skipUnmapped: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === '--queue') a.queueId = value();
      else if (arg === '--contract') a.contractId = value();
      else if (arg === '--forecast') a.forecastId = value();
      else if (arg === '--scorecard') a.scorecardId = value();
      else if (arg === '--profile') a.profile = value();
      else if (arg === '--kind') a.kind = value().toUpperCase();
      else if (arg === '--time-zone') a.timeZone = value();
      else if (arg === '--skip-unmapped') a.skipUnmapped = true;
      else if (arg === '--map') {
        const m = /^(.*)=([^=]+)$/.exec(value());
        if (!m) return '--map takes "Source name=queueId"';
        a.queueMap.push({ source: m[1], queueId: m[2] });
      } else if (arg.startsWith('--')) return `unknown option ${arg}`;
      else if (!a.file) a.file = arg;
      else return `one file at a time (got ${a.file} and ${arg})`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!a.file) return 'name the file';
  if (!a.profile) return '--profile is required';
  if (!a.queueId && !a.contractId && !a.forecastId && !a.scorecardId) return 'name the target: --queue, --contract, --forecast or --scorecard';
  return a;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, o: Omit<Options, 'url' | 'token'>): Promise<number> {
  const [command, ...rest] = argv;
  const token = env.HUB_TOKEN;
  if (!command || !['import', 'job'].includes(command)) return usage(o.out);
  if (!token) {
    o.out('HUB_TOKEN is not set: get a token for your organisation (npm run token) and export it');
    return EXIT.USAGE;
  }
  const options: Options = { ...o, url: env.HUB_URL ?? 'http://localhost:4000/graphql', token };
  try {
    if (command === 'job') {
      if (!rest[0]) return usage(o.out);
      return await followJob(options, rest[0]);
    }
    const args = parseImportArgs(rest);
    if (typeof args === 'string') {
      o.out(args);
      return usage(o.out);
    }
    return await runImport(options, args);
  } catch (error) {
    if (error instanceof HubError) {
      o.out(`the hub answered ${error.code}: ${error.message}`);
      return EXIT.ERROR;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      o.out(`no such file: ${(error as NodeJS.ErrnoException).path}`);
      return EXIT.USAGE;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    progress: (line) => process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(110)}` : `${line}\n`),
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }).then(
    (code) => {
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.exit(code);
    },
    (error) => {
      console.error(error);
      process.exit(EXIT.ERROR);
    },
  );
}
