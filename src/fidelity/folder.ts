// The real run's working directory holds what the program's folder holds, as the model's
// file system does (it reads any file under the program's folder at its first open,
// src/host/program.ts): a program that opens "input.txt" next to it finds the file on both
// sides. Copies, so a run that writes or removes a file leaves the learner's folder alone.
import { copyFileSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Files bigger than this are left out (a core dump, a video), and copying stops at TOTAL. */
const LARGEST = 1 << 20;
const TOTAL = 32 << 20;
/** Folders that are never a program's data. */
const SKIPPED = new Set(["node_modules", ".git", ".vscode", ".vscode-test", "out", "dist"]);

/** Copies the regular files under `from` into `to` (sub-folders too), except the names in
 *  `taken` at the top (the executable, the trace folder). Symbolic links are left out (a
 *  link to its own folder would never end). */
export function mirrorFolder(from: string, to: string, taken: ReadonlySet<string>, budget = { left: TOTAL }): void {
  for (const name of readdirSync(from)) {
    if (budget.left <= 0) return;
    if (taken.has(name) || name.startsWith(".") || SKIPPED.has(name)) continue;
    const src = join(from, name);
    const st = lstatSync(src, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      mkdirSync(join(to, name), { recursive: true });
      mirrorFolder(src, join(to, name), new Set(), budget);
    } else if (st?.isFile() && st.size <= LARGEST && st.size <= budget.left) {
      copyFileSync(src, join(to, name));
      budget.left -= st.size;
    }
  }
}
