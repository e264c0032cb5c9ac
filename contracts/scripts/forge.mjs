// Runs the pinned forge offline with the pinned npm solc (through tools/solc-shim):
//   node scripts/forge.mjs test | snapshot --check | coverage ...
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CONTRACTS, ensureDependencies, foundryBinary } from './deps.mjs';

ensureDependencies();
const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node scripts/forge.mjs <forge command> [args...]  (e.g. test, snapshot --check, coverage)');
  process.exit(2);
}
const compiling = ['build', 'test', 'snapshot', 'coverage'].includes(args[0]);
const extra = compiling ? ['--offline', '--use', join(CONTRACTS, 'tools', 'solc-shim')] : [];
const result = spawnSync(foundryBinary('forge'), [...args, ...extra], { cwd: CONTRACTS, stdio: 'inherit' });
if (result.error) {
  console.error(`contracts: cannot run forge: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
