#!/usr/bin/env node
// Mutation check for contracts/src: applies one small mutation at a time to a COPY of contracts/
// (node_modules symlinked, never the working tree other workers compile), runs the Foundry tests
// that exercise the mutated contract, and records whether some test failed (killed) or none did
// (survived). No dependencies beyond Node.js 20.
//
//   node audits/mutation/mutate.mjs [--seed 1] [--count 100] [--list] [--keep] [--only 3,17]
//                                   [--out audits/mutation/results.json] [--timeout 900]
// (--only re-runs some of the drawn mutants by id, e.g. after adding a test for a survivor.)
//
// Operators: comparison flip (< <= > >= == !=), dropped check (`if (cond) revert` -> `if (false)`),
// + <-> - (and += <-> -=), && <-> ||, a constant or literal changed by one. Mutants are drawn
// deterministically from the seed: every mutant of the slashing and claim functions (StakeManager.slash,
// ModelToken.claim/claimable, RevenueRouter.pay, RegistrySettlement.finalize, RegistryDisputes._slashAttesters), the rest
// weighted x3 towards the functions around them (unbonding, disputes, attester rewards, redemption).
//
// Per mutant, tests run in two phases with --fail-fast and without the gas-target tests:
//   1. unit + audit tests of the mutated contract;
//   2. only if phase 1 passed: its fuzz tests (FOUNDRY_FUZZ_RUNS, default 64) and invariant suites
//      (FOUNDRY_INVARIANT_RUNS x FOUNDRY_INVARIANT_DEPTH, default 24 x 32), lowered for mutants only.
// The copy compiles with the optimizer off (3x faster; semantics are the same) and without the
// EIP-170 size limit (unoptimized code is bigger). A mutant that does not compile is "invalid" and
// excluded from the kill rate. A mutant whose tests exceed --timeout seconds counts as killed.
import { spawnSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CONTRACTS = join(ROOT, 'contracts');

// ------------------------------------------------------------------ options

function parseArgs(argv) {
  const opts = {
    seed: 1, count: 100, list: false, keep: false, timeout: 900, only: null,
    out: join(HERE, 'results.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seed') opts.seed = Number(next());
    else if (a === '--count') opts.count = Number(next());
    else if (a === '--timeout') opts.timeout = Number(next());
    else if (a === '--out') opts.out = resolve(next());
    else if (a === '--only') opts.only = new Set(next().split(',').map(Number));
    else if (a === '--list') opts.list = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 22).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.seed) || !Number.isInteger(opts.count) || opts.count < 1) {
    throw new Error(`--seed and --count must be integers, got ${opts.seed} and ${opts.count}`);
  }
  return opts;
}

// ------------------------------------------------------------------ which tests per contract

const FUZZ_RUNS = process.env.MUTATION_FUZZ_RUNS ?? '64';
const INVARIANT_RUNS = process.env.MUTATION_INVARIANT_RUNS ?? '24';
const INVARIANT_DEPTH = process.env.MUTATION_INVARIANT_DEPTH ?? '32';

const REGISTRY_TESTS = {
  quick: 'test/{unit/TrainingRegistry*,audit/ChallengeClock*,audit/SlashingEvasion*,audit/ProofTheft*,audit/ForkReplay*,audit/BoundsAndAccounting*}',
  deep: 'test/{fuzz/TrainingRegistry*,fuzz/SegmentTree*,fuzz/Sampling*,invariant/TrainingRegistry*}',
};
const TESTS = {
  'src/staking/StakeManager.sol': {
    quick: 'test/{unit/StakeManager*,audit/SlashingEvasion*,audit/Reentrancy*,audit/BoundsAndAccounting*}',
    deep: 'test/{fuzz/StakeManager*,invariant/StakeManager*}',
  },
  'src/token/ModelToken.sol': {
    quick: 'test/{unit/ModelToken.t.sol,audit/FlashRevenue*,audit/Reentrancy*,audit/DustGriefing*,audit/BoundsAndAccounting*}',
    deep: 'test/{fuzz/ModelToken*,invariant/ModelToken*}',
  },
  'src/token/ModelTokenFactory.sol': {
    quick: 'test/{unit/ModelTokenFactory*,unit/RevenueRouter*}',
    deep: null,
  },
  'src/revenue/RevenueRouter.sol': {
    quick: 'test/{unit/RevenueRouter*,audit/FlashRevenue*,audit/DustGriefing*,audit/BoundsAndAccounting*}',
    deep: 'test/{fuzz/RevenueRouter*,invariant/ModelToken*}',
  },
  'src/registry/TrainingRegistry.sol': REGISTRY_TESTS,
  'src/registry/RegistryBase.sol': REGISTRY_TESTS,
  'src/registry/RegistryDisputes.sol': REGISTRY_TESTS,
  'src/registry/RegistrySettlement.sol': REGISTRY_TESTS,
  'src/registry/Attestations.sol': REGISTRY_TESTS,
  'src/registry/SegmentTree.sol': REGISTRY_TESTS,
  'src/registry/Sampling.sol': REGISTRY_TESTS,
  'src/usage/UsageEscrow.sol': {
    quick: 'test/{unit/UsageEscrow*,audit/ForkReplay*,audit/DustGriefing*,audit/Reentrancy*,audit/BoundsAndAccounting*}',
    deep: 'test/{fuzz/UsageEscrow*,invariant/UsageEscrow*}',
  },
};

/** The slashing and claim paths themselves: every one of their mutants is always included. */
const ALWAYS = new Set([
  'StakeManager.slash', 'ModelToken.claim', 'ModelToken.claimable', 'RevenueRouter.pay',
  'RegistrySettlement.finalize', 'RegistryDisputes._slashAttesters',
]);

/** Functions around those paths: drawn three times as often as the rest. */
const EMPHASIS = new Set([
  'StakeManager.slash', 'StakeManager.requestUnbond', 'StakeManager.withdraw', 'StakeManager.lock',
  'StakeManager.unlock', 'ModelToken.claim', 'ModelToken.claimable', 'ModelToken._update',
  'ModelToken.distribute', 'RevenueRouter.pay', 'RevenueRouter.split', 'RegistrySettlement.finalize',
  'RegistryDisputes.resolveDispute', 'RegistryDisputes._resolve', 'RegistryDisputes._slashAttesters',
  'RegistrySettlement.claimAttesterRewards', 'RegistrySettlement.expire', 'RegistryDisputes.dispute',
  'RegistryDisputes._checkResolvable', 'RegistryBase._releaseDisputeBond', 'UsageEscrow.redeem',
  'UsageEscrow._redeemOne', 'UsageEscrow.withdraw',
]);

// ------------------------------------------------------------------ source scanning

/** Per character: true where the character is code (not a comment, string or pragma/import). */
function codeMask(text) {
  const mask = new Array(text.length).fill(true);
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if (two === '//') {
      while (i < text.length && text[i] !== '\n') mask[i++] = false;
    } else if (two === '/*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      while (i < stop) mask[i++] = false;
    } else if (text[i] === '"' || text[i] === "'") {
      const q = text[i];
      mask[i++] = false;
      while (i < text.length && text[i] !== q) {
        if (text[i] === '\\') mask[i++] = false;
        mask[i++] = false;
      }
      if (i < text.length) mask[i++] = false;
    } else i++;
  }
  // pragma and import lines carry no behaviour
  const re = /^(pragma|import)\b.*$/gm;
  for (let m; (m = re.exec(text));) for (let k = m.index; k < m.index + m[0].length; k++) mask[k] = false;
  return mask;
}

/** Ranges of assembly blocks (mutating inside them is out of scope). */
function assemblyRanges(text, mask) {
  const ranges = [];
  const re = /\bassembly\b[^{]*\{/g;
  for (let m; (m = re.exec(text));) {
    if (!mask[m.index]) continue;
    let depth = 0;
    let k = m.index + m[0].length - 1;
    for (; k < text.length; k++) {
      if (!mask[k]) continue;
      if (text[k] === '{') depth++;
      else if (text[k] === '}' && --depth === 0) break;
    }
    ranges.push([m.index, k]);
  }
  return ranges;
}

/** For each offset, the enclosing `Contract.function` (or `Contract.<declarations>`). */
function functionOwners(text, mask) {
  const owners = new Array(text.length).fill(null);
  const decl = /\b(contract|library|abstract contract)\s+(\w+)|\b(function)\s+(\w+)|\b(constructor|modifier)\s*(\w*)/g;
  let contract = '?';
  let current = null;
  let depth = 0;
  let fnDepth = -1;
  const marks = [];
  for (let m; (m = decl.exec(text));) if (mask[m.index]) marks.push(m);
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    while (next < marks.length && marks[next].index === i) {
      const m = marks[next++];
      if (m[2]) contract = m[2];
      else if (m[4]) current = `${contract}.${m[4]}`;
      else if (m[5]) current = `${contract}.${m[5] === 'constructor' ? 'constructor' : m[6]}`;
      if (!m[2]) fnDepth = depth;
    }
    if (mask[i]) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') {
        depth--;
        if (current && depth === fnDepth) {
          owners[i] = current;
          current = null;
          fnDepth = -1;
          continue;
        }
      } else if (text[i] === ';' && current && depth === fnDepth) {
        current = null; // a function declaration without a body
        fnDepth = -1;
      }
    }
    owners[i] = current ?? `${contract}.<declarations>`;
  }
  return owners;
}

function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n') line++;
  return line;
}

/** Matching close parenthesis of the `(` at `open`, in code. */
function closeParen(text, mask, open) {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (!mask[k]) continue;
    if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0) return k;
  }
  return -1;
}

function candidates(file, text) {
  const mask = codeMask(text);
  const asm = assemblyRanges(text, mask);
  const owners = functionOwners(text, mask);
  const inAsm = (i) => asm.some(([a, b]) => i >= a && i <= b);
  const out = [];
  const add = (start, end, replacement, operator) => {
    if (inAsm(start)) return;
    out.push({
      file, start, end, operator, original: text.slice(start, end), replacement,
      line: lineOf(text, start), fn: owners[start] ?? '?',
    });
  };
  const code = (i) => i >= 0 && i < text.length && mask[i];
  const prevNonSpace = (i) => {
    let k = i - 1;
    while (k >= 0 && /\s/.test(text[k])) k--;
    return k;
  };

  for (let i = 0; i < text.length; i++) {
    if (!code(i)) continue;
    const c = text[i];
    const n = text[i + 1];
    const p = text[i - 1];
    // comparisons
    if (c === '<' && n === '=' && p !== '<') add(i, i + 2, '<', 'cmp');
    else if (c === '>' && n === '=' && p !== '>' && p !== '=') add(i, i + 2, '>', 'cmp');
    else if (c === '=' && n === '=' ) add(i, i + 2, '!=', 'cmp');
    else if (c === '!' && n === '=') add(i, i + 2, '==', 'cmp');
    else if (c === '<' && n !== '<' && n !== '=' && p !== '<' && text[i - 1] === ' ') add(i, i + 1, '<=', 'cmp');
    else if (c === '>' && n !== '>' && n !== '=' && p !== '>' && p !== '=' && p !== '-' && text[i - 1] === ' ') {
      add(i, i + 1, '>=', 'cmp');
    }
    // arithmetic
    else if (c === '+' && n === '=') add(i, i + 2, '-=', 'arith');
    else if (c === '-' && n === '=') add(i, i + 2, '+=', 'arith');
    else if (c === '+' && n !== '+' && p !== '+' && n !== '=') add(i, i + 1, '-', 'arith');
    else if (c === '-' && n !== '-' && p !== '-' && n !== '=' && n !== '>') {
      const k = prevNonSpace(i);
      if (k >= 0 && /[\w)\]]/.test(text[k])) add(i, i + 1, '+', 'arith');
    }
    // logic
    else if (c === '&' && n === '&') add(i, i + 2, '||', 'logic');
    else if (c === '|' && n === '|') add(i, i + 2, '&&', 'logic');
  }

  // dropped checks: `if (cond) revert ...` or `if (cond) { revert ...`
  const ifRe = /\bif\s*\(/g;
  for (let m; (m = ifRe.exec(text));) {
    if (!code(m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = closeParen(text, mask, open);
    if (close < 0) continue;
    const after = text.slice(close + 1, close + 200).replace(/^\s*\{?\s*/, '');
    if (after.startsWith('revert')) add(open + 1, close, 'false', 'drop-check');
  }

  // constants and literals changed by one
  const constRe = /\bconstant\s+(\w+)\s*=\s*([^;]+);/g;
  for (let m; (m = constRe.exec(text));) {
    if (!code(m.index)) continue;
    const rhs = m[2];
    if (/keccak256|"|bytes32\(/.test(rhs)) continue;
    const start = m.index + m[0].indexOf(rhs, m[0].indexOf('='));
    if (rhs.trim() !== '0') add(start, start + rhs.length, `(${rhs}) - 1`, 'const');
    add(start, start + rhs.length, `(${rhs}) + 1`, 'const');
  }
  const litRe = /(?<![\w.])(\d[\d_]*)(?![\w.x])/g;
  for (let m; (m = litRe.exec(text));) {
    if (!code(m.index) || m[1] === '0') continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineText = text.slice(lineStart, text.indexOf('\n', m.index));
    if (/\bconstant\b|\buint\d+\b\s*\(|\bint\d+\b\s*\(|bytes\d+\(|pragma/.test(lineText)) continue;
    if (/\b(uint|int|bytes)\d*$/.test(text.slice(lineStart, m.index))) continue; // a type name's width
    const value = BigInt(m[1].replaceAll('_', ''));
    add(m.index, m.index + m[1].length, (value + 1n).toString(), 'literal');
  }
  return out;
}

// ------------------------------------------------------------------ deterministic sampling

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every ALWAYS mutant, then weighted sampling without replacement (Efraimidis-Spirakis) of the
 *  rest up to `count`; stable for a given seed. */
function sample(all, count, seed) {
  const rand = mulberry32(seed);
  const always = all.filter((m) => ALWAYS.has(m.fn));
  const keyed = all.filter((m) => !ALWAYS.has(m.fn)).map((m) => {
    const weight = EMPHASIS.has(m.fn) ? 3 : 1;
    return { m, key: Math.pow(rand(), 1 / weight) };
  });
  keyed.sort((x, y) => y.key - x.key);
  const rest = keyed.slice(0, Math.max(0, Math.min(count - always.length, keyed.length))).map((k) => k.m);
  return [...always, ...rest]
    .sort((x, y) => (x.file === y.file ? x.start - y.start : x.file.localeCompare(y.file)));
}

// ------------------------------------------------------------------ workspace

function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sol')) out.push(relative(CONTRACTS, path));
    }
  };
  walk(join(CONTRACTS, 'src'));
  return out.filter((f) => TESTS[f]).sort();
}

function makeWorkspace() {
  const base = mkdtempSync(join(tmpdir(), 'proofmint-mutation-'));
  const copy = join(base, 'contracts');
  mkdirSync(copy);
  for (const entry of readdirSync(CONTRACTS)) {
    if (['node_modules', 'target', 'cache', 'out'].includes(entry)) continue;
    cpSync(join(CONTRACTS, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(CONTRACTS, 'node_modules'), join(copy, 'node_modules'));
  // forge.mjs runs `npm ci` when the lock and the install stamp differ; in the copy that would
  // reinstall the SHARED node_modules behind the symlink. Refuse instead.
  const stamp = join(CONTRACTS, 'node_modules', '.proofmint-lock-sha256');
  const lock = createHash('sha256').update(readFileSync(join(copy, 'package-lock.json'))).digest('hex');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== lock) {
    rmSync(base, { recursive: true, force: true });
    throw new Error('contracts/node_modules is not installed from package-lock.json: run `node contracts/scripts/forge.mjs build` once first');
  }
  return { base, copy };
}

function forge(copy, glob, timeoutSeconds) {
  const env = {
    ...process.env,
    FOUNDRY_OPTIMIZER: 'false',
    FOUNDRY_DISABLE_CODE_SIZE_LIMIT: 'true',
    FOUNDRY_FUZZ_RUNS: FUZZ_RUNS,
    FOUNDRY_INVARIANT_RUNS: INVARIANT_RUNS,
    FOUNDRY_INVARIANT_DEPTH: INVARIANT_DEPTH,
    PROOFMINT_AUDIT_FINDINGS: 'false',
  };
  const started = Date.now();
  const r = spawnSync('nice', ['-n', '10', 'node', 'scripts/forge.mjs', 'test', '--match-path', glob,
    '--no-match-test', 'gas', '--fail-fast'], {
    cwd: copy, env, encoding: 'utf8', timeout: timeoutSeconds * 1000, maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const seconds = (Date.now() - started) / 1000;
  if (r.error && r.error.code === 'ETIMEDOUT') return { outcome: 'timeout', seconds, output };
  if (/Compiler run failed|Error \(\d+\)|Compilation failed/.test(output)) return { outcome: 'invalid', seconds, output };
  if (r.status === 0) return { outcome: 'pass', seconds, output };
  const failed = [...output.matchAll(/^\[FAIL.*\] ([A-Za-z_]\w*)\(/gm)].map((m) => m[1]);
  return { outcome: 'fail', seconds, output, failed };
}

// ------------------------------------------------------------------ main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const all = [];
  for (const file of sourceFiles()) {
    all.push(...candidates(file, readFileSync(join(CONTRACTS, file), 'utf8')));
  }
  const picked = sample(all, opts.count, opts.seed);
  picked.forEach((m, i) => { m.id = i + 1; });
  if (opts.only) picked.splice(0, picked.length, ...picked.filter((m) => opts.only.has(m.id)));
  const describe = (m) => `${m.file}:${m.line} ${m.fn} [${m.operator}] ${m.original.trim()} -> ${m.replacement}`;
  console.log(`mutation: ${all.length} candidate mutants, ${picked.length} drawn with seed ${opts.seed}`);
  if (opts.list) {
    for (const m of picked) console.log(`#${m.id} ${describe(m)}`);
    return;
  }

  const { base, copy } = makeWorkspace();
  let restoring = null; // { path, text } of the file currently mutated
  const restore = () => {
    if (restoring) {
      writeFileSync(restoring.path, restoring.text);
      restoring = null;
    }
  };
  const cleanup = () => {
    restore();
    if (!opts.keep) rmSync(base, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`mutation: ${signal}, restoring and removing ${base}`);
      cleanup();
      process.exit(130);
    });
  }

  const started = Date.now();
  console.log(`mutation: workspace ${copy} (optimizer off, fuzz ${FUZZ_RUNS} runs, invariants ${INVARIANT_RUNS} x ${INVARIANT_DEPTH})`);
  // Baseline: every group must pass unmutated, or the kill count means nothing.
  const globs = [...new Set(picked.flatMap((m) => [TESTS[m.file].quick, TESTS[m.file].deep].filter(Boolean)))];
  for (const glob of globs) {
    const r = forge(copy, glob, opts.timeout * 2);
    console.log(`mutation: baseline ${glob}: ${r.outcome} (${r.seconds.toFixed(0)} s)`);
    if (r.outcome !== 'pass') {
      console.error(r.output.slice(-4000));
      throw new Error(`baseline failed for ${glob}: fix the suite before measuring mutants`);
    }
  }

  const results = [];
  for (const m of picked) {
    const path = join(copy, m.file);
    const text = readFileSync(path, 'utf8');
    restoring = { path, text };
    writeFileSync(path, text.slice(0, m.start) + m.replacement + text.slice(m.end));
    const t0 = Date.now();
    let status;
    let killedBy = null;
    let phase = null;
    try {
      for (const [name, glob] of [['quick', TESTS[m.file].quick], ['deep', TESTS[m.file].deep]]) {
        if (!glob) continue;
        const r = forge(copy, glob, opts.timeout);
        phase = name;
        if (r.outcome === 'pass') { status = 'survived'; continue; }
        status = r.outcome === 'fail' ? 'killed' : r.outcome; // invalid | timeout
        killedBy = r.failed?.[0] ?? null;
        break;
      }
    } finally {
      restore();
    }
    const seconds = (Date.now() - t0) / 1000;
    results.push({
      id: m.id, file: m.file, line: m.line, function: m.fn, operator: m.operator,
      original: m.original, mutated: m.replacement, status, phase, killedBy, seconds,
    });
    console.log(`#${m.id} ${status.padEnd(8)} ${seconds.toFixed(0).padStart(4)} s  ${describe(m)}${killedBy ? `  (by ${killedBy})` : ''}`);
  }

  const count = (s) => results.filter((r) => r.status === s).length;
  const killed = count('killed') + count('timeout');
  const valid = results.length - count('invalid');
  const summary = {
    drawn: results.length, valid, killed, survived: count('survived'), invalid: count('invalid'),
    timeout: count('timeout'), killRate: valid === 0 ? 0 : killed / valid,
  };
  const report = {
    tool: 'audits/mutation/mutate.mjs', seed: opts.seed, count: opts.count, candidates: all.length,
    startedAt: new Date(started).toISOString(), durationSeconds: Math.round((Date.now() - started) / 1000),
    config: {
      optimizer: false, fuzzRuns: Number(FUZZ_RUNS), invariantRuns: Number(INVARIANT_RUNS),
      invariantDepth: Number(INVARIANT_DEPTH), excluded: 'gas-target tests (--no-match-test gas)',
      tests: TESTS,
    },
    summary, mutants: results,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`mutation: ${killed}/${valid} killed (${(100 * summary.killRate).toFixed(1)} %), ${summary.survived} survived, ${summary.invalid} invalid, in ${report.durationSeconds} s -> ${relative(ROOT, opts.out)}`);
}

try {
  main();
} catch (e) {
  console.error(`mutation: ${e.message}`);
  process.exit(1);
}
