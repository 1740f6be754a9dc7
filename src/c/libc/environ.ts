// The environment: getenv, setenv, unsetenv, putenv and `environ`. A process keeps its
// environment as "NAME=value" strings (UserProc.env, copied by fork, replaced by exec); `environ`
// is materialised in the process's memory the first time the program touches it, and kept
// in step with every change after that, as glibc's array is.
import { Builtin, Ctx } from "../ctl";
import { cstr, heapAlloc, heapFree, setErrno, str } from "./sys";

/** Where every model process runs: a learner's home folder (getcwd, pwd, $PWD). */
export const CWD = "/home/learner";

/** The environment a program starts with, as a login shell on Debian gives it. */
export const DEFAULT_ENV = [
  "PATH=/usr/local/bin:/usr/bin:/bin", `HOME=${CWD}`, "USER=learner", "LOGNAME=learner",
  "SHELL=/bin/sh", `PWD=${CWD}`, "TERM=xterm-256color",
];

const ENVIRON_CELL = "\u0000environ";

const nameOf = (entry: string): string => entry.slice(0, entry.indexOf("=") < 0 ? entry.length : entry.indexOf("="));

/** getenv's answer: the value inside the "NAME=value" string (stable while unchanged). */
function getenv(c: Ctx, name: string): number {
  const entry = c.p.env.find((e) => nameOf(e) === name && e.length > name.length);
  return entry === undefined ? 0 : cstr(c, entry) + name.length + 1;
}

/** setenv(3) and unsetenv(3) refuse a NULL or empty name and one holding '='. */
function badName(c: Ctx, addr: number): string | undefined {
  const name = addr ? str(c, addr) : "";
  if (name === "" || name.includes("=")) { setErrno(c, "EINVAL"); return undefined; }
  return name;
}

/** The cell `environ` names: the address of the NULL-terminated array of entries. */
function environCell(c: Ctx): number {
  let cell = c.p.statics[ENVIRON_CELL];
  if (cell === undefined) {
    c.p.statics[ENVIRON_CELL] = cell = heapAlloc(c, 8);
    c.mem.write64(cell, 0);
    writeEnviron(c, cell);
  }
  return cell;
}

function writeEnviron(c: Ctx, cell: number): void {
  const old = c.mem.read64(cell, false);
  if (old) heapFree(c, old);
  const arr = heapAlloc(c, (c.p.env.length + 1) * 8);
  c.p.env.forEach((e, i) => c.mem.write64(arr + i * 8, cstr(c, e)));
  c.mem.write64(arr + c.p.env.length * 8, 0);
  c.mem.write64(cell, arr);
}

function changed(c: Ctx): void {
  const cell = c.p.statics[ENVIRON_CELL];
  if (cell !== undefined) writeEnviron(c, cell);
}

function setenv(c: Ctx, name: string, value: string, overwrite: boolean): number {
  const i = c.p.env.findIndex((e) => nameOf(e) === name);
  if (i >= 0 && !overwrite) return 0;
  if (i >= 0) c.p.env[i] = `${name}=${value}`;
  else c.p.env.push(`${name}=${value}`);
  changed(c);
  return 0;
}

export const environ: Builtin[] = [
  { name: "getenv", fn: (c, a) => (a[0] ? getenv(c, str(c, a[0])) : 0) },
  { name: "secure_getenv", fn: (c, a) => (a[0] ? getenv(c, str(c, a[0])) : 0) },
  {
    name: "setenv", fn: (c, a) => {
      const name = badName(c, a[0]);
      return name === undefined ? -1 : setenv(c, name, a[1] ? str(c, a[1]) : "", a[2] !== 0);
    },
  },
  {
    name: "unsetenv", fn: (c, a) => {
      const name = badName(c, a[0]);
      if (name === undefined) return -1;
      c.p.env = c.p.env.filter((e) => nameOf(e) !== name);
      changed(c);
      return 0;
    },
  },
  {
    // putenv("NAME=value") sets; putenv("NAME") removes (glibc).
    name: "putenv", fn: (c, a) => {
      const s = str(c, a[0]);
      if (!s.includes("=")) { c.p.env = c.p.env.filter((e) => nameOf(e) !== s); changed(c); return 0; }
      return setenv(c, nameOf(s), s.slice(s.indexOf("=") + 1), true);
    },
  },
  { name: "clearenv", fn: (c) => { c.p.env = []; changed(c); return 0; } },
  { name: "__forklab_environ", fn: (c) => environCell(c) },
  {
    name: "getcwd", fn: (c, a) => {
      if (a[0] === 0) { const p = heapAlloc(c, CWD.length + 1); c.mem.writeString(p, CWD); return p; }
      if (a[1] < CWD.length + 1) { setErrno(c, "ERANGE"); return 0; }
      c.mem.writeString(a[0], CWD);
      return a[0];
    },
  },
];
