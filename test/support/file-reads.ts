import * as jobs from '../../services/exchange/jobs';

/**
 * Runs `work` (an import through the hub) counting how often the exchange subgraph read an
 * uploaded file through (jobs.eachRow): an import reads its file once, in its check pass.
 */
export async function countingFileReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: number }> {
  const spy = jest.spyOn(jobs, 'eachRow');
  try {
    const result = await work();
    return { result, reads: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}
