// How `forklab check` prints: a plain table for people, JSON for programs, JUnit XML for CI.

import { CHECK_TITLES, type CheckResult, type HalfResult } from "./checks";
import type { CheckReport } from "./run";

const mark = (h?: HalfResult): string => (!h ? "-" : h.skipped ? "skip" : h.ok ? "pass" : "FAIL");

/** One line per check, then each failure in full with its evidence. */
export function formatReport(rep: CheckReport): string {
  if (rep.cannotRun) return `${rep.file}: cannot run: ${rep.cannotRun}`;
  const out = [`${rep.file}`, `  ${"check".padEnd(24)} ${"model".padEnd(6)} ${"real".padEnd(6)}`];
  for (const r of rep.results) out.push(`  ${r.id.padEnd(24)} ${mark(r.model).padEnd(6)} ${mark(r.real).padEnd(6)}`);
  for (const r of rep.results.filter((x) => !x.ok)) {
    out.push("", `${r.id}: ${CHECK_TITLES[r.id]}`);
    if (r.model && !r.model.ok && !r.model.skipped) out.push(`  model: ${r.model.message}`);
    if (r.real && !r.real.ok && !r.real.skipped) {
      out.push(`  real: ${r.real.message}`);
      for (const e of r.real.evidence ?? []) out.push(`    ${e}`);
    }
  }
  const failed = rep.results.filter((r) => !r.ok).length;
  out.push("", failed ? `${failed} of ${rep.results.length} checks failed (${rep.seconds.toFixed(1)} s)` : `all ${rep.results.length} checks passed (${rep.seconds.toFixed(1)} s)`);
  return out.join("\n");
}

export function reportJson(rep: CheckReport): { file: string; cannotRun?: string; checks: Array<Pick<CheckResult, "id" | "ok" | "message"> & { model: HalfResult | null; real: HalfResult | null }> } {
  return {
    file: rep.file,
    ...(rep.cannotRun ? { cannotRun: rep.cannotRun } : {}),
    checks: rep.results.map((r) => ({ id: r.id, ok: r.ok, message: r.message, model: r.model ?? null, real: r.real ?? null })),
  };
}

/** XML 1.0 has no place for most control characters: a server's output may hold any byte. */
const xmlChar = (c: string): string => {
  const n = c.charCodeAt(0);
  if (n < 0x20 && n !== 0x9 && n !== 0xa && n !== 0xd) return "?";
  return /[<>&"']/.test(c) ? `&#${n};` : c;
};
const xml = (s: string): string => Array.from(s, xmlChar).join("");

/** JUnit XML: one testsuite per server (a student), one testcase per check. */
export function junitXml(reports: Array<{ name: string; report: CheckReport }>): string {
  const suites = reports.map(({ name, report }) => {
    const cases = report.cannotRun
      ? [`    <testcase classname="${xml(name)}" name="build"><error message="${xml(report.cannotRun)}"/></testcase>`]
      : report.results.map((r) => {
        const body = r.ok ? "" : `<failure message="${xml(r.message)}">${xml([r.model && !r.model.ok ? `model: ${r.model.message}` : "", r.real && !r.real.ok ? `real: ${r.real.message}\n${(r.real.evidence ?? []).join("\n")}` : ""].filter(Boolean).join("\n"))}</failure>`;
        return `    <testcase classname="${xml(name)}" name="${r.id}">${body}</testcase>`;
      });
    const failures = report.results.filter((r) => !r.ok).length;
    return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="${report.cannotRun ? 1 : 0}" time="${report.seconds.toFixed(3)}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="forklab check">\n${suites.join("\n")}\n</testsuites>\n`;
}
