// A small in-memory file system: a flat map from path to inode, and the v-node that
// exists while some open file refers to the inode. Enough for open/read/write/lseek.
import { O_ACCMODE, O_APPEND, O_CREAT, O_DIRECTORY, O_EXCL, O_RDONLY, O_TRUNC, SEEK_CUR, SEEK_END, SEEK_SET } from "./fcntl";
import type { Inode, KFile, KProc, KState, VFile } from "./kstate";
import { fdget } from "./fdtable";
import { fail, ok, SysRet } from "./result";
import { objalloc, readable, writable } from "./file";
import { direntries, isdir, lookup, normpath, statpath, UMASK } from "./stat";

export const MAX_FILE = 1 << 24; // keep a runaway program from eating the host's memory

export function inodeget(k: KState, path: string, create: boolean): Inode | undefined {
  let ip = k.fs.get(path);
  if (!ip && create) {
    ip = { path, data: new Uint8Array(0), size: 0, ver: 0 };
    k.fs.set(path, ip);
  }
  return ip;
}

/** Resolve open(2)'s flags against the file system: the v-node to open, or an errno. */
export function namei(k: KState, path: string, flags: number, mode = 0o666): VFile | SysRet {
  if (path === "") return fail("ENOENT");
  if (path.length > 4095) return fail("ENAMETOOLONG");
  let ip = k.fs.get(path);
  if ((!ip || ip.dir) && isdir(k, path)) return opendirnode(k, path, flags);
  if (ip && flags & O_CREAT && flags & O_EXCL) return fail("EEXIST");
  if (ip && flags & O_DIRECTORY) return fail("ENOTDIR");
  if (!ip) {
    if (!(flags & O_CREAT)) return fail("ENOENT");
    ip = inodeget(k, path, true)!;
    ip.mode = mode & 0o777 & ~UMASK;
  }
  if (flags & O_TRUNC && (flags & O_ACCMODE) !== O_RDONLY) itrunc(ip);
  const inode = ip;
  return ip.vnode ?? (ip.vnode = objalloc<VFile>(k, (id) => ({ id, kind: "file", refs: 0, inode })));
}

/** A directory opened (opendir, or open with O_RDONLY): an inode of its own outside the
 *  name map, so reads fail with EISDIR and fstat says S_IFDIR. */
function opendirnode(k: KState, path: string, flags: number): VFile | SysRet {
  if ((flags & O_ACCMODE) !== O_RDONLY) return fail("EISDIR");
  if (flags & O_CREAT && flags & O_EXCL) return fail("EEXIST");
  const inode: Inode = { path: normpath(path), data: new Uint8Array(0), size: 0, ver: 0, dir: true };
  return (inode.vnode = objalloc<VFile>(k, (id) => ({ id, kind: "file", refs: 0, inode })));
}

export function vnodeRelease(v: VFile): void {
  v.inode.vnode = undefined;
}

function itrunc(ip: Inode): void {
  ip.size = 0;
  ip.data = new Uint8Array(0);
  ip.ver++;
}

export function iwrite(ip: Inode, off: number, bytes: Uint8Array): void {
  const end = off + bytes.length;
  if (end > ip.data.length) {
    const next = new Uint8Array(Math.max(end, ip.data.length * 2, 64));
    next.set(ip.data.subarray(0, ip.size));
    ip.data = next;
  }
  ip.data.set(bytes, off);
  ip.size = Math.max(ip.size, end);
  ip.ver++;
}

/** Read from a regular file at the open file's offset, and advance it (xv6's readi). */
export function readi(f: KFile, v: VFile, n: number): SysRet {
  const ip = v.inode;
  if (ip.dir) return fail("EISDIR");
  const start = Math.min(f.offset, ip.size);
  const data = ip.data.slice(start, Math.min(ip.size, start + n));
  f.offset += data.length;
  return ok(data.length, { data });
}

/** Write to a regular file at the open file's offset (the end, with O_APPEND), and advance it (xv6's writei). */
export function writei(f: KFile, v: VFile, bytes: Uint8Array): SysRet {
  const ip = v.inode;
  if (ip.dir) return fail("EBADF");
  // O_APPEND: the seek to the end and the write are one atomic step.
  if (f.flags & O_APPEND) f.offset = ip.size;
  if (f.offset + bytes.length > MAX_FILE) return fail("EFBIG");
  iwrite(ip, f.offset, bytes);
  f.offset += bytes.length;
  return ok(bytes.length);
}

/** pread(2) and pwrite(2): at offset `at`, the open file's own offset untouched (pwrite to
 *  an O_APPEND file still writes at its end, as Linux does). In Linux's order: a negative
 *  offset is EINVAL before the descriptor is looked at (atOffset), then a file without an
 *  offset (a pipe, socket or terminal) is ESPIPE, then the access mode EBADF. */
export function pread(f: KFile, n: number, at: number): SysRet {
  const v = f.obj;
  if (v.kind !== "file") return fail("ESPIPE");
  if (!readable(f)) return fail("EBADF");
  if (!Number.isInteger(n) || n < 0) return fail("EINVAL");
  return withOffset(f, at, () => readi(f, v, n));
}

export function pwrite(f: KFile, bytes: Uint8Array, at: number): SysRet {
  const v = f.obj;
  if (v.kind !== "file") return fail("ESPIPE");
  if (!writable(f)) return fail("EBADF");
  return withOffset(f, at, () => writei(f, v, bytes));
}

/** A call at an offset of the file: the offset checked before the descriptor, as Linux does
 *  (a negative one is EINVAL whatever the descriptor). */
export function atOffset(p: KProc, fd: number, at: number, io: (f: KFile) => SysRet): SysRet {
  if (!Number.isInteger(at) || at < 0) return fail("EINVAL");
  const f = fdget(p, fd);
  return f ? io(f) : fail("EBADF");
}

function withOffset(f: KFile, at: number, io: () => SysRet): SysRet {
  const saved = f.offset;
  f.offset = at;
  const r = io();
  f.offset = saved;
  return r;
}

export function lseek(f: KFile, offset: number, whence: number): SysRet {
  if (f.obj.kind !== "file") return fail("ESPIPE");
  if (!Number.isInteger(offset)) return fail("EINVAL");
  let base: number;
  if (whence === SEEK_SET) base = 0;
  else if (whence === SEEK_CUR) base = f.offset;
  else if (whence === SEEK_END) base = f.obj.inode.size;
  else return fail("EINVAL");
  const pos = base + offset;
  if (pos < 0) return fail("EINVAL");
  f.offset = pos;
  return ok(pos);
}

export function unlink(k: KState, path: string): SysRet {
  if (isdir(k, path)) return fail("EISDIR");
  if (!k.fs.has(path)) return fail("ENOENT");
  // Open files keep the inode through their v-node; the name goes now.
  k.fs.delete(path);
  return ok(0);
}

/** The directory a path's last name is in. */
function parentOf(p: string): string {
  const at = p.lastIndexOf("/");
  return at < 0 ? "." : at === 0 ? "/" : p.slice(0, at);
}

/** mkdir(2): an empty directory, a name of its own in the map (a directory known from the
 *  files under it needs none). The model knows the tree of the working directory only: an
 *  absolute path's parent outside it is taken to exist. */
export function mkdir(k: KState, path: string, mode: number): SysRet {
  const s = statpath(k, path);
  if (s.ret === 0) return fail("EEXIST");
  if (s.errno !== "ENOENT" || path === "") return s;
  const p = normpath(path);
  if (!p.startsWith("/") && !isdir(k, parentOf(p))) return fail("ENOENT");
  k.fs.set(p, { path: p, data: new Uint8Array(0), size: 0, ver: 0, mode: mode & 0o777 & ~UMASK, dir: true });
  return ok(0);
}

/** rmdir(2): only an empty directory goes; one with files under it is ENOTEMPTY. */
export function rmdir(k: KState, path: string): SysRet {
  const p = normpath(path);
  // rmdir(2): a last component "." is EINVAL, ".." ENOTEMPTY, whatever they name.
  const last = path.replace(/\/+$/, "").split("/").pop();
  if (last === "." || p === "." || p.endsWith("/.")) return fail("EINVAL");
  if (last === "..") return fail("ENOTEMPTY");
  const s = statpath(k, path);
  if (s.ret !== 0) return s;
  if (!isdir(k, p)) return fail("ENOTDIR");
  if (direntries(k, p)!.length) return fail("ENOTEMPTY");
  const ip = lookup(k, p);
  if (ip) k.fs.delete(ip.path);
  return ok(0);
}
