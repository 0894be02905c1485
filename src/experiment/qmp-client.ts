/**
 * A QEMU Machine Protocol client over a UNIX socket: one JSON object per line each way, commands
 * answered in order, asynchronous events kept aside. Written here because the one QMP package on the
 * npm registry (`qemu-qmp` 0.5.0) is a single release under a proprietary licence that depends on
 * `split@*`; nothing maintained was there to use.
 */
import { connect, type Socket } from 'node:net';

/** A QMP event as QEMU sends it. */
export interface QmpEvent {
  readonly event: string;
  readonly data?: Record<string, unknown>;
  readonly timestamp?: { readonly seconds: number; readonly microseconds: number };
}

/** An error QEMU answered a command with. */
export class QmpCommandError extends Error {
  /** QEMU's error class, e.g. `GenericError`. */
  readonly errorClass: string;

  /**
   * @param command - the command that failed
   * @param errorClass - QEMU's error class
   * @param description - QEMU's description
   */
  constructor(command: string, errorClass: string, description: string) {
    super(`QMP ${command}: ${errorClass}: ${description}`);
    this.errorClass = errorClass;
  }
}

interface PendingCommand {
  readonly command: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** A connected QMP session, in command mode after `qmp_capabilities`. */
export class QmpClient {
  /** The QEMU version from the greeting, e.g. `7.2.22`, and its package string. */
  readonly version: { readonly qemu: string; readonly package: string };
  /** Events received so far, oldest first. */
  readonly events: QmpEvent[] = [];
  readonly #socket: Socket;
  readonly #pending: PendingCommand[] = [];
  #closedReason: string | undefined;

  private constructor(socket: Socket, version: { qemu: string; package: string }) {
    this.#socket = socket;
    this.version = version;
  }

  /**
   * Connects to a QMP UNIX socket, retrying while QEMU has not created it yet, and negotiates
   * command mode.
   * @param socketPath - the socket QEMU listens on (`-qmp unix:PATH,server=on,wait=off`)
   * @param timeoutMs - how long to keep trying (ms)
   * @returns the session
   * @throws Error when no greeting arrives within the time
   */
  static async connect(socketPath: string, timeoutMs: number): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await QmpClient.#connectOnce(socketPath, Math.max(100, deadline - Date.now()));
      } catch (error) {
        if (Date.now() >= deadline) throw new Error(`QMP: no session on ${socketPath} within ${timeoutMs} ms (${(error as Error).message})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  static #connectOnce(socketPath: string, timeoutMs: number): Promise<QmpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(socketPath);
      let buffered = '';
      let client: QmpClient | undefined;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no greeting'));
      }, timeoutMs);
      socket.setEncoding('utf8');
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (client === undefined) reject(error);
        else client.#close(`socket error: ${error.message}`);
      });
      socket.on('close', () => {
        if (client !== undefined) client.#close('QEMU closed the QMP socket');
      });
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line === '') continue;
          const message = JSON.parse(line) as Record<string, unknown>;
          if (client === undefined) {
            const qmp = message.QMP as { version: { qemu: { major: number; minor: number; micro: number }; package: string } } | undefined;
            if (qmp === undefined) continue;
            clearTimeout(timer);
            const { major, minor, micro } = qmp.version.qemu;
            client = new QmpClient(socket, { qemu: `${major}.${minor}.${micro}`, package: qmp.version.package.trim() });
            client.execute('qmp_capabilities').then(() => resolve(client!), reject);
          } else {
            client.#receive(message);
          }
        }
      });
    });
  }

  /**
   * Runs one command.
   * @param command - the QMP command name
   * @param args - its arguments
   * @param timeoutMs - how long to wait for the answer (ms)
   * @returns QEMU's `return` value
   * @throws QmpCommandError when QEMU answers with an error; Error when the session is closed or the answer is late
   */
  execute(command: string, args?: Record<string, unknown>, timeoutMs = 10_000): Promise<unknown> {
    if (this.#closedReason !== undefined) return Promise.reject(new Error(`QMP ${command}: ${this.#closedReason}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#close(`QMP ${command}: no answer within ${timeoutMs} ms`), timeoutMs);
      this.#pending.push({ command, resolve, reject, timer });
      this.#socket.write(`${JSON.stringify(args === undefined ? { execute: command } : { execute: command, arguments: args })}\n`);
    });
  }

  /** Closes the session; commands still waiting are rejected. */
  close(): void {
    this.#close('the session was closed');
  }

  #receive(message: Record<string, unknown>): void {
    if (typeof message.event === 'string') {
      this.events.push(message as unknown as QmpEvent);
      return;
    }
    // QMP answers commands in the order they were sent.
    const pending = this.#pending.shift();
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    if ('error' in message) {
      const error = message.error as { class: string; desc: string };
      pending.reject(new QmpCommandError(pending.command, error.class, error.desc));
    } else {
      pending.resolve(message.return);
    }
  }

  #close(reason: string): void {
    if (this.#closedReason !== undefined) return;
    this.#closedReason = reason;
    this.#socket.destroy();
    for (const pending of this.#pending.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`QMP ${pending.command}: ${reason}`));
    }
  }
}
