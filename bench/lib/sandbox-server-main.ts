// A sandbox HTTP server in its own process, so that the simulated network does not
// share an event loop with the engine under test. Prints "READY <url>" when listening.
import { SandboxNetwork, startSandboxServer } from '../../src/networks/sandbox/index.ts';

const options = JSON.parse(process.env.SANDBOX_OPTIONS ?? '{}') as ConstructorParameters<typeof SandboxNetwork>[0];
const server = await startSandboxServer({ host: '127.0.0.1', port: 0, network: new SandboxNetwork(options) });
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
