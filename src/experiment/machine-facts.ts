/**
 * The host facts a recorded experiment carries, so a reader can judge its timings: cores, CPU model,
 * kernel and Node version. Load is recorded per run (the machine is shared).
 */
import { cpus, release } from 'node:os';

/**
 * @returns the host's cores, CPU model, kernel release and Node version
 */
export function machineFacts(): { cores: number; cpuModel: string; kernel: string; node: string } {
  const processors = cpus();
  return { cores: processors.length, cpuModel: processors[0]?.model.trim() ?? 'unknown', kernel: release(), node: process.version };
}
