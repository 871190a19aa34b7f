import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { parse as parseSync } from 'csv-parse/sync';
import { FILE_LIMITS } from '../metrics/bounds';

/**
 * A stored file read back as a stream of CSV records: its chunks one at a time from the
 * database, gunzipped when the first bytes are gzip's magic number, counted against the inflated
 * bound and hashed (SHA-256 of the content as it reads, so a gzipped and a plain copy of one file
 * are the same file), then split into records. Memory holds one chunk and one line at a time.
 */
export interface CsvRecord {
  line: number;
  values: string[];
}

export class FileRefused extends Error {
  constructor(readonly line: number, reason: string) {
    super(reason);
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(firstChunk: Buffer): boolean {
  return firstChunk.length >= 2 && firstChunk[0] === GZIP_MAGIC[0] && firstChunk[1] === GZIP_MAGIC[1];
}

export interface FileReading {
  /** The records one at a time; or `batches`, the records of each piece read (use one of the two). */
  records: AsyncIterable<CsvRecord>;
  batches: AsyncIterable<CsvRecord[]>;
  /** The SHA-256 of the content (hex), once every record has been read. */
  sha256(): string;
}

/**
 * Reads the chunks `chunkAt(0..)` (null past the last) as CSV with `delimiter`, skipping
 * `skipLines` lines before the header. Lines without a quote character (nearly every line of an
 * ACD export) are split directly, ten times faster than a general parser; a line with quotes, or
 * a quoted field running over several lines, goes to csv-parse. A malformed file (an unclosed
 * quote, a line longer than FILE_LIMITS.lineCharacters) ends the reading with FileRefused naming
 * the line. Without `hashing` (a second reading of a file hashed before) no SHA-256 is computed.
 */
export function readCsv(chunkAt: (seq: number) => Promise<Buffer | null>, options: { delimiter: string; skipLines: number }, hashing = true): FileReading {
  const hash = hashing ? createHash('sha256') : null;
  let digest: string | null = null;
  async function* bytes(): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const chunk = await chunkAt(seq);
      if (!chunk) return;
      yield chunk;
    }
  }
  async function* inflated(): AsyncGenerator<Buffer> {
    const source = bytes();
    const first = await source.next();
    if (first.done) return;
    const head = first.value;
    const all = (async function* () {
      yield head;
      yield* source;
    })();
    if (!isGzip(head)) {
      yield* all;
      return;
    }
    const gunzip = createGunzip();
    const stream = Readable.from(all).pipe(gunzip);
    try {
      for await (const piece of stream as AsyncIterable<Buffer>) yield piece;
    } catch (error) {
      throw error instanceof FileRefused ? error : new FileRefused(0, `the gzip stream is broken: ${(error as Error).message}`);
    }
  }
  const quoted = (text: string, line: number): string[] => {
    try {
      const rows = parseSync(text, { delimiter: options.delimiter, relax_column_count: true, bom: false });
      return (rows[0] as string[] | undefined) ?? [];
    } catch (error) {
      throw new FileRefused(line, `not readable as CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`);
    }
  };
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    const decoder = new StringDecoder('utf8');
    let buffer = '';
    let lineNo = 0;
    let total = 0;
    let pending: { text: string; line: number } | null = null;
    let first = true;
    // One record of a line, or null (a skipped or empty line, or one inside a quoted field).
    const take = (raw: string): CsvRecord | null => {
      lineNo += 1;
      let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      if (pending) {
        pending.text += `\n${text}`;
        if (pending.text.length > FILE_LIMITS.lineCharacters) throw new FileRefused(pending.line, `a record longer than ${FILE_LIMITS.lineCharacters} characters (an unclosed quote?)`);
        if (quotes(pending.text) % 2 === 0) {
          const record = { line: pending.line, values: quoted(pending.text, pending.line) };
          pending = null;
          return record;
        }
        return null;
      }
      if (lineNo <= options.skipLines || text.length === 0) return null;
      if (!text.includes('"')) return { line: lineNo, values: text.split(options.delimiter) };
      if (quotes(text) % 2 === 0) return { line: lineNo, values: quoted(text, lineNo) };
      pending = { text, line: lineNo };
      return null;
    };
    for await (const piece of inflated()) {
      total += piece.length;
      if (total > FILE_LIMITS.inflatedBytes) throw new FileRefused(0, `the file inflates past ${FILE_LIMITS.inflatedBytes} bytes; split it`);
      hash?.update(piece);
      buffer += decoder.write(piece);
      // The piece's records are handed over together: one step of the iteration per piece, not
      // per line. A line refused (FileRefused) ends the reading after the records before it.
      const batch: CsvRecord[] = [];
      let start = 0;
      try {
        for (let nl = buffer.indexOf('\n', start); nl >= 0; nl = buffer.indexOf('\n', start)) {
          const record = take(buffer.slice(start, nl));
          if (record) batch.push(record);
          start = nl + 1;
        }
      } catch (error) {
        if (batch.length > 0) yield batch;
        throw error;
      }
      buffer = buffer.slice(start);
      if (batch.length > 0) yield batch;
      if (buffer.length > FILE_LIMITS.lineCharacters) throw new FileRefused(lineNo + 1, `a line longer than ${FILE_LIMITS.lineCharacters} characters`);
    }
    buffer += decoder.end();
    const last = buffer.length > 0 ? take(buffer) : null;
    if (last) yield [last];
    const unclosed = pending as { line: number } | null;
    if (unclosed) throw new FileRefused(unclosed.line, 'not readable as CSV: a quoted field is not closed');
    digest = hash ? hash.digest('hex') : '';
  }
  const all = batches();
  return {
    batches: all,
    records: (async function* () {
      for await (const batch of all) yield* batch;
    })(),
    sha256() {
      if (digest === null) throw new Error('the file has not been read to its end');
      if (!hash) throw new Error('the file was read without hashing');
      return digest;
    },
  };
}

function quotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n += 1;
  return n;
}
