/**
 * Client round trips against a real QEMU, beside a minimal raw-socket loop in the same run,
 * so that the ratio says what the runtime client costs over the bare protocol.
 * QEMU serves one QMP connection at a time per socket, so the two take turns: ROUNDS rounds,
 * each running both back to back (which goes first alternates), after one warm-up run each.
 * Reported: the median rate of each, and the median of the per-round client/raw ratios —
 * pairing runs that are seconds apart keeps a machine whose load changes (shared CI, other
 * test runs) from deciding the ratio. With python's qemu.qmp at hand, it runs in every round
 * too (qemu_qmp_rate.py, timed inside its own process after connecting, like the others).
 */
import { execFile } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QmpClient } from '../../templates/runtime/index.js';
import { findQemu, startQemu } from '../helpers/qemu.js';

export interface ClientBenchResult {
  rows: Array<{ what: string; value: string; target: string; rss: number }>;
}

const SEQUENTIAL = 800;
const PIPELINED = 1600;
const IN_FLIGHT = 32;
const ROUNDS = 15;

/** The least code that speaks QMP: newline-framed JSON, replies matched by counting. */
async function rawSession(socketPath: string): Promise<{ write(line: string): void; next(): Promise<void>; close(): void }> {
  const socket: Socket = connect(socketPath);
  socket.setEncoding('utf8');
  let buffer = '';
  let waiting: Array<() => void> = [];
  let ready = 0;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.includes('"return"') || line.includes('"error"') || line.includes('"QMP"')) {
        const w = waiting.shift();
        if (w) w();
        else ready++;
      }
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const next = () =>
    new Promise<void>((resolve) => {
      if (ready > 0) {
        ready--;
        resolve();
      } else waiting.push(resolve);
    });
  await next(); // greeting
  socket.write('{"execute":"qmp_capabilities"}\n');
  await next();
  return {
    write: (line) => socket.write(line),
    next,
    close: () => {
      waiting = [];
      socket.destroy();
    },
  };
}

async function rawRun(socketPath: string, inFlight: number, total: number): Promise<number> {
  const s = await rawSession(socketPath);
  const t0 = performance.now();
  let sent = 0;
  let done = 0;
  const send = () => s.write(`{"execute":"query-status","id":${sent++}}\n`);
  while (sent < Math.min(inFlight, total)) send();
  while (done < total) {
    await s.next();
    done++;
    if (sent < total) send();
  }
  const ms = performance.now() - t0;
  s.close();
  return (total / ms) * 1000;
}

async function clientRun(socketPath: string, inFlight: number, total: number): Promise<number> {
  const qmp = await QmpClient.connect({ path: socketPath });
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      await qmp.execute('query-status');
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const ms = performance.now() - t0;
  await qmp.close();
  return (total / ms) * 1000;
}

/** python's qemu.qmp, for a row of its own beside the others. */
export interface PythonQmp {
  /** PYTHONPATH under which `import qemu.qmp` works ('' when installed). */
  pythonPath: string;
  /** What it is, for the row's label. */
  what: string;
}

const PY_DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'qemu_qmp_rate.py');

function pythonRun(py: PythonQmp, socketPath: string, inFlight: number, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('python3', [PY_DRIVER, socketPath, String(inFlight), String(total)], { env: { ...process.env, PYTHONPATH: py.pythonPath } }, (error, stdout, stderr) => {
      const rate = Number(stdout.trim());
      if (error || !Number.isFinite(rate)) reject(new Error(`qemu_qmp_rate.py failed: ${error?.message ?? ''} ${stderr}`));
      else resolve(rate);
    });
  });
}

/** The q-quantile, interpolating between the closest ranks. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (at - lo);
}

const median = (xs: number[]): number => quantile(xs, 0.5);

export async function clientBench(python?: PythonQmp): Promise<ClientBenchResult> {
  const binary = findQemu();
  if (!binary) throw new Error('qemu-system-x86_64 not found');
  const qemu = await startQemu(binary);
  const rows: ClientBenchResult['rows'] = [];
  try {
    for (const [label, inFlight, total] of [
      ['sequential', 1, SEQUENTIAL],
      [`${IN_FLIGHT} in flight`, IN_FLIGHT, PIPELINED],
    ] as const) {
      await rawRun(qemu.socketPath, inFlight, Math.min(total, 500)); // warm-up
      await clientRun(qemu.socketPath, inFlight, Math.min(total, 500));
      if (python) await pythonRun(python, qemu.socketPath, inFlight, Math.min(total, 500));
      const raw: number[] = [];
      const client: number[] = [];
      const py: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          raw.push(await rawRun(qemu.socketPath, inFlight, total));
          client.push(await clientRun(qemu.socketPath, inFlight, total));
          if (python) py.push(await pythonRun(python, qemu.socketPath, inFlight, total));
        } else {
          if (python) py.push(await pythonRun(python, qemu.socketPath, inFlight, total));
          client.push(await clientRun(qemu.socketPath, inFlight, total));
          raw.push(await rawRun(qemu.socketPath, inFlight, total));
        }
      }
      const ratios = client.map((c, i) => c / (raw[i] as number));
      const rss = process.resourceUsage().maxRSS * 1024;
      rows.push({ what: `query-status ${label}, raw socket loop (median of ${ROUNDS})`, value: `${median(raw).toFixed(0)} /s`, target: '(baseline)', rss });
      rows.push({
        what: `query-status ${label}, QmpClient (median of ${ROUNDS})`,
        value: `${median(client).toFixed(0)} /s`,
        target: `≥ ${inFlight === 1 ? '0.95' : '0.97'}× raw: ${median(ratios).toFixed(2)}× (median per-round ratio; quartiles ${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`,
        rss,
      });
      if (python) {
        const versus = client.map((c, i) => c / (py[i] as number));
        rows.push({
          what: `query-status ${label}, ${python.what} (median of ${ROUNDS})`,
          value: `${median(py).toFixed(0)} /s`,
          target: `side by side: QmpClient ${median(versus).toFixed(2)}× its rate (median per-round ratio); ${(median(py) / median(raw)).toFixed(2)}× raw`,
          rss,
        });
      }
    }
  } finally {
    await qemu.stop();
  }
  return { rows };
}
