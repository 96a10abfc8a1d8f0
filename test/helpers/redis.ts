/**
 * A real redis-server for the broker tests: a free loopback port, stopped
 * afterwards. CI installs the Debian package (.ci/run); where it is missing the
 * tests say so and skip. `persist` keeps the data in an append-only file in a
 * temp folder, so `restart` is an outage the queue survives, as it does with
 * the settings docs/broker.md asks for.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { tempDir } from './paths';

export const redisServerPath = ((): string | null => {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
})();

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Stop, stay down `downMs`, start again on the same port (with `persist`: with the same data). */
  restart(downMs: number): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function spawnRedis(port: number, dir: string | null): Promise<{ child: ChildProcess; ended: Promise<void> }> {
  if (!redisServerPath) throw new Error('redis-server is not installed');
  const storage = dir === null ? ['--save', '', '--appendonly', 'no'] : ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  const child: ChildProcess = spawn(redisServerPath, ['--port', String(port), '--bind', '127.0.0.1', ...storage, '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server ended (${String(code)}) before it was ready: ${out}`)));
  });
  child.stdout?.resume();
  return { child, ended: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
}

export async function startRedis(options: { persist?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = options.persist ? tempDir('peakshift-redis-') : null;
  let current = await spawnRedis(port, dir);
  const stop = async (): Promise<void> => {
    current.child.kill('SIGTERM');
    await current.ended;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: async (downMs) => {
      await stop();
      await new Promise((r) => setTimeout(r, downMs));
      current = await spawnRedis(port, dir);
    },
  };
}
