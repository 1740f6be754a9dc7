// Parse one per-process file written by `strace -ff -k -ttt -o DIR/t`: syscalls with their
// raw arguments, results and stack frames, signal deliveries, stops and the final exit.
// Pure text in, plain data out, so recorded strace output can be tested without strace.

/** One stack frame printed by `-k`: ` > /path/obj(sym+0x1f) [0x11ec]`. */
export interface Frame {
  object: string;
  symbol?: string;
  /** The address strace prints in brackets: an offset into `object` for PIE and shared objects. */
  address: number;
}

export interface SyscallEvent {
  kind: "syscall";
  time: number;
  name: string;
  /** Top-level arguments, still in strace's notation ("3", "\"abc\"", "[3, 4]", "WNOHANG"). */
  args: string[];
  /** "?" when the call never returned (killed, exit_group) or is to be restarted. */
  ret: number | "?";
  errno?: string;
  /** ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK: the kernel restarts or abandons it. */
  restart?: string;
  /** For restart_syscall: the call it resumes. */
  resumes?: string;
  /** Seconds spent in the call (`-T`), so `time + duration` is when it returned. */
  duration?: number;
  stack: Frame[];
}

export interface SignalEvent {
  kind: "signal";
  time: number;
  signal: string;
  /** The siginfo fields strace prints, e.g. si_code, si_pid, si_status. */
  info: Record<string, string>;
  stack: Frame[];
}

export interface StopEvent {
  kind: "stopped";
  time: number;
  signal: string;
}

export interface ExitEvent {
  kind: "exit";
  time: number;
  /** `+++ exited with N +++` */
  code?: number;
  /** `+++ killed by SIGX +++` */
  signal?: string;
  core?: boolean;
}

export type StraceEvent = SyscallEvent | SignalEvent | StopEvent | ExitEvent;

const framePattern = /^ > (.*?)\((.*)\) \[0x([0-9a-f]+)\]$/;
const exitPattern = /^\+\+\+ (?:exited with (-?\d+)|killed by (\w+)( \(core dumped\))?) \+\+\+$/;
const stopPattern = /^--- stopped by (\w+) ---$/;
const signalPattern = /^--- (\w+) \{(.*)\} ---$/;
const resumedPattern = /^<\.\.\. (\w+) resumed>\s?(.*)$/;
const restartSyscallPattern = /^restart_syscall\(<\.\.\. resuming interrupted (\w+) \.\.\.>\)(.*)$/;

/** Parse the whole text of one strace output file. */
export function parseStrace(text: string): StraceEvent[] {
  const events: StraceEvent[] = [];
  // Stack lines belong to the latest syscall or signal that has none yet; `+++` lines never take one.
  let stackOwner: SyscallEvent | SignalEvent | undefined;
  // A call split by `<unfinished ...>`: its head waits for `<... name resumed>`.
  const unfinished = new Map<string, { time: number; head: string }>();
  // Stacks printed after an `<unfinished ...>` half, keyed by call name, until the resumed half.
  const pendingStacks = new Map<string, SyscallEvent>();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line === "") continue;
    const frame = framePattern.exec(line);
    if (frame) {
      if (stackOwner) stackOwner.stack.push(parseFrame(frame));
      continue;
    }
    if (line.startsWith(" > ")) continue; // unwinder errors such as `unexpected_backtracing_error`
    const m = /^(\d+\.\d+) (.*)$/.exec(line);
    const time = m ? Number(m[1]) : 0;
    const body = m ? m[2] : line;
    const exit = exitPattern.exec(body);
    if (exit) {
      events.push(exit[1] !== undefined
        ? { kind: "exit", time, code: Number(exit[1]) }
        : { kind: "exit", time, signal: exit[2], core: Boolean(exit[3]) });
      continue;
    }
    const stop = stopPattern.exec(body);
    if (stop) {
      events.push({ kind: "stopped", time, signal: stop[1] });
      continue;
    }
    const sig = signalPattern.exec(body);
    if (sig) {
      const ev: SignalEvent = { kind: "signal", time, signal: sig[1], info: parseFields(sig[2]), stack: [] };
      events.push(ev);
      stackOwner = ev;
      continue;
    }
    const resumed = resumedPattern.exec(body);
    let text = body;
    let callTime = time;
    if (resumed) {
      const head = unfinished.get(resumed[1]);
      unfinished.delete(resumed[1]);
      text = (head ? head.head : `${resumed[1]}(`) + resumed[2];
      callTime = head ? head.time : time;
    } else if (body.endsWith("<unfinished ...>")) {
      const head = body.slice(0, -"<unfinished ...>".length).trimEnd();
      const name = /^(\w+)\(/.exec(head)?.[1];
      if (name) {
        unfinished.set(name, { time, head: head.endsWith("(") ? head : head + " " });
        // The stack printed after the unfinished half belongs to this call: keep it aside.
        const ev: SyscallEvent = { kind: "syscall", time, name, args: [], ret: "?", stack: [] };
        stackOwner = ev;
        pendingStacks.set(name, ev);
      }
      continue;
    }
    const call = parseCall(text, callTime);
    if (call) {
      const early = pendingStacks.get(call.name);
      if (resumed && early) {
        call.stack = early.stack;
        pendingStacks.delete(call.name);
      }
      events.push(call);
      stackOwner = call.stack.length ? undefined : call;
    }
  }
  // Calls still unfinished at the end of the file never returned (the process was killed).
  for (const [name, head] of unfinished) {
    const call = parseCall(`${head.head}) = ?`, head.time);
    if (call) {
      call.stack = pendingStacks.get(name)?.stack ?? [];
      events.push(call);
    }
  }
  return events;
}

function parseFrame(m: RegExpExecArray): Frame {
  const symbol = m[2] === "" ? undefined : m[2];
  return { object: m[1], symbol, address: parseInt(m[3], 16) };
}

/** `name(args) = ret [ERRNO (text)]`, also `restart_syscall(<... resuming interrupted X ...>) = R`. */
export function parseCall(text: string, time: number): SyscallEvent | undefined {
  const restart = restartSyscallPattern.exec(text);
  if (restart) {
    const result = parseResult(restart[2]);
    return result && { kind: "syscall", time, name: "restart_syscall", resumes: restart[1], args: [], ...result, stack: [] };
  }
  const open = /^(\w+)\(/.exec(text);
  if (!open) return undefined;
  const close = matchingParen(text, open[0].length - 1);
  if (close < 0) return undefined;
  const result = parseResult(text.slice(close + 1));
  if (!result) return undefined;
  return { kind: "syscall", time, name: open[1], args: splitTopLevel(text.slice(open[0].length, close)), ...result, stack: [] };
}

type Result = { ret: number | "?"; errno?: string; restart?: string; duration?: number };

function parseResult(rest: string): Result | undefined {
  const m = /^\s*=\s*(\?|0x[0-9a-f]+|-?\d+)(?:\s+(\w+))?/.exec(rest);
  if (!m) return undefined;
  const r: Result = { ret: m[1] === "?" ? "?" : Number(m[1]) };
  const code = m[2];
  if (code && code.startsWith("ERESTART")) r.restart = code;
  else if (code && /^E[A-Z0-9]+$/.test(code)) r.errno = code;
  const d = /<(\d+\.\d+)>\s*$/.exec(rest);
  if (d) r.duration = Number(d[1]);
  return r;
}

/** Index of the parenthesis that closes the one at `start`, skipping quoted strings. */
function matchingParen(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipString(text, i);
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i;
}

/** Split on commas that are not nested in brackets or strings. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipString(text, i);
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  const last = text.slice(from).trim();
  if (last !== "" || parts.length) parts.push(last);
  return parts;
}

/** `a=1, b={...}, c=SIGCHLD` into a record of top-level fields. */
function parseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of splitTopLevel(text)) {
    const eq = part.indexOf("=");
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields;
}

/** Decode a C string literal as strace prints it ("ab\n\177\x01") into bytes; `...` after the quote marks truncation. */
export function decodeString(literal: string): { bytes: Buffer; truncated: boolean } | undefined {
  const m = /^"((?:[^"\\]|\\.)*)"(\.\.\.)?$/s.exec(literal);
  if (!m) return undefined;
  const out: number[] = [];
  const s = m[1];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, e: 27, '"': 34, "\\": 92, "'": 39, "?": 63 };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\") {
      out.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = s[i + 1];
    const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
    if (oct) {
      out.push(parseInt(oct[0], 8) & 0xff);
      i += oct[0].length;
    } else if (n === "x") {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))?.[0] ?? "0";
      out.push(parseInt(hex, 16));
      i += 1 + hex.length;
    } else {
      out.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return { bytes: Buffer.from(out), truncated: Boolean(m[2]) };
}
