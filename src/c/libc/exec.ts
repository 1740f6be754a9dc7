// The exec family: execve, execv, execvp, execvpe, execl, execlp, execle. A program image
// is the learner's NAME.c next to their program (compiled at its first exec) or one of the
// built-in commands; the environment passes as execve(2) says (envp, or the caller's own).
// execvp/execlp search PATH like glibc: a name with a '/' is used as it is, else each PATH
// folder in turn (the built-in commands live in /usr/bin and /bin; the learner's programs
// in the current folder). An exec of a program the model does not have fails with ENOENT,
// as on Linux, and a note says what exists and how to add one.
import { GONE, Ctl, Ctx } from "../ctl";
import { COMMAND_NAMES } from "../command-names";
import { str, sys } from "./sys";
import { CWD } from "./environ";

const COMMAND_DIRS = new Set(["/bin", "/usr/bin"]);

/** The image `path` names, or undefined: a built-in command in /bin or /usr/bin; in the
 *  current folder (a relative path, or the working directory's), NAME.c of the learner's. */
function resolve(c: Ctx, path: string): string | undefined {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "" : path.slice(0, slash) || "/";
  const name = path.slice(slash + 1).replace(/\.c$/, "");
  if (!name) return undefined;
  if (COMMAND_DIRS.has(dir)) return COMMAND_NAMES.includes(name) && c.m.options.loadProgram?.(name) ? name : undefined;
  if (dir.startsWith("/") && dir !== CWD) return undefined;
  return c.m.options.loadProgram?.(name) ? name : undefined;
}

function missing(c: Ctx, file: string, searched: boolean): void {
  const name = file.split("/").pop() || file;
  const own = !COMMAND_NAMES.includes(name) && c.m.options.loadProgram?.(name);
  const why = own && searched
    ? `execvp/execlp search only PATH's folders, and the current folder is not one of them: exec "./${name}" to run your ${name}.c`
    : `the model has no program '${name}'. It has the built-in commands ${COMMAND_NAMES.join(", ")} (in /bin and /usr/bin), ` +
      `and runs any NAME.c in your program's folder: put ${name}.c next to your program and exec "./${name}"`;
  c.m.note(c.p, c.m.userLine(c.p, c.t), `exec of '${file}' fails with ENOENT: ${why}.`);
}

/** execve(2): replace the image, keeping the process. */
export function execve(c: Ctx, path: string, argv: string[], env: string[]): number | Ctl {
  const name = resolve(c, path);
  if (!name) {
    missing(c, path, false);
    return sys(c, "execve", [path], { ret: -1, errno: "ENOENT" });
  }
  const prog = c.m.options.loadProgram!(name)!;
  const r = c.k.execve(c.t.tid, name);
  const v = sys(c, "execve", [path], r);
  if (v !== 0) return v;
  c.m.load(c.p.pid, prog, argv.length ? argv : [name], env);
  return GONE;
}

/** execvp(3)'s search: the first PATH folder that holds the name ("" or "." in PATH is the
 *  current folder, where the learner's programs are). */
export function execvp(c: Ctx, file: string, argv: string[], env = c.p.env): number | Ctl {
  if (file.includes("/") || file === "") return execve(c, file, argv, env);
  const pathVar = c.p.env.find((e) => e.startsWith("PATH="))?.slice(5) ?? "/bin:/usr/bin";
  for (const dir of pathVar.split(":")) {
    const full = `${dir || "."}/${file}`;
    if (resolve(c, full)) return execve(c, full, argv, env);
  }
  missing(c, file, true);
  return sys(c, "execve", [file], { ret: -1, errno: "ENOENT" });
}

export function argvList(c: Ctx, addr: number): string[] {
  const out: string[] = [];
  for (let i = 0; addr && i < 1000; i++) {
    const p = c.mem.read64(addr + i * 8, false);
    if (!p) break;
    out.push(str(c, p));
  }
  return out;
}

/** execl's argument list ends at the first NULL. */
export function untilNull(a: number[]): number[] {
  const end = a.indexOf(0);
  return end < 0 ? a : a.slice(0, end);
}
