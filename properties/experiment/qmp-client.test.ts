import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { QmpClient, QmpCommandError } from '../../src/experiment/qmp-client.ts';

/** A QMP server that speaks the protocol as QEMU does: greeting, capabilities, one answer per command, events in between. */
function fakeQemu(path: string, answer: (command: { execute: string; arguments?: Record<string, unknown> }, socket: Socket) => void): Promise<Server> {
  const server = createServer((socket) => {
    socket.write('{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7+deb12u18 "}, "capabilities": ["oob"]}}\r\n');
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const command = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (command.execute === 'qmp_capabilities') socket.write('{"return": {}}\r\n');
        else answer(command, socket);
      }
    });
  });
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

describe('QmpClient', () => {
  const directory = mkdtempSync(join(tmpdir(), 'dso-qmp-test-'));
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads the version from the greeting and answers commands in order, keeping events aside', async () => {
    const path = join(directory, 'order.sock');
    servers.push(
      await fakeQemu(path, (command, socket) => {
        if (command.execute === 'query-status') {
          // An event arrives between a command and its answer, as QEMU may send one at any time.
          socket.write('{"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}}\r\n');
          socket.write('{"return": {"status": "paused", "running": false}}\r\n');
        } else socket.write(`{"return": {"echo": ${JSON.stringify(command.arguments ?? null)}}}\r\n`);
      }),
    );
    const client = await QmpClient.connect(path, 2000);
    expect(client.version).toEqual({ qemu: '7.2.22', package: 'Debian 1:7.2+dfsg-7+deb12u18' });
    const [status, echo] = await Promise.all([client.execute('query-status'), client.execute('migrate', { uri: 'unix:/x' })]);
    expect(status).toEqual({ status: 'paused', running: false });
    expect(echo).toEqual({ echo: { uri: 'unix:/x' } });
    expect(client.events.map((event) => event.event)).toEqual(['STOP']);
    client.close();
  });

  it('rejects a command QEMU answers with an error, with its class and description', async () => {
    const path = join(directory, 'error.sock');
    servers.push(await fakeQemu(path, (_command, socket) => socket.write('{"error": {"class": "GenericError", "desc": "There\'s a migration process in progress"}}\r\n')));
    const client = await QmpClient.connect(path, 2000);
    const failure = client.execute('migrate', { uri: 'unix:/x' });
    await expect(failure).rejects.toBeInstanceOf(QmpCommandError);
    await expect(failure).rejects.toThrow("QMP migrate: GenericError: There's a migration process in progress");
    client.close();
  });

  it('rejects waiting commands when QEMU goes away, and every later command', async () => {
    const path = join(directory, 'gone.sock');
    servers.push(await fakeQemu(path, (_command, socket) => socket.destroy()));
    const client = await QmpClient.connect(path, 2000);
    await expect(client.execute('query-migrate')).rejects.toThrow(/QMP query-migrate: QEMU closed the QMP socket/);
    await expect(client.execute('query-status')).rejects.toThrow(/QMP query-status: QEMU closed the QMP socket/);
  });

  it('rejects a command that is not answered in time', async () => {
    const path = join(directory, 'silent.sock');
    servers.push(await fakeQemu(path, () => {}));
    const client = await QmpClient.connect(path, 2000);
    await expect(client.execute('query-migrate', undefined, 100)).rejects.toThrow('QMP query-migrate: no answer within 100 ms');
  });

  it('gives up on a socket nobody listens on, naming it', async () => {
    const path = join(directory, 'nobody.sock');
    await expect(QmpClient.connect(path, 200)).rejects.toThrow(`QMP: no session on ${path} within 200 ms`);
  });
});
