import pino, { DestinationStream, Logger } from 'pino';

/**
 * Structured JSON logs (pino), one line per event on standard output, each with the service and,
 * for a request, its request id (the gateway's x-request-id, passed to every subgraph), so a
 * fault a caller quotes is found in every process it went through. LOG_LEVEL sets the level
 * (info by default; silent under jest unless a test captures the logs).
 */
let destination: DestinationStream = pino.destination({ dest: 1, sync: true });

export const rootLogger: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  { write: (line: string) => destination.write(line) },
);

/** The logger of one service of the hub. */
export function logger(service: string): Logger {
  return rootLogger.child({ service });
}

/**
 * Keeps the log lines written while `work` runs, parsed, instead of printing them (tests).
 */
export async function captureLogs<T>(work: () => Promise<T>): Promise<{ result: T; lines: Array<Record<string, any>> }> {
  const lines: Array<Record<string, any>> = [];
  const previous = destination;
  const level = rootLogger.level;
  destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  rootLogger.level = 'info';
  try {
    return { result: await work(), lines };
  } finally {
    destination = previous;
    rootLogger.level = level;
  }
}
