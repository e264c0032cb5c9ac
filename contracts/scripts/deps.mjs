// Node-side prerequisites shared by build.mjs and forge.mjs: a recent Node, and node_modules
// installed exactly as package-lock.json pins them (reinstalled when the lock changes).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTRACTS = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(CONTRACTS, 'node_modules', '.proofmint-lock-sha256');

export function fail(message) {
  console.error(`contracts: ${message}`);
  process.exit(1);
}

export function requireNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`Node.js 20+ is required, found ${process.versions.node}: install a newer Node.js`);
}

export function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** Runs `npm ci` when node_modules is missing or was installed from another lock file. */
export function ensureDependencies() {
  requireNode();
  const lock = readFileSync(join(CONTRACTS, 'package-lock.json'));
  const wanted = sha256(lock);
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === wanted) return;
  console.log('contracts: installing the pinned toolchain (npm ci) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CONTRACTS,
    stdio: 'inherit',
  });
  if (result.error && result.error.code === 'ENOENT') fail('npm is required: install npm (it ships with Node.js)');
  if (result.status !== 0) fail(`npm ci failed with exit code ${result.status}`);
  writeFileSync(STAMP, wanted + '\n');
}

/** The native binary of a Foundry tool from its platform package. */
export function foundryBinary(tool) {
  const cpu = process.arch === 'arm64' ? 'arm64' : 'amd64';
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
  if (!os) fail(`no Foundry ${tool} package for ${process.platform}/${process.arch}`);
  const binary = join(CONTRACTS, 'node_modules', '@foundry-rs', `${tool}-${os}-${cpu}`, 'bin',
    process.platform === 'win32' ? `${tool}.exe` : tool);
  if (!existsSync(binary)) fail(`${tool} not found at ${binary}: delete node_modules and re-run`);
  return binary;
}
