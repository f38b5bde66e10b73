import { readFileSync } from 'node:fs';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { workflowNotingInterceptor } from '../platform/api/request-context';
import type { AppConfig } from './config';
import { encryptingDataConverter } from './payload-codec';
import { tracingClientInterceptors } from './tracing';

/** Every client of the product: requests note the workflow they touch; traces go into workflow headers. */
export function clientInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return { workflow: [workflowNotingInterceptor, ...tracingClientInterceptors()] };
}

function connectionOptions(t: AppConfig['temporal']) {
  const tls =
    t.tlsCert && t.tlsKey
      ? { clientCertPair: { crt: readFileSync(t.tlsCert), key: readFileSync(t.tlsKey) } }
      : t.apiKey
        ? true
        : undefined;
  return { address: t.address, tls, apiKey: t.apiKey };
}

export async function connectClient(t: AppConfig['temporal']): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(t));
  // Payloads are encrypted before they reach Temporal (lib/payload-codec.ts).
  return new Client({
    connection,
    namespace: t.namespace,
    interceptors: clientInterceptors(),
    dataConverter: encryptingDataConverter(t.payloadKeys),
  });
}

export async function connectWorker(t: AppConfig['temporal']): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(t));
}
