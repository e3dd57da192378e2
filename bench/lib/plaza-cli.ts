import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Output of one `plaza` command of the checkout at `root`; it must succeed. */
export function runPlaza(root: string, env: Record<string, string>, ...argv: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(root, 'bin/plaza.mjs'), ...argv],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => (error ? reject(new Error(`plaza ${argv.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)),
    ),
  );
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when the Plaza listening on `port` answers its health check with 200. */
export async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
  } catch {
    return false;
  }
}
