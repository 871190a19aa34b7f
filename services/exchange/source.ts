import { createHash, Hash } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { FILE_LIMITS } from '../metrics/bounds';

/**
 * A stored file read back as a stream of CSV records: its chunks one at a time from the
 * database, gunzipped when the first bytes are gzip's magic number, counted against the inflated
 * bound and hashed (SHA-256 of the content as it reads, so a gzipped and a plain copy of one file
 * are the same file), then parsed. Memory holds one chunk and one record at a time.
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

class Meter extends Transform {
  bytes = 0;
  constructor(private readonly hash: Hash, private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      done(new FileRefused(0, `the file inflates past ${this.limit} bytes; split it`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

export interface FileReading {
  records: AsyncIterable<CsvRecord>;
  /** The SHA-256 of the content (hex), once every record has been read. */
  sha256(): string;
}

/**
 * Reads the chunks `chunkAt(0..)` (null past the last) as CSV with `delimiter`, skipping
 * `skipLines` lines before the header. A malformed file (an unclosed quote, a line longer than
 * FILE_LIMITS.lineCharacters) ends the reading with FileRefused naming the line.
 */
export function readCsv(chunkAt: (seq: number) => Promise<Buffer | null>, options: { delimiter: string; skipLines: number }): FileReading {
  const hash = createHash('sha256');
  let digest: string | null = null;
  const raw = Readable.from(
    (async function* () {
      for (let seq = 0; ; seq++) {
        const chunk = await chunkAt(seq);
        if (!chunk) return;
        yield chunk;
      }
    })(),
  );
  const parser = parse({
    delimiter: options.delimiter,
    from_line: options.skipLines + 1,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: FILE_LIMITS.lineCharacters,
    info: true,
  });
  async function* records(): AsyncGenerator<CsvRecord> {
    const source = raw[Symbol.asyncIterator]();
    const first = await source.next();
    if (first.done) {
      digest = hash.digest('hex');
      return;
    }
    const head = first.value as Buffer;
    const replay = Readable.from(
      (async function* () {
        yield head;
        for (;;) {
          const next = await source.next();
          if (next.done) return;
          yield next.value as Buffer;
        }
      })(),
    );
    const meter = new Meter(hash, FILE_LIMITS.inflatedBytes);
    const inflated = isGzip(head) ? replay.pipe(createGunzip()) : replay;
    const fail = (error: Error) => parser.destroy(error);
    replay.on('error', fail);
    inflated.on('error', (error) => fail(error instanceof FileRefused ? error : new FileRefused(0, `the gzip stream is broken: ${error.message}`)));
    meter.on('error', fail);
    inflated.pipe(meter).pipe(parser);
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield { line: item.info.lines, values: item.record };
      }
    } catch (error) {
      if (error instanceof FileRefused) throw error;
      const e = error as { code?: string; lines?: number; message: string };
      if (e.code && e.code.startsWith('CSV_')) throw new FileRefused(e.lines ?? 0, `not readable as CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`);
      throw error;
    }
    digest = hash.digest('hex');
  }
  return {
    records: records(),
    sha256() {
      if (!digest) throw new Error('the file has not been read to its end');
      return digest;
    },
  };
}
