// The terminal: one device whose v-node exists while descriptors refer to it. Writes are
// output; reads return a typed line (canonical mode); Ctrl-C, Ctrl-Z and Ctrl-\ send
// SIGINT, SIGTSTP and SIGQUIT to the foreground process group; Ctrl-D ends input. What is
// typed is echoed to the output, as a terminal does.
import { ByteQueue } from "./bytequeue";
import { objalloc } from "./file";
import type { KState, Task, TtyDevice, TtyV } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted, sendsig } from "./signal";
import { SIG } from "./signum";
import { touch, TTY_CHAN, waitTest } from "./waitq";

export function ttyalloc(): TtyDevice {
  return { name: "/dev/pts/0", input: new ByteQueue(), eof: 0, foreground: 0, sid: 1 };
}

/** The terminal's v-node, made when the first descriptor opens it. */
export function ttyvnode(k: KState): TtyV {
  const dev = k.tty;
  return dev.vnode ?? (dev.vnode = objalloc<TtyV>(k, (id) => ({ id, kind: "tty", refs: 0, dev, capture: true })));
}

export function ttyRelease(v: TtyV): void {
  v.dev.vnode = undefined;
}

const lineReady = (d: TtyDevice): boolean => d.input.indexOf(10) >= 0 || d.eof > 0;

waitTest("ttyline", (k) => lineReady(k.tty));

export function ttyread(k: KState, t: Task, fd: number, v: TtyV, n: number): SysResult {
  const d = v.dev;
  if (interrupted(t, `read(${fd})`) === "eintr") return fail("EINTR");
  if (n === 0) return ok(0, { data: new Uint8Array(0) });
  if (lineReady(d)) {
    const nl = d.input.indexOf(10);
    if (nl < 0 && d.input.length === 0) {
      d.eof--;
      return ok(0, { data: new Uint8Array(0) });
    }
    const data = d.input.take(Math.min(n, nl < 0 ? d.input.length : nl + 1));
    // Ctrl-D after a partial line hands over that line without its newline.
    if (nl < 0 && d.input.length === 0 && d.eof > 0) d.eof--;
    return ok(data.length, { data });
  }
  return block(k, t, `read(${fd})`, { kind: "ttyline" }, [TTY_CHAN]);
}

export function ttyReadable(d: TtyDevice): boolean {
  return lineReady(d);
}

/** A terminal in canonical mode with ECHO and ECHOCTL (termios' defaults) shows what is
 *  typed as it is typed, control keys as ^C; no process wrote it (pid and fd 0). */
function echo(k: KState, text: string): void {
  if (text && k.tty.vnode?.capture) k.output.push({ pid: 0, fd: 0, text, typed: true });
}

export function ttyInput(k: KState, text: string): void {
  echo(k, text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  k.tty.input.push(bytes);
  touch(k, TTY_CHAN);
}

export function ttyKey(k: KState, key: string): void {
  if (key === "^D") {
    k.tty.eof++;
    touch(k, TTY_CHAN);
    return;
  }
  const s = key === "^C" ? SIG.SIGINT : key === "^Z" ? SIG.SIGTSTP : key === "^\\" ? SIG.SIGQUIT : 0;
  if (!s) return;
  echo(k, key);
  for (const p of [...k.procs.values()]) if (p.pgid === k.tty.foreground && p.kind !== "init") sendsig(k, p, s);
}

/** tcgetpgrp(3): only for the caller's controlling terminal (after setsid it has none). */
export function tcgetpgrp(k: KState, t: Task): SysResult {
  return t.proc.sid === k.tty.sid ? ok(k.tty.foreground) : fail("ENOTTY");
}

export function tcsetpgrp(k: KState, t: Task, pgid: number): SysResult {
  if (t.proc.sid !== k.tty.sid) return fail("ENOTTY");
  if (!Number.isInteger(pgid) || pgid < 0) return fail("EINVAL");
  if (![...k.procs.values()].some((p) => p.pgid === pgid && p.sid === t.proc.sid)) return fail("EPERM");
  k.tty.foreground = pgid;
  return ok(0);
}
