// stat(2) and directories over the model's file system. The file system is a flat map from
// path to inode; a directory is "." or "/", or any path that some file's path lies under
// ("logs" is a directory once "logs/a.txt" exists). Descriptors that are not files stat as
// what Linux reports for them: a pipe is a FIFO, a socket a socket, the terminal a character
// device.
import type { Inode, KFile, KState } from "./kstate";
import { fail, ok, SysRet } from "./result";

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

/** The umask every model process runs with (a login shell's usual 022). */
export const UMASK = 0o022;

/** What struct stat carries that a program can read meaningfully. */
export interface StatInfo {
  mode: number;
  size: number;
  ino: number;
  nlink: number;
  /** The preferred I/O size, which glibc takes as a stream's buffer size (fstat at its first use). */
  blksize: number;
}

/** st_blksize as Linux reports it (stat -c %o on this machine): a page for pipes, sockets,
 *  ext4 and tmpfs files and the /dev nodes; 1024 for a pseudo-terminal, devpts' block size. */
export const BLKSIZE = 4096;
export const TTY_BLKSIZE = 1024;

/** "./a.txt" -> "a.txt", "logs/" -> "logs", "" stays "" (ENOENT). */
export function normpath(path: string): string {
  let p = path;
  while (p.startsWith("./")) p = p.slice(2);
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  return p === "" && path !== "" ? "." : p;
}

/** The file's inode under either spelling of its path (the map keys paths as opened). */
export function lookup(k: KState, path: string): Inode | undefined {
  const p = normpath(path);
  return k.fs.get(p) ?? k.fs.get(`./${p}`);
}

/** The names directly inside directory `dir`, or undefined when it is not a directory. */
export function direntries(k: KState, dir: string): string[] | undefined {
  const d = normpath(dir);
  const prefix = d === "." ? "" : d === "/" ? "/" : `${d}/`;
  const names = new Set<string>();
  for (const key of k.fs.keys()) {
    const p = normpath(key);
    if (prefix === "" ? p.startsWith("/") : !p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    if (rest) names.add(rest.split("/")[0]);
  }
  if (names.size === 0 && d !== "." && d !== "/" && !lookup(k, d)?.dir) return undefined;
  return [...names].sort();
}

/** Whether `path` names a directory of the model: one mkdir made (in the name map), or one
 *  known from the files under it (not in the map). */
export function isdir(k: KState, path: string): boolean {
  const ip = lookup(k, path);
  return ip ? ip.dir === true : path !== "" && direntries(k, path) !== undefined;
}

function inodeStat(k: KState, ip: Inode): StatInfo {
  if (ip.dir) return { mode: S_IFDIR | 0o755, size: 4096, ino: 2, nlink: 2, blksize: BLKSIZE };
  if (ip.ino === undefined) ip.ino = 1000 + k.nextObjId++;
  const type = ip.fifo ? S_IFIFO : ip.sock !== undefined ? S_IFSOCK : S_IFREG;
  return { mode: type | (ip.mode ?? 0o644), size: type === S_IFREG ? ip.size : 0, ino: ip.ino, nlink: 1, blksize: BLKSIZE };
}

/** stat(2)/lstat(2) of a path (the model has no symbolic links, so the two agree). */
export function statpath(k: KState, path: string): SysRet {
  if (path === "") return fail("ENOENT");
  if (path.length > 4095) return fail("ENAMETOOLONG");
  if (path === "/dev/tty") return ok(0, { stat: { mode: S_IFCHR | 0o666, size: 0, ino: 5, nlink: 1, blksize: BLKSIZE } });
  const p = normpath(path);
  const ip = lookup(k, p);
  if (ip) return path.endsWith("/") && !ip.dir ? fail("ENOTDIR") : ok(0, { stat: inodeStat(k, ip) });
  // A path under a regular file: ENOTDIR, as Linux says when a component is not a directory.
  const parts = p.split("/");
  for (let i = 1; i < parts.length; i++) {
    const up = lookup(k, parts.slice(0, i).join("/"));
    if (up && !up.dir) return fail("ENOTDIR");
  }
  if (direntries(k, p) === undefined) return fail("ENOENT");
  return ok(0, { stat: { mode: S_IFDIR | 0o755, size: 4096, ino: 2, nlink: 2, blksize: BLKSIZE } });
}

/** access(2) modes. */
export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

/** access(2): whether the path exists (F_OK) and its owner, the one user every process runs
 *  as, may read, write or execute it (the owner's bits of its mode); EACCES when not. */
export function access(k: KState, path: string, mode: number): SysRet {
  if ((mode & ~(R_OK | W_OK | X_OK)) !== 0) return fail("EINVAL");
  const r = statpath(k, path);
  if (r.ret < 0 || !r.stat) return r;
  const owner = (r.stat.mode >> 6) & 7;
  return (mode & owner) === mode ? ok(0) : fail("EACCES");
}

/** fstat(2): what the descriptor's open file refers to. */
export function fstatfile(k: KState, f: KFile): SysRet {
  const o = f.obj;
  switch (o.kind) {
    case "file": return ok(0, { stat: inodeStat(k, o.inode) });
    case "pipe": return ok(0, { stat: { mode: S_IFIFO | 0o600, size: 0, ino: 100000 + o.id, nlink: 1, blksize: BLKSIZE } });
    case "socket": return ok(0, { stat: { mode: S_IFSOCK | 0o777, size: 0, ino: 200000 + o.id, nlink: 1, blksize: BLKSIZE } });
    case "tty": return ok(0, { stat: { mode: S_IFCHR | 0o620, size: 0, ino: 3, nlink: 1, blksize: TTY_BLKSIZE } });
    default: return ok(0, { stat: { mode: S_IFREG | 0o600, size: 0, ino: 300000 + o.id, nlink: 1, blksize: BLKSIZE } });
  }
}
