// Compiles every contract under src/, plus the devnet-only DEVNET_SOURCES, with the pinned npm solc
// into target/artifacts/:
// <Name>.abi, <Name>.bin and build-info.json (compiler, settings, keccak-256 of each bytecode).
// Skips the work when sources, lock file and settings are unchanged; replaces the artifacts
// directory in one rename so an interrupted build never leaves a mix of old and new files.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CONTRACTS, ensureDependencies, fail, sha256 } from './deps.mjs';

ensureDependencies();
const require = createRequire(join(CONTRACTS, 'package.json'));
const solc = require('solc');
const { keccak256 } = require('js-sha3');

const settings = JSON.parse(readFileSync(join(CONTRACTS, 'compiler-settings.json'), 'utf8'));
checkFoundryMirrorsSettings(settings);
if (!solc.version().startsWith(settings.solc + '+')) {
  fail(`npm solc is ${solc.version()}, compiler-settings.json pins ${settings.solc}: run npm ci`);
}

const OUT = join(CONTRACTS, 'target', 'artifacts');
// Test contracts the Java devnet deploys (wrappers are generated from every artifact): never
// production code, so they live under test/, but the devnet needs their ABI and bytecode.
const DEVNET_SOURCES = ['test/utils/MockERC20.sol'];
const sources = [...listSolidity(join(CONTRACTS, 'src')), ...DEVNET_SOURCES];
if (sources.length === 0) fail('no .sol files under src/');
const stamp = sha256(
  JSON.stringify(settings),
  readFileSync(join(CONTRACTS, 'package-lock.json')),
  ...sources.flatMap((file) => [file, readFileSync(join(CONTRACTS, file))]),
);
const stampFile = join(OUT, '.stamp');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) {
  console.log(`contracts: ${sources.length} source files up to date`);
  process.exit(0);
}

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(sources.map((file) => [file, { content: readFileSync(join(CONTRACTS, file), 'utf8') }])),
  settings: {
    optimizer: settings.optimizer,
    evmVersion: settings.evmVersion,
    remappings: settings.remappings,
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const started = Date.now();
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const diagnostic of output.errors || []) console.error(diagnostic.formattedMessage.trimEnd());
if (errors.length > 0) fail(`${errors.length} compiler error(s)`);

const tmp = `${OUT}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const contracts = {};
for (const file of sources) {
  for (const [name, compiled] of Object.entries(output.contracts[file] || {})) {
    const bytecode = compiled.evm.bytecode.object;
    if (!bytecode) continue; // interfaces and abstract contracts
    if (contracts[name]) fail(`contract name ${name} is defined in both ${contracts[name].source} and ${file}`);
    writeFileSync(join(tmp, `${name}.abi`), JSON.stringify(compiled.abi));
    writeFileSync(join(tmp, `${name}.bin`), bytecode);
    contracts[name] = {
      source: file,
      bytecodeKeccak256: '0x' + keccak256(Buffer.from(bytecode, 'hex')),
      deployedBytecodeKeccak256: '0x' + keccak256(Buffer.from(compiled.evm.deployedBytecode.object, 'hex')),
    };
  }
}
const buildInfo = { compiler: solc.version(), settings: input.settings, contracts };
writeFileSync(join(tmp, 'build-info.json'), JSON.stringify(buildInfo, null, 2) + '\n');
writeFileSync(join(tmp, '.stamp'), stamp + '\n');
const old = `${OUT}.old-${process.pid}`;
if (existsSync(OUT)) renameSync(OUT, old);
renameSync(tmp, OUT);
rmSync(old, { recursive: true, force: true });
console.log(`contracts: compiled ${Object.keys(contracts).length} contracts with solc ${solc.version()} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function listSolidity(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...listSolidity(path));
    else if (entry.endsWith('.sol')) found.push(relative(CONTRACTS, path).split(sep).join('/'));
  }
  return found.sort();
}

function findImport(path) {
  const file = join(CONTRACTS, path);
  return existsSync(file) ? { contents: readFileSync(file, 'utf8') } : { error: `File not found: ${path}` };
}

// foundry.toml must compile the same way as this script, or forge would test other bytecode.
function checkFoundryMirrorsSettings(s) {
  const toml = readFileSync(join(CONTRACTS, 'foundry.toml'), 'utf8');
  const value = (key) => (toml.match(new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm')) || [])[1]?.trim().replace(/^"|"$/g, '');
  const expected = {
    evm_version: s.evmVersion,
    optimizer: String(s.optimizer.enabled),
    optimizer_runs: String(s.optimizer.runs),
  };
  for (const [key, want] of Object.entries(expected)) {
    if (value(key) !== want) fail(`foundry.toml: expected ${key} = ${want} (as in compiler-settings.json), got ${value(key)}`);
  }
}
