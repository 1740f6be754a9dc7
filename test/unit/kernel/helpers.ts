// Small helpers for the kernel tests: a booted kernel with one program, and result checks.
import * as assert from "node:assert/strict";
import { isBlocked, Kernel, KernelOptions, SysResult, SysRet } from "../../../src/kernel/kernel";
import type { OpenFile, Proc, Snapshot } from "../../../src/contract/snapshot";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (r: SysResult): string => new TextDecoder().decode(done(r).data ?? new Uint8Array(0));

/** The call completed (did not block); its result. */
export function done(r: SysResult): SysRet {
  assert.ok(!isBlocked(r), `expected a result, got blocked in ${isBlocked(r) ? r.blocked : ""}`);
  return r as SysRet;
}

export function blocked(r: SysResult, on?: string): void {
  assert.ok(isBlocked(r), `expected to block, got ${JSON.stringify(r)}`);
  if (on !== undefined) assert.equal(r.blocked, on);
}

export function okRet(r: SysResult): number {
  const d = done(r);
  assert.equal(d.errno, undefined, `unexpected errno ${d.errno}`);
  return d.ret;
}

export function errno(r: SysResult): string | undefined {
  const d = done(r);
  if (d.errno !== undefined) assert.equal(d.ret, -1);
  return d.errno;
}

export function boot(opts: KernelOptions = {}): { k: Kernel; pid: number } {
  const k = new Kernel(opts);
  const pid = k.spawn({ name: "prog" });
  return { k, pid };
}

export const fork = (k: Kernel, tid: number): number => okRet(k.fork(tid));

export function proc(s: Snapshot, pid: number): Proc {
  const p = s.processes.find((x) => x.pid === pid);
  assert.ok(p, `no process ${pid}`);
  return p;
}

/** The open file behind a process's descriptor, seen in a snapshot. */
export function fileOf(s: Snapshot, pid: number, fd: number): OpenFile {
  const id = proc(s, pid).fds[fd];
  assert.ok(id !== null && id !== undefined, `fd ${fd} of ${pid} is not open`);
  const f = s.files.find((x) => x.id === id);
  assert.ok(f);
  return f;
}

/** The process has ended: a zombie, or already reaped. */
export function dead(k: Kernel, pid: number): boolean {
  const t = k.task(pid);
  return !t || t.state === "zombie";
}
