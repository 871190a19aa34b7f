import { mkdtemp, open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Rows a job's check pass has already turned into what the write pass sends, kept on disk (a
 * file of its own in the system's temporary folder, removed when the job ends), so the write
 * pass neither reads the uploaded file again nor holds it in memory: each line is a key (the
 * queue) and the row's JSON text as it goes into the owner's request. Memory stays at about one
 * buffer of BUFFER_BYTES whatever the file's size; the disk holds about the file's own size.
 * Keys must not contain a tab or a newline, and the JSON text no newline (JSON.stringify never
 * writes one). Where the system allows it (Linux, macOS), the file's folder is removed as soon as
 * the file is open: the open file lives on without a name, and the system frees it when it is
 * closed or the process ends, so a killed import leaves nothing behind.
 */
const BUFFER_BYTES = 1 << 20;

export class StagedRows {
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;
  private count = 0;

  private constructor(
    /** Where the file was made. */
    readonly path: string,
    /** The folder, while it still has to be removed (null once removed). */
    private dir: string | null,
    private readonly file: FileHandle,
  ) {}

  static async create(): Promise<StagedRows> {
    const dir = await mkdtemp(join(tmpdir(), 'cchub-import-'));
    const path = join(dir, 'rows');
    let file: FileHandle;
    try {
      file = await open(path, 'w+');
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    // Windows refuses to remove an open file: there the folder goes in remove().
    const unnamed = await rm(dir, { recursive: true }).then(
      () => true,
      () => false,
    );
    return new StagedRows(path, unnamed ? null : dir, file);
  }

  /** True when the file has no name left on disk (it goes when closed, or with the process). */
  get unnamed(): boolean {
    return this.dir === null;
  }

  /** Rows staged so far. */
  get size(): number {
    return this.count;
  }

  /** Stages one row; a promise (to await) only when the buffer went to disk. */
  add(key: string, json: string): Promise<void> | undefined {
    const line = `${key}\t${json}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.count += 1;
    return this.pendingBytes >= BUFFER_BYTES ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.file.write(data, offset, data.length - offset, this.written);
      offset += bytesWritten;
      this.written += bytesWritten;
    }
  }

  /** The staged rows in the order added, as [key, json]; read in blocks of BUFFER_BYTES. */
  async *rows(): AsyncGenerator<[string, string]> {
    await this.flush();
    const block = Buffer.alloc(BUFFER_BYTES);
    let position = 0;
    while (position < this.written) {
      const { bytesRead } = await this.file.read(block, 0, block.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      // A block may end inside a character: decode up to the last newline only.
      const end = block.lastIndexOf(10, bytesRead - 1);
      if (end < 0) throw new Error('a staged row is longer than the staging buffer');
      const text = block.toString('utf8', 0, end + 1);
      position -= bytesRead - end - 1;
      let from = 0;
      for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', from)) {
        const tab = text.indexOf('\t', from);
        yield [text.slice(from, tab), text.slice(tab + 1, nl)];
        from = nl + 1;
      }
    }
  }

  /** Closes and removes the file. */
  async remove(): Promise<void> {
    this.pending = [];
    await this.file.close().catch(() => undefined);
    if (this.dir !== null) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
