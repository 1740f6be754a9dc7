// POSIX paths as plain strings, for code that must also run where node:path does not exist
// (the Web Worker, the web extension host): a vscode.Uri's path and fsPath on the web, and
// node's paths on Linux and macOS.

/** The folder part of a path, without the trailing "/" ("." for a bare name). */
export function dirOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "." : at === 0 ? "/" : path.slice(0, at);
}

/** The last part of a path. */
export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `name` inside `dir` when it is a relative path that stays there ("a/b.txt", "./x"); else undefined. */
export function inside(dir: string, name: string): string | undefined {
  if (name.startsWith("/")) return undefined;
  const parts: string[] = [];
  for (const p of name.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") { if (!parts.pop()) return undefined; continue; }
    parts.push(p);
  }
  return parts.length ? `${dir === "/" ? "" : dir}/${parts.join("/")}` : undefined;
}
