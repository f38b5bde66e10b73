/**
 * What every process of the product sets up first, from its configuration: its logger
 * (pino, JSON or pretty) and, when an OTLP endpoint is configured, tracing.
 */
import type { AppConfig } from './config';
import { configureLogging } from './logger';
import { startTracing, type Tracing } from './tracing';

export function observeProcess(config: AppConfig, service: string): { tracing?: Tracing; stop(): Promise<void> } {
  configureLogging({ level: config.log.level, format: config.log.format, service });
  const tracing = startTracing(service);
  return { tracing, stop: async () => tracing?.shutdown() };
}
