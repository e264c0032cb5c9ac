#!/usr/bin/env node
// Summarises a `forge test --json` output file and decides pass/fail.
//   node audits/scripts/forge-status.mjs <forge.json> [--findings]
// With --findings, failing tests named test_FINDING_* are open audit findings: listed, counted,
// and not treated as regressions; any skipped test then means the findings did not run (fail).
// Exits 1 on a failing (non-finding) test, a missing or unparsable output, or no tests at all.
import { readFileSync } from 'node:fs';

export function loadForgeJson(path) {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    if (start < 0 || end < start) throw new Error(`${path}: no JSON object in forge's output`);
    return JSON.parse(text.slice(start, end + 1));
  }
}

/** Flattens forge's {"path:Contract": {test_results: {"name(args)": result}}} into rows. */
export function forgeRows(json) {
  const rows = [];
  for (const [suite, body] of Object.entries(json)) {
    const [path, contract] = suite.split(':');
    for (const [signature, r] of Object.entries(body.test_results ?? {})) {
      const name = signature.slice(0, signature.indexOf('('));
      const kind = Object.keys(r.kind ?? {})[0] ?? 'Unit';
      rows.push({
        path, contract, name, signature, status: r.status, reason: r.reason ?? null, kind,
        detail: r.kind?.[kind] ?? {}, duration: r.duration ?? null,
      });
    }
  }
  return rows;
}

function main() {
  const [path, ...flags] = process.argv.slice(2);
  const findingsMode = flags.includes('--findings');
  let rows;
  try {
    rows = forgeRows(loadForgeJson(path));
  } catch (e) {
    console.log(`forge output unusable: ${e.message}`);
    console.log('result: no tests');
    process.exit(1);
  }
  const isFinding = (r) => findingsMode && r.name.startsWith('test_FINDING_F');
  const failed = rows.filter((r) => r.status === 'Failure' && !isFinding(r));
  const open = rows.filter((r) => r.status === 'Failure' && isFinding(r));
  const skipped = rows.filter((r) => r.status === 'Skipped');
  const passed = rows.filter((r) => r.status === 'Success');
  for (const r of rows.filter((x) => x.kind === 'Invariant')) {
    const d = r.detail;
    console.log(`invariant ${r.contract}.${r.name}: ${r.status} (${d.runs} runs x depth ${d.runs ? d.calls / d.runs : '?'}, ${d.reverts} reverts)`);
  }
  for (const r of failed) console.log(`FAILED ${r.path}::${r.name}: ${r.reason ?? ''}`);
  for (const r of open) console.log(`OPEN FINDING ${r.path}::${r.name}: ${r.reason ?? ''}`);
  if (findingsMode) {
    for (const r of skipped) console.log(`SKIPPED ${r.path}::${r.name} (findings must run: PROOFMINT_AUDIT_FINDINGS=true)`);
    console.log(`open findings: ${open.length}`);
  }
  const bad = failed.length > 0 || rows.length === 0 || (findingsMode && skipped.length > 0);
  console.log(`result: ${passed.length} passed, ${failed.length} failed, ${open.length} open findings, ${skipped.length} skipped`);
  process.exit(bad ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
