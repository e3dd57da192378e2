// The YouTube test server in its own process, so the upload benchmark measures the uploading
// worker's memory alone. Prints "READY <url>" when listening.
import { FakeYouTubeServer } from '../../src/networks/youtube/testing/server.ts';

const server = new FakeYouTubeServer();
await server.start();
process.stdout.write(`READY ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
