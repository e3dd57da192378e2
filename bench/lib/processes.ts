import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const RUN_TS = path.resolve('bin/run-ts.mjs');

/** Starts a TypeScript entry point in a child process and waits for its "READY …" line. */
export async function startProcess(
  file: string,
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<{ child: ChildProcess; ready: string }> {
  const child = spawn(process.execPath, [RUN_TS, file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${file} did not start`)), readyTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY(?: (\S+))?\n/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? '');
      }
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  child.stdout!.resume();
  return { child, ready };
}

/** Stops a child process and waits for it to exit. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Percentile of a sorted-or-not list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  return percentile(values, 50);
}
