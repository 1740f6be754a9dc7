// <sys/stat.h> and <dirent.h>: stat, fstat, lstat, mkdir, rmdir, mkfifo and the directory stream. A DIR is a heap
// block in the process (so fork copies it): the descriptor opendir opened, the read
// position, one struct dirent that readdir fills, and the names the directory held when it
// was opened (glibc reads a small directory in one getdents64 at the first readdir).
import { isBlocked, O_CLOEXEC, O_DIRECTORY, O_NONBLOCK, O_RDONLY, StatInfo, SysRet, UID } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { heapAlloc, heapFree, setErrno, str, sys } from "./sys";

const DT_DIR = 4;
const DT_REG = 8;
/** Offsets in a DIR block: fd (int), read position (int), struct dirent, the names. */
const DIR_FD = 0, DIR_POS = 4, DIR_ENT = 8, DIRENT_SIZE = 280, DIR_NAMES = DIR_ENT + DIRENT_SIZE;

/** Fill a struct stat (glibc x86-64 layout, 144 bytes). Times are the model's clock. */
function writeStat(c: Ctx, addr: number, s: StatInfo): void {
  const secs = Math.floor(c.k.now() / 1000);
  c.mem.fill(addr, 0, 144);
  c.mem.write64(addr, 0x803);
  c.mem.write64(addr + 8, s.ino);
  c.mem.write64(addr + 16, s.nlink);
  c.mem.writeU(addr + 24, 4, s.mode);
  c.mem.writeU(addr + 28, 4, UID);
  c.mem.writeU(addr + 32, 4, UID);
  c.mem.write64(addr + 48, s.size);
  c.mem.write64(addr + 56, s.blksize);
  c.mem.write64(addr + 64, Math.ceil(s.size / 4096) * 8);
  for (const off of [72, 88, 104]) c.mem.write64(addr + off, secs);
}

const statOut = (c: Ctx, addr: number) => (r: SysRet): number => {
  if (r.stat) writeStat(c, addr, r.stat);
  return r.ret;
};

function statPath(c: Ctx, call: string, a: number[]): number | Ctl {
  const path = str(c, a[0]);
  c.m.seed(path);
  return sys(c, call, [path], c.k.stat(c.t.tid, path), statOut(c, a[1]));
}

/** opendir: open the directory (as glibc does, a descriptor with O_DIRECTORY|O_CLOEXEC) and
 *  take its names. NULL with errno on failure (ENOENT, ENOTDIR, EMFILE). */
function opendir(c: Ctx, a: number[]): number | Ctl {
  const path = str(c, a[0]);
  const flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY;
  const fd = sys(c, "open", [path, flags], c.k.open(c.t.tid, path, flags));
  if (typeof fd !== "number" || fd < 0) return fd === -1 ? 0 : fd;
  const r = c.k.readdir(c.t.tid, path);
  const names = [".", "..", ...(!isBlocked(r) && r.names ? r.names : [])];
  const text = names.join("\0") + "\0\0";
  const dir = heapAlloc(c, DIR_NAMES + text.length);
  c.mem.fill(dir, 0, DIR_NAMES);
  c.mem.writeU(dir + DIR_FD, 4, fd);
  c.mem.writeU(dir + DIR_POS, 4, 0);
  for (let i = 0; i < text.length; i++) c.mem.write8(dir + DIR_NAMES + i, text.charCodeAt(i));
  return dir;
}

/** readdir: the next entry in the DIR's struct dirent, or NULL at the end (errno untouched). */
function readdir(c: Ctx, dir: number): number {
  if (!dir) { setErrno(c, "EBADF"); return 0; }
  const pos = c.mem.readU(dir + DIR_POS, 4);
  let name = str(c, dir + DIR_NAMES + pos);
  if (name === "") return 0;
  c.mem.writeU(dir + DIR_POS, 4, pos + name.length + 1);
  const isDir = name.endsWith("/") || name === "." || name === "..";
  if (name.endsWith("/")) name = name.slice(0, -1);
  const ent = dir + DIR_ENT;
  c.mem.fill(ent, 0, DIRENT_SIZE);
  c.mem.write64(ent, 1000 + pos);
  c.mem.write64(ent + 8, pos + name.length + 1);
  c.mem.writeU(ent + 16, 2, 24 + Math.ceil((name.length + 1) / 8) * 8);
  c.mem.write8(ent + 18, isDir ? DT_DIR : DT_REG);
  c.mem.writeString(ent + 19, name.slice(0, 255));
  return ent;
}

function closedir(c: Ctx, dir: number): number | Ctl {
  if (!dir) { setErrno(c, "EBADF"); return -1; }
  const fd = c.mem.readU(dir + DIR_FD, 4);
  heapFree(c, dir);
  return sys(c, "close", [fd], c.k.close(c.t.tid, fd));
}

export const files: Builtin[] = [
  { name: "stat", fn: (c, a) => statPath(c, "stat", a) },
  { name: "access", fn: (c, a) => { const path = str(c, a[0]); c.m.seed(path); return sys(c, "access", [path, a[1]], c.k.access(c.t.tid, path, a[1])); } },
  { name: "lstat", fn: (c, a) => statPath(c, "lstat", a) },
  { name: "fstat", fn: (c, a) => sys(c, "fstat", [a[0]], c.k.fstat(c.t.tid, a[0]), statOut(c, a[1])) },
  { name: "mkdir", fn: (c, a) => { const path = str(c, a[0]); return sys(c, "mkdir", [path, a[1]], c.k.mkdir(c.t.tid, path, a[1])); } },
  { name: "rmdir", fn: (c, a) => { const path = str(c, a[0]); return sys(c, "rmdir", [path], c.k.rmdir(c.t.tid, path)); } },
  { name: "mkfifo", fn: (c, a) => { const path = str(c, a[0]); return sys(c, "mkfifo", [path, a[1]], c.k.mkfifo(c.t.tid, path, a[1])); } },
  { name: "opendir", fn: opendir },
  { name: "readdir", fn: (c, a) => readdir(c, a[0]) },
  { name: "closedir", fn: (c, a) => closedir(c, a[0]) },
  { name: "rewinddir", fn: (c, a) => { if (a[0]) c.mem.writeU(a[0] + DIR_POS, 4, 0); return 0; } },
  { name: "dirfd", fn: (c, a) => (a[0] ? c.mem.readU(a[0] + DIR_FD, 4) : (setErrno(c, "EINVAL"), -1)) },
];
