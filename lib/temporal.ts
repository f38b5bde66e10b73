import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from './config';

function connectionOptions(t: AppConfig['temporal']) {
  const tls = t.tlsCert && t.tlsKey
    ? { clientCertPair: { crt: readFileSync(t.tlsCert), key: readFileSync(t.tlsKey) } }
    : t.apiKey ? true : undefined;
  return { address: t.address, tls, apiKey: t.apiKey };
}

export async function connectClient(t: AppConfig['temporal']): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(t));
  return new Client({ connection, namespace: t.namespace });
}

export async function connectWorker(t: AppConfig['temporal']): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(t));
}
