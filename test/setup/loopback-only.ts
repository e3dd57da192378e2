// Every test runs with outbound traffic limited to loopback: a request to any
// other host fails the test instead of leaving the machine.
import net from 'node:net';

// Worker processes are reused between files (this file runs again for each): patch once.
const patched = Symbol.for('plaza.loopbackOnly');
const socketPrototype = net.Socket.prototype as net.Socket & { [patched]?: true };
const originalConnect = net.Socket.prototype.connect;
const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

if (!socketPrototype[patched]) {
  socketPrototype[patched] = true;
  net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string | undefined;
    let host: string | undefined;
    if (typeof first === 'object' && first !== null) {
      if (first.path) return originalConnect.apply(this, args as never);
      host = first.host;
    } else if (typeof first === 'number') {
      host = typeof args[1] === 'string' ? (args[1] as string) : undefined;
    } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
      return originalConnect.apply(this, args as never); // unix socket path
    }
    if (host !== undefined && !loopback.test(host)) {
      throw new Error(`Test tried to reach a non-loopback host: ${host}`);
    }
    return originalConnect.apply(this, args as never);
  } as typeof net.Socket.prototype.connect;
}
