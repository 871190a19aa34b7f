import { gzipSync } from 'node:zlib';
import { FileRefused, readCsv } from './source';

async function read(text: string | Buffer, pieces = 3, options = { delimiter: ',', skipLines: 0 }) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const size = Math.ceil(bytes.length / pieces);
  const reading = readCsv(async (seq) => (seq * size < bytes.length ? bytes.subarray(seq * size, (seq + 1) * size) : null), options);
  const records = [];
  for await (const r of reading.records) records.push(r);
  return { records, sha: reading.sha256() };
}

describe('readCsv', () => {
  it('splits plain lines, parses quoted ones (quoted delimiters, quotes, newlines), numbers lines', async () => {
    const { records } = await read('\uFEFFa,b,c\r\n1,2,3\n\n"x, y","he said ""hi""",z\n"multi\nline",5,6\n7,8,9');
    expect(records).toEqual([
      { line: 1, values: ['a', 'b', 'c'] },
      { line: 2, values: ['1', '2', '3'] },
      { line: 4, values: ['x, y', 'he said "hi"', 'z'] },
      { line: 5, values: ['multi\nline', '5', '6'] },
      { line: 7, values: ['7', '8', '9'] },
    ]);
  });

  it('reads gzip the same and hashes the content, not the transport', async () => {
    const text = 'a;b\n1;2\nü;ß\n';
    const plain = await read(text, 2, { delimiter: ';', skipLines: 0 });
    const gz = await read(gzipSync(Buffer.from(text)), 2, { delimiter: ';', skipLines: 0 });
    expect(gz.records).toEqual(plain.records);
    expect(gz.sha).toBe(plain.sha);
    expect(plain.records[2].values).toEqual(['ü', 'ß']);
  });

  it('skips report preambles and refuses an unclosed quote naming its line', async () => {
    expect((await read('Report title\nexported today\na,b\n1,2', 1, { delimiter: ',', skipLines: 2 })).records[0]).toEqual({ line: 3, values: ['a', 'b'] });
    await expect(read('a,b\n1,"open\n2,3')).rejects.toThrow(FileRefused);
  });
});
