#!/usr/bin/env node
// Builds audits/report.md and audits/report.json from one audits/run output directory.
//   node audits/scripts/report.mjs <run dir> <report.md> <report.json>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forgeRows, loadForgeJson } from './forge-status.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const AUDITS = resolve(HERE, '..');
const ROOT = resolve(AUDITS, '..');

const readJson = (path, fallback = null) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : fallback);
const readText = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
const pct = (x) => `${x.toFixed(1)} %`;
const secs = (s) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

function forgeResults(run) {
  const rows = [];
  for (const name of ['forge-audit', 'forge-unit', 'forge-invariant']) {
    const path = join(run, `${name}.out`);
    if (!existsSync(path)) continue;
    try {
      rows.push(...forgeRows(loadForgeJson(path)).map((r) => ({ ...r, step: name })));
    } catch {
      // reported by the step itself
    }
  }
  return rows;
}

function javaMethodExists(path, method) {
  const file = join(ROOT, path);
  return existsSync(file) && new RegExp(`void\\s+${method}\\s*\\(`).test(readFileSync(file, 'utf8'));
}

function resolveTest(ref, forge, java) {
  const [kind, rest] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  const [path, name] = rest.split('::');
  if (kind === 'forge') {
    const row = forge.find((r) => r.path === path && r.name === name);
    if (!row) return { ref, status: 'missing', detail: 'not found in this run' };
    const status = { Success: 'pass', Failure: 'fail', Skipped: 'skipped' }[row.status] ?? row.status;
    const d = row.detail;
    const detail = row.kind === 'Invariant' ? `${d.runs} runs x depth ${d.runs ? d.calls / d.runs : '?'}`
      : row.kind === 'Fuzz' ? `${d.runs} runs` : '';
    return { ref, status, detail: row.reason ? `${detail} ${row.reason}`.trim() : detail };
  }
  if (kind === 'java') {
    return javaMethodExists(path, name)
      ? { ref, status: 'present', detail: 'runs in the default build (./mvnw verify)' }
      : { ref, status: 'missing', detail: 'method not found' };
  }
  if (kind === 'java-it') {
    const simple = path.split('/').pop().replace('.java', '');
    if (java?.ran) {
      const t = java.tests.find((x) => x.class.endsWith(`.${simple}`) && x.method === name);
      return t ? { ref, status: t.status, detail: `${t.seconds.toFixed(0)} s` } : { ref, status: 'missing', detail: 'not in the failsafe reports' };
    }
    return javaMethodExists(path, name)
      ? { ref, status: 'not run', detail: java?.reason ?? 'Java ITs not run' }
      : { ref, status: 'not present', detail: 'the IT does not exist (yet)' };
  }
  return { ref, status: 'missing', detail: `unknown test kind ${kind}` };
}

function threatStatus(threat, tests) {
  const has = (s) => tests.some((t) => t.status === s);
  // 'present': a Java unit test that exists and runs in the default build (./mvnw verify).
  if (threat.finding) return has('fail') ? 'open' : tests.every((t) => ['pass', 'present'].includes(t.status)) ? 'fixed' : 'pending';
  if (has('fail')) return 'fail';
  if (['missing', 'not present', 'not run', 'skipped'].some(has)) return 'pending';
  return 'pass';
}

function solhintSummary(run) {
  const txt = readText(join(run, 'solhint.txt'));
  const items = [...txt.matchAll(/^(\S+?):(\d+):(\d+): (.*) \[(Error|Warning)\/([\w-]+)\]$/gm)]
    .map((m) => ({ file: m[1], line: Number(m[2]), message: m[4], severity: m[5].toLowerCase(), rule: m[6] }));
  const byRule = {};
  for (const i of items) (byRule[i.rule] ??= []).push(i);
  return {
    errors: items.filter((i) => i.severity === 'error').length,
    warnings: items.filter((i) => i.severity === 'warning').length,
    byRule,
  };
}

function snapshotSummary(run) {
  const text = `${readText(join(run, 'snapshot.out'))}\n${readText(join(run, 'snapshot.err'))}`;
  const diffs = text.split('\n').filter((l) => /Diff in|gas, expected/.test(l)).map((l) => l.trim());
  return { diffs };
}

function main() {
  const [runArg, mdPath, jsonPath] = process.argv.slice(2);
  const run = resolve(runArg);
  const meta = readJson(join(run, 'meta.json'), {});
  const steps = readText(join(run, 'steps.jsonl')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const forge = forgeResults(run);
  const java = readJson(join(run, 'java.json'));
  const coverage = readJson(join(run, 'coverage.json'));
  let mutation = readJson(join(run, 'mutation.json'));
  let mutationNote = 'this run';
  if (!mutation && existsSync(join(AUDITS, 'mutation', 'results.json'))) {
    mutation = readJson(join(AUDITS, 'mutation', 'results.json'));
    mutationNote = `not run this time; audits/mutation/results.json from ${mutation.startedAt}`;
  }
  const explanations = readJson(join(AUDITS, 'mutation', 'survivors.json'), {});
  const threats = readJson(join(AUDITS, 'threats.json')).threats.map((t) => {
    const tests = t.tests.map((ref) => resolveTest(ref, forge, java));
    return { ...t, status: threatStatus(t, tests), tests };
  });
  const invariants = forge.filter((r) => r.kind === 'Invariant').map((r) => ({
    suite: `${r.path}::${r.name}`, status: r.status, runs: r.detail.runs, calls: r.detail.calls,
    depth: r.detail.runs ? r.detail.calls / r.detail.runs : null, reverts: r.detail.reverts,
    duration: r.duration ? r.duration.split(' ').slice(0, 2).join(' ') : null,
  }));
  const solhint = solhintSummary(run);
  const snapshot = snapshotSummary(run);
  const failedSteps = steps.filter((s) => s.status === 'fail').map((s) => s.step);
  const verdict = failedSteps.length === 0 ? 'PASS' : `FAIL (${failedSteps.join(', ')})`;
  const counts = forge.reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

  const report = {
    generatedBy: 'audits/run -> audits/scripts/report.mjs', meta, verdict, steps,
    forgeTests: counts, threats: threats.map(({ id, title, status, notes, finding, tests }) => ({ id, title, status, notes, finding: !!finding, tests })),
    invariants, coverage, solhint: { errors: solhint.errors, warnings: solhint.warnings, byRule: Object.fromEntries(Object.entries(solhint.byRule).map(([k, v]) => [k, v.map((i) => `${i.file}:${i.line}`)])) },
    gasSnapshot: { status: steps.find((s) => s.step === 'gas-snapshot')?.status ?? 'not run', diffs: snapshot.diffs },
    mutation: mutation ? { source: mutationNote, ...mutation.summary, equivalentSurvivors: mutation.mutants.filter((m) => m.status === 'survived' && (explanations[`${m.file}:${m.line}:${m.original}->${m.mutated}`] ?? '').startsWith('Equivalent')).length, seed: mutation.seed, durationSeconds: mutation.durationSeconds, config: { ...mutation.config, tests: undefined }, survivors: mutation.mutants.filter((m) => m.status === 'survived').map((m) => ({ ...m, explanation: explanations[`${m.file}:${m.line}:${m.original}->${m.mutated}`] ?? null })) } : null,
    java,
  };
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);

  // ------------------------------------------------------------------ markdown
  const L = [];
  L.push('# Proofmint audit report', '');
  L.push(`Generated by \`audits/run${meta.flags?.length ? ` ${meta.flags.join(' ')}` : ''}\` on ${meta.startedAt ?? '?'} at revision \`${meta.gitRevision ?? '?'}\` (plus the working tree), ${meta.host ?? ''}; total ${secs(meta.durationSeconds ?? 0)}. Regenerate with the same command; \`audits/report.json\` has the same data.`, '');
  L.push(`**Verdict: ${verdict}.** Forge tests: ${Object.entries(counts).map(([k, v]) => `${v} ${k.toLowerCase()}`).join(', ')}. Invariants at ${meta.invariantRuns} runs x depth ${meta.invariantDepth}, fuzz ${meta.fuzzRuns} runs.`, '');
  L.push('| step | status | time | detail |', '| --- | --- | ---: | --- |');
  for (const s of steps) L.push(`| ${s.step} | ${s.status} | ${secs(s.seconds)} | ${s.detail.replaceAll('|', '\\|')} |`);
  L.push('');

  const findings = readText(join(AUDITS, 'findings.md'));
  if (findings) L.push(findings.trim(), '');

  L.push('## Threats', '', 'Each threat of [THREAT_MODEL.md](THREAT_MODEL.md) with the tests that cover it. Status: `pass` every mapped test passed (Java unit tests are checked to exist; they run in the default build); `fail` a test failed; `pending` a mapped test is missing or was not run here; `open` an audit finding whose property test fails.', '');
  L.push('| id | threat | status | tests |', '| --- | --- | --- | --- |');
  for (const t of threats) {
    const n = (s) => t.tests.filter((x) => x.status === s).length;
    const parts = ['pass', 'present', 'fail', 'not run', 'not present', 'missing', 'skipped'].filter((s) => n(s)).map((s) => `${n(s)} ${s}`);
    L.push(`| ${t.id} | ${t.title} | **${t.status}** | ${parts.join(', ')} |`);
  }
  L.push('');
  for (const t of threats) {
    L.push(`### ${t.id}: ${t.title} (${t.status})`, '');
    if (t.notes) L.push(t.notes, '');
    for (const x of t.tests) L.push(`- ${x.status}: \`${x.ref.replace(/^[a-z-]+:/, '')}\`${x.detail ? ` (${x.detail})` : ''}`);
    L.push('');
  }

  L.push('## Invariant suites', '', `Runs x depth from \`FOUNDRY_INVARIANT_RUNS\` / \`FOUNDRY_INVARIANT_DEPTH\` (${meta.invariantRuns} x ${meta.invariantDepth}; \`audits/run --nightly\` uses 4096 x 128).`, '');
  L.push('| invariant | status | runs | depth | calls | reverts | time |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const i of invariants) L.push(`| \`${i.suite}\` | ${i.status} | ${i.runs} | ${i.depth} | ${i.calls} | ${i.reverts} | ${i.duration ?? ''} |`);
  L.push('');

  L.push('## Coverage of the slashing and claim paths', '');
  if (coverage) {
    L.push('From `forge coverage --report lcov` over the unit, fuzz and audit tests (gas-target tests excluded; fuzz 64 runs). A function spans from its line to the next function; "branches" are forge\'s branch points (BRDA records: each `if`/`require`-like condition, each arm of an `if`/`else`; ternaries are not instrumented). Target: 100 % for the functions marked *.', '');
    L.push('| function | branches | lines | calls |', '| --- | ---: | ---: | ---: |');
    for (const f of coverage.functions) {
      const c = f.coverage;
      L.push(`| ${f.target ? '*' : ''} \`${f.fn}\` | ${c ? `${c.branches.hit}/${c.branches.total} (${pct(c.branches.pct)})` : 'not found'} | ${c ? `${c.lines.hit}/${c.lines.total}` : ''} | ${c?.calls ?? ''} |`);
    }
    L.push('', '| source file | lines | branches |', '| --- | ---: | ---: |');
    for (const s of coverage.sources) L.push(`| \`${s.file}\` | ${pct(s.coverage.lines.pct)} (${s.coverage.lines.hit}/${s.coverage.lines.total}) | ${pct(s.coverage.branches.pct)} (${s.coverage.branches.hit}/${s.coverage.branches.total}) |`);
  } else L.push('Not run.');
  L.push('');

  L.push('## Mutation check', '');
  if (mutation) {
    const s = mutation.summary;
    const c = mutation.config;
    L.push(`Source: ${mutationNote}. \`node audits/mutation/mutate.mjs --seed ${mutation.seed} --count ${mutation.count}\`: ${mutation.candidates} candidate mutants in \`contracts/src\`, ${s.drawn} drawn (every mutant of \`StakeManager.slash\`, \`ModelToken.claim/claimable\`, \`RevenueRouter.pay\`, \`TrainingRegistry.finalize/_slashAttesters\`, the rest weighted x3 towards unbonding, disputes, attester rewards and redemption). Each ran on a copy of \`contracts/\` with the optimizer off, without the gas-target tests, fuzz ${c.fuzzRuns} runs and invariants ${c.invariantRuns} x ${c.invariantDepth} (mutants only; unit and audit tests first, fuzz and invariants only for survivors of that phase). Took ${secs(mutation.durationSeconds)}.`, '');
    const survivors = report.mutation.survivors;
    const equivalent = survivors.filter((m) => m.explanation?.startsWith('Equivalent')).length;
    L.push(`**Kill rate: ${s.killed}/${s.valid} = ${pct(100 * s.killRate)}** (target >= 90 %); ${s.survived} survived, ${s.invalid} did not compile (excluded), ${s.timeout} timed out (counted as killed). ${equivalent} of the survivors are equivalent mutants (no test can kill them; analysis below), so ${s.killed}/${s.valid - equivalent} of the killable mutants were killed.`, '');
    if (survivors.length) {
      L.push('| # | mutant | function | why it survives |', '| --- | --- | --- | --- |');
      for (const m of survivors) L.push(`| ${m.id} | \`${m.file}:${m.line}\` \`${m.original.replace(/\s+/g, ' ')}\` -> \`${m.mutated}\` | \`${m.function}\` | ${m.explanation ?? '(not yet analysed)'} |`);
    }
    const byFile = {};
    for (const m of mutation.mutants) {
      const f = (byFile[m.file] ??= { killed: 0, survived: 0, invalid: 0, timeout: 0 });
      f[m.status] = (f[m.status] ?? 0) + 1;
    }
    L.push('', '| file | killed | survived | invalid |', '| --- | ---: | ---: | ---: |');
    for (const [f, v] of Object.entries(byFile)) L.push(`| \`${f}\` | ${v.killed + v.timeout} | ${v.survived} | ${v.invalid} |`);
  } else L.push('Not run (`audits/run --mutation`).');
  L.push('');

  L.push('## Gas snapshot', '', '`node scripts/forge.mjs snapshot --check --match-path \'test/unit/*\'` against `contracts/.gas-snapshot`:', '');
  L.push(report.gasSnapshot.status === 'pass' ? 'No difference.' : `Status ${report.gasSnapshot.status}.`);
  if (snapshot.diffs.length) L.push('', '```', ...snapshot.diffs, '```');
  L.push('');

  L.push('## solhint', '', `\`contracts/.solhint.json\` (solhint ${readJson(join(ROOT, 'contracts', 'node_modules', 'solhint', 'package.json'), {}).version ?? '?'}) on \`contracts/src\`: **${solhint.errors} errors, ${solhint.warnings} warnings.**`, '');
  if (solhint.warnings) {
    L.push('| rule | count | where |', '| --- | ---: | --- |');
    for (const [rule, items] of Object.entries(solhint.byRule).sort((a, b) => b[1].length - a[1].length)) {
      const where = [...new Set(items.map((i) => i.file.replace(/^src\//, '')))].map((f) => `${f} (${items.filter((i) => i.file.endsWith(f)).map((i) => i.line).join(', ')})`).join('; ');
      L.push(`| ${rule} | ${items.length} | ${where} |`);
    }
  }
  L.push('');

  L.push('## Java adversarial scenarios', '');
  if (java?.ran) {
    L.push(`\`./mvnw -B -pl system-tests -am verify -Dforge.skip=true -Dtest=NONE ... -Dit.test='io.proofmint.systemtests.adversarial.*IT,io.proofmint.systemtests.settlement.KeeperCrashIT'\`: Maven exit ${java.mavenExit}.`, '');
    L.push('| IT | status | time |', '| --- | --- | ---: |');
    for (const t of java.tests) L.push(`| \`${t.class}.${t.method}\` | ${t.status} | ${t.seconds.toFixed(0)} s |`);
  } else L.push(`${java?.reason ?? 'not run'}.`);
  L.push('');

  writeFileSync(mdPath, `${L.join('\n')}\n`);
  console.log(`report: ${relative(process.cwd(), mdPath)}, ${relative(process.cwd(), jsonPath)}: ${verdict}`);
}

main();
