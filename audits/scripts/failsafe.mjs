#!/usr/bin/env node
// Reads Maven failsafe XML reports into JSON for the audit report.
//   node audits/scripts/failsafe.mjs <failsafe-reports dir> <maven exit code>
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [dir, exit] = process.argv.slice(2);
const tests = [];
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => /^TEST-.*\.xml$/.test(f))) {
    const xml = readFileSync(join(dir, file), 'utf8');
    for (const m of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const attr = (name) => (m[1].match(new RegExp(`${name}="([^"]*)"`)) ?? [])[1] ?? '';
      const body = m[3] ?? '';
      const status = /<(failure|error)\b/.test(body) ? 'fail' : /<skipped\b/.test(body) ? 'skipped' : 'pass';
      tests.push({ class: attr('classname'), method: attr('name').replace(/\(.*$/, ''), status, seconds: Number(attr('time')) || 0 });
    }
  }
}
process.stdout.write(`${JSON.stringify({ ran: true, mavenExit: Number(exit), tests }, null, 2)}\n`);
