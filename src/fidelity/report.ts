// The human-readable side of a comparison: per process, Linux and the model side by side,
// the first divergence marked with ">>", then the list of every difference found.

import { describe, type Comparison } from "./compare";

const WIDTH = 44;

function cell(text: string): string {
  return text.length > WIDTH ? text.slice(0, WIDTH - 1) + "…" : text.padEnd(WIDTH);
}

export function formatComparison(c: Comparison, title: string): string {
  const out: string[] = [];
  out.push(`fidelity: ${title}`);
  for (const p of c.procs) {
    out.push("", `${p.name}`, `   ${cell("Linux")} | model`);
    const n = Math.max(p.linux.length, p.model.length);
    for (let i = 0; i < n; i++) {
      const mark = i === p.firstDivergence ? ">> " : "   ";
      out.push(`${mark}${cell(describe(p.linux[i]))} | ${describe(p.model[i])}`);
    }
    if (p.linuxHandler.length || p.modelHandler.length) {
      out.push(`   in signal handlers (any order):`);
      for (let i = 0; i < Math.max(p.linuxHandler.length, p.modelHandler.length); i++)
        out.push(`   ${cell(describe(p.linuxHandler[i]))} | ${describe(p.modelHandler[i])}`);
    }
  }
  out.push("");
  if (c.agree) out.push("AGREE: the model and Linux made the same calls with the same results.");
  else {
    out.push(`DIFFER: ${c.divergences.length} difference(s), ${c.violations.length} ordering rule violation(s)`);
    for (const d of c.divergences) {
      out.push(`  ${d.proc}${d.index !== undefined ? ` #${d.index}` : ""}: ${d.what}`);
      if (d.linux !== undefined) out.push(`      Linux: ${d.linux.replace(/\n/g, "; ")}`);
      if (d.model !== undefined) out.push(`      model: ${d.model.replace(/\n/g, "; ")}`);
    }
    for (const v of c.violations) out.push(`  ${v.side} broke ${v.rule}: ${v.detail}`);
  }
  return out.join("\n");
}
