/** Ports for the embedded services: a configured one, or one the kernel says is free. */
import net from 'node:net';

/** A port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A free port below 32768, for services that store their port in a signed 16-bit column
 * (Temporal's cluster membership table does), tried at random in 20000–32767.
 */
export async function freeLowPort(taken: Set<number> = new Set()): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_768);
    if (!taken.has(port) && (await listens(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port found in 20000-32767');
}
