import { existsSync, readlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { StagedRows } from './staging';

async function readAll(staged: StagedRows): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  for await (const row of staged.rows()) rows.push(row);
  return rows;
}

describe('staged rows', () => {
  it('gives back every row in the order staged, across buffer and block boundaries, with multi-byte text intact', async () => {
    const staged = await StagedRows.create();
    try {
      const expected: Array<[string, string]> = [];
      // About 3.5 MiB: several flushes to disk and several read blocks, with rows of varied length
      // (and characters of two and three bytes) so blocks end inside rows and inside characters.
      for (let i = 0; i < 30_000; i++) {
        const key = `q-${i % 7}`;
        const json = JSON.stringify([`2026-01-01T00:${String(i % 60).padStart(2, '0')}:00.000Z`, i, 'é€'.repeat(i % 50), i * 0.5]);
        expected.push([key, json]);
        const waiting = staged.add(key, json);
        if (waiting) await waiting;
      }
      expect(staged.size).toBe(30_000);
      expect(await readAll(staged)).toEqual(expected);
      // Read again: the same rows (the write pass could be retried).
      expect((await readAll(staged)).length).toBe(30_000);
    } finally {
      await staged.remove();
    }
  });

  it('reads nothing when nothing was staged, and leaves no file behind', async () => {
    const staged = await StagedRows.create();
    expect(await readAll(staged)).toEqual([]);
    await staged.remove();
    expect(existsSync(dirname(staged.path))).toBe(false);
  });

  it('on Linux the staged file has no name on disk while it is used, so a killed import leaves nothing behind', async () => {
    if (process.platform !== 'linux') return;
    const staged = await StagedRows.create();
    try {
      expect(staged.unnamed).toBe(true);
      expect(existsSync(dirname(staged.path))).toBe(false);
      // The open file is the one made there, now without a name.
      const fd = (staged as unknown as { file: { fd: number } }).file.fd;
      expect(readlinkSync(`/proc/self/fd/${fd}`)).toBe(`${staged.path} (deleted)`);
      // Still written and read through the open file.
      await staged.add('q', '[1]');
      for (let i = 0; i < 40_000; i++) await staged.add('q', JSON.stringify(['x'.repeat(30), i]));
      expect((await readAll(staged)).length).toBe(40_001);
    } finally {
      await staged.remove();
    }
  });
});
