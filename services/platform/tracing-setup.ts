import { NodeTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, InMemorySpanExporter, SimpleSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { setMysqlSpansFromDriver } from './tracing';

/**
 * Registers the process's tracer provider from the standard OpenTelemetry variables:
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) sends spans by OTLP over
 * HTTP (protobuf) to a collector; OTEL_TRACES_EXPORTER=console prints them (development);
 * OTEL_TRACES_EXPORTER=none, or neither set, keeps tracing off. OTEL_SERVICE_NAME overrides the
 * service name. Call it first in a process's main, before a database driver is loaded, so the
 * mysql2 instrumentation can wrap the driver. Returns a function that flushes and stops.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): () => Promise<void> {
  const exporter = env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none');
  if (exporter === 'none') return async () => undefined;
  let processor: SpanProcessor;
  if (exporter === 'console') {
    processor = new SimpleSpanProcessor(new ConsoleSpanExporter());
  } else if (exporter === 'otlp') {
    // Loaded only when asked for: the exporter brings protobuf code a process without it never needs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
    processor = new BatchSpanProcessor(new OTLPTraceExporter());
  } else {
    throw new Error(`OTEL_TRACES_EXPORTER must be otlp, console or none (got "${exporter}")`);
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? `cchub-${service}` }),
    spanProcessors: [processor],
  });
  provider.register();
  // MySQL statements get their spans from the driver itself (the standard instrumentation).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MySQL2Instrumentation } = require('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2');
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new MySQL2Instrumentation({ maskStatement: true })] });
  setMysqlSpansFromDriver(true);
  return () => provider.shutdown();
}

/** A provider that keeps every span in memory, for tests: read them with `exporter.getFinishedSpans()`. */
export function startInMemoryTracing(service = 'test'): { exporter: InMemorySpanExporter; stop: () => Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  return { exporter, stop: () => provider.shutdown() };
}
