#!/usr/bin/env node
// Branch and line coverage of the slashing and claim paths, extracted from forge's lcov report.
//   node audits/scripts/coverage.mjs <lcov.info> <out.json>
// A function's range is from its FN line to the next function's FN line in the same file (forge
// lists functions in source order). Exits 1 if a target function is below 100 % branch coverage.
import { readFileSync, writeFileSync } from 'node:fs';

/** The functions whose every branch must be taken; helpers they delegate to are reported too. */
export const TARGETS = [
  { file: 'src/staking/StakeManager.sol', fn: 'StakeManager.slash', target: true },
  { file: 'src/token/ModelToken.sol', fn: 'ModelToken.claim', target: true },
  { file: 'src/token/ModelToken.sol', fn: 'ModelToken.claimable', target: false },
  { file: 'src/revenue/RevenueRouter.sol', fn: 'RevenueRouter.pay', target: true },
  { file: 'src/revenue/RevenueRouter.sol', fn: 'RevenueRouter.split', target: false },
  { file: 'src/registry/RegistrySettlement.sol', fn: 'RegistrySettlement.finalize', target: true },
  { file: 'src/registry/RegistryDisputes.sol', fn: 'RegistryDisputes.resolveDispute', target: true },
  { file: 'src/registry/RegistryDisputes.sol', fn: 'RegistryDisputes._checkResolvable', target: true },
  { file: 'src/registry/RegistryDisputes.sol', fn: 'RegistryDisputes._resolve', target: true },
  { file: 'src/registry/RegistryDisputes.sol', fn: 'RegistryDisputes._slashAttesters', target: true },
  { file: 'src/registry/RegistryBase.sol', fn: 'RegistryBase._releaseDisputeBond', target: false },
  { file: 'src/registry/RegistrySettlement.sol', fn: 'RegistrySettlement.expire', target: true },
  { file: 'src/registry/RegistrySettlement.sol', fn: 'RegistrySettlement.claimAttesterRewards', target: false },
];

export function parseLcov(text) {
  const files = new Map();
  let current = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('SF:')) {
      current = { functions: [], lines: new Map(), branches: [] };
      files.set(line.slice(3), current);
    } else if (!current) continue;
    else if (line.startsWith('FN:')) {
      const parts = line.slice(3).split(',');
      current.functions.push({ line: Number(parts[0]), name: parts[parts.length - 1], hits: 0 });
    } else if (line.startsWith('FNDA:')) {
      const [hits, name] = line.slice(5).split(',');
      const fn = current.functions.find((f) => f.name === name);
      if (fn) fn.hits = Number(hits);
    } else if (line.startsWith('DA:')) {
      const [ln, hits] = line.slice(3).split(',');
      current.lines.set(Number(ln), Number(hits));
    } else if (line.startsWith('BRDA:')) {
      const [ln, block, branch, taken] = line.slice(5).split(',');
      current.branches.push({ line: Number(ln), block, branch, taken: taken === '-' ? 0 : Number(taken) });
    }
  }
  for (const f of files.values()) f.functions.sort((a, b) => a.line - b.line);
  return files;
}

export function functionCoverage(files, file, name) {
  const f = files.get(file);
  if (!f) return null;
  const i = f.functions.findIndex((fn) => fn.name === name);
  if (i < 0) return null;
  const start = f.functions[i].line;
  const end = i + 1 < f.functions.length ? f.functions[i + 1].line : Infinity;
  const lines = [...f.lines.entries()].filter(([ln]) => ln >= start && ln < end);
  const branches = f.branches.filter((b) => b.line >= start && b.line < end);
  const pct = (hit, all) => (all === 0 ? 100 : (100 * hit) / all);
  const linesHit = lines.filter(([, h]) => h > 0).length;
  const branchesHit = branches.filter((b) => b.taken > 0).length;
  return {
    calls: f.functions[i].hits,
    lines: { hit: linesHit, total: lines.length, pct: pct(linesHit, lines.length) },
    branches: { hit: branchesHit, total: branches.length, pct: pct(branchesHit, branches.length) },
    missedBranches: branches.filter((b) => b.taken === 0).map((b) => `line ${b.line} (block ${b.block}, branch ${b.branch})`),
  };
}

export function fileCoverage(files, file) {
  const f = files.get(file);
  if (!f) return null;
  const lines = [...f.lines.values()];
  const pct = (hit, all) => (all === 0 ? 100 : (100 * hit) / all);
  const lh = lines.filter((h) => h > 0).length;
  const bh = f.branches.filter((b) => b.taken > 0).length;
  return {
    lines: { hit: lh, total: lines.length, pct: pct(lh, lines.length) },
    branches: { hit: bh, total: f.branches.length, pct: pct(bh, f.branches.length) },
  };
}

function main() {
  const [lcovPath, outPath] = process.argv.slice(2);
  if (!lcovPath || !outPath) {
    console.error('usage: node audits/scripts/coverage.mjs <lcov.info> <out.json>');
    process.exit(2);
  }
  const files = parseLcov(readFileSync(lcovPath, 'utf8'));
  const functions = TARGETS.map((t) => ({ ...t, coverage: functionCoverage(files, t.file, t.fn) }));
  const sources = [...files.keys()].filter((f) => f.startsWith('src/')).sort()
    .map((file) => ({ file, coverage: fileCoverage(files, file) }));
  const failing = functions.filter((f) => f.target && (!f.coverage || f.coverage.branches.pct < 100));
  writeFileSync(outPath, `${JSON.stringify({ functions, sources, ok: failing.length === 0 }, null, 2)}\n`);
  for (const f of functions) {
    const c = f.coverage;
    console.log(`${f.target ? '*' : ' '} ${f.fn.padEnd(38)} ${c ? `branches ${c.branches.hit}/${c.branches.total} (${c.branches.pct.toFixed(1)} %), lines ${c.lines.hit}/${c.lines.total}` : 'NOT FOUND'}`);
  }
  if (failing.length) {
    console.error(`coverage: below 100 % branch coverage: ${failing.map((f) => f.fn).join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
