import { existsSync } from 'node:fs';
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
    const dir = (staged as unknown as { dir: string }).dir;
    expect(existsSync(dir)).toBe(true);
    expect(await readAll(staged)).toEqual([]);
    await staged.remove();
    expect(existsSync(dir)).toBe(false);
  });
});
