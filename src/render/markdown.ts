// The text view as Markdown: "Copy as Markdown" and `forklab render --md`.
import type { Snapshot } from "../contract/snapshot";
import { Table, textView } from "./tables";
import type { Terminal } from "./terminal";

/** Text shown as it is: a call's bytes as strace quotes them (write(4, "say \"hi\"\n", 9),
 *  whose backslashes Markdown would take as escapes), a buffer holding "<p>" or "*": a
 *  backslash before each character Markdown would read as an escape, code, emphasis or HTML. */
function literal(s: string): string {
  return s.replace(/[\\`*<]/g, "\\$&");
}

function cell(s: string): string {
  // Pipes would split the cell; leading spaces (tree depth) would be eaten by renderers.
  return literal(s).replace(/\|/g, "\\|").replace(/^ +/, (m) => "\u00a0".repeat(m.length)) || " ";
}

export function tableMarkdown(t: Table): string {
  const lines = [`### ${t.caption}`, "", `| ${t.headers.map(cell).join(" | ")} |`, `|${t.headers.map(() => " --- ").join("|")}|`];
  for (const r of t.rows) lines.push(`| ${r.map(cell).join(" | ")} |`);
  if (!t.rows.length) lines.push(`| ${t.headers.map((_, i) => (i === 0 ? "(none)" : " ")).join(" | ")} |`);
  return lines.join("\n");
}

export function renderMarkdown(snap: Snapshot, previous?: Snapshot, term?: Terminal): string {
  const v = textView(snap, previous, term);
  const notes = v.notes.length ? v.notes.map((n) => `- ${literal(n)}`).join("\n") + "\n\n" : "";
  return `## ${v.title}\n\n${notes}${v.tables.map(tableMarkdown).join("\n\n")}\n`;
}
