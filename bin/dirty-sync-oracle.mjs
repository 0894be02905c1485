#!/usr/bin/env node
// Launcher for the TypeScript command line: Node 20 cannot run .ts files, so register tsx's ESM
// loader first, then hand over to src/cli/dirty-sync-oracle.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/dirty-sync-oracle.ts');
process.exitCode = await main(process.argv.slice(2));
