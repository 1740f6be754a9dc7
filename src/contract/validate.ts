// Checks that a value has the Snapshot's shape before anything draws it: the webview gets
// it over postMessage and the CLI from a file, and neither should trust its input.
import { SNAPSHOT_VERSION, Snapshot } from "./snapshot";

// A check returns undefined, or the problem with the path below x prefixed ("[3].fds: ...");
// paths are built only on failure, so checking a 1,000-descriptor snapshot stays cheap.
type Check = (x: unknown) => string | undefined;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const num: Check = (x) => (typeof x === "number" && Number.isFinite(x) ? undefined : ": expected a number");
const str: Check = (x) => (typeof x === "string" ? undefined : ": expected a string");
const bool: Check = (x) => (typeof x === "boolean" ? undefined : ": expected a boolean");
const opt = (c: Check): Check => (x) => (x === undefined ? undefined : c(x));
const oneOf = (...vs: string[]): Check => (x) => (typeof x === "string" && vs.includes(x) ? undefined : `: expected one of ${vs.join(", ")}`);
const arr = (c: Check): Check => (x) => {
  if (!Array.isArray(x)) return ": expected an array";
  for (let i = 0; i < x.length; i++) { const e = c(x[i]); if (e) return `[${i}]${e}`; }
  return undefined;
};
const numOrNull: Check = (x) => (x === null ? undefined : num(x));
const record = (c: Check): Check => (x) => {
  if (!isObj(x)) return ": expected an object";
  for (const k in x) { const e = c(x[k]); if (e) return `.${k}${e}`; }
  return undefined;
};
const shape = (fields: Record<string, Check>): Check => {
  const entries = Object.entries(fields);
  return (x) => {
    if (!isObj(x)) return ": expected an object";
    for (const [k, c] of entries) { const e = c(x[k]); if (e) return `.${k}${e}`; }
    return undefined;
  };
};
const field = (x: Record<string, unknown>, k: string, c: Check): string | undefined => {
  const e = c(x[k]);
  return e ? `.${k}${e}` : undefined;
};

const signals = shape({ pending: arr(str), blocked: arr(str), handlers: record(str), running: opt(str), lost: arr(str) });
const variable = shape({ name: str, type: str, value: str });
const stackFrame = shape({ function: str, line: num, locals: arr(variable) });
const proc = shape({
  pid: num, ppid: num, pgid: num, name: str, kind: oneOf("program", "client", "init"),
  state: oneOf("ready", "running", "blocked", "stopped", "zombie"), blockedOn: opt(str), line: opt(num),
  fds: arr(numOrNull), cloexec: arr(num), signals,
  stdio: shape({ stdout: shape({ mode: oneOf("line", "full", "unbuffered"), buffered: str }) }),
  exitStatus: opt(num), threads: opt(arr(num)), shm: opt(arr(num)),
  frames: opt(arr(stackFrame)), globals: opt(arr(variable)),
});
const openFile = shape({ id: num, refcount: num, offset: num, flags: arr(str), object: num, end: opt(oneOf("read", "write")) });
const objectKinds: Record<string, Check> = {
  file: shape({ path: str, size: num, preview: str }),
  pipe: shape({ capacity: num, buffer: str, readers: num, writers: num }),
  socket: shape({
    state: oneOf("unbound", "bound", "listening", "connected", "closed"), local: opt(str), remote: opt(str),
    backlog: opt(num), pending: opt(arr(num)), recvQueue: opt(str), sendQueue: opt(str), peer: opt(num),
    peerClosed: opt(bool), shutRd: opt(bool), shutWr: opt(bool),
  }),
  tty: shape({ name: str, input: str }),
  shm: shape({ shmid: num, key: num, size: num, attached: num, removed: bool, preview: str }),
};
const kobject: Check = (x) => {
  if (!isObj(x)) return ": expected an object";
  const base = field(x, "id", num) ?? field(x, "refs", num);
  if (base) return base;
  const kind = objectKinds[String(x.kind)];
  return kind ? kind(x) : `.kind: unknown object kind ${JSON.stringify(x.kind)}`;
};
const arg: Check = (v) => (typeof v === "number" || typeof v === "string" ? undefined : ": expected a number or string");
const kevent: Check = (x) => {
  if (!isObj(x)) return ": expected an object";
  const e = field(x, "kind", oneOf("syscall", "fork", "exit", "reap", "signal", "block", "wake", "adopt", "note")) ?? field(x, "pid", num);
  if (e) return e;
  if (x.kind === "syscall") return field(x, "call", str) ?? field(x, "args", arr(arg)) ?? field(x, "ret", num)
    ?? field(x, "buf", opt(str)) ?? field(x, "bufLen", opt(num));
  if (x.kind === "wake") return field(x, "on", opt(str)) ?? field(x, "by", opt(str));
  if (x.kind === "adopt") return field(x, "child", num) ?? field(x, "parent", opt(num));
  if (x.kind === "signal") return field(x, "byDefault", opt(bool));
  return undefined;
};
const outputChunk = shape({ pid: num, fd: num, text: str });
const snapshot = shape({
  version: num, step: num, clock: num, processes: arr(proc), files: arr(openFile), objects: arr(kobject),
  events: arr(kevent), output: arr(outputChunk), foregroundPgid: num,
});
/** A snapshot without its three tables (a delta step sends those row by row). */
const stepHead = shape({ version: num, step: num, clock: num, events: arr(kevent), output: arr(outputChunk), foregroundPgid: num });

/** Row checks, for callers that receive a snapshot's tables piecemeal (src/contract/wire.ts). */
export const rowProblem = { processes: proc, files: openFile, objects: kobject } as const;

/** Why x is not a list of output chunks. */
export function outputProblem(x: unknown, at = "output"): string | undefined {
  const e = arr(outputChunk)(x);
  return e ? at + e : undefined;
}

/** Why x's fields other than the tables are not a Snapshot's, or undefined. */
export function stepHeadProblem(x: unknown, at = "snapshot"): string | undefined {
  const e = stepHead(x);
  if (e) return at + e;
  const v = (x as Snapshot).version;
  return v === SNAPSHOT_VERSION ? undefined : `${at}.version: ${v} is not the supported version ${SNAPSHOT_VERSION}`;
}

/** Why x is not a Snapshot this code can draw, or undefined when it is one. */
export function snapshotProblem(x: unknown, at = "snapshot"): string | undefined {
  const e = snapshot(x);
  if (e) return at + e;
  const v = (x as Snapshot).version;
  return v === SNAPSHOT_VERSION ? undefined : `${at}.version: ${v} is not the supported version ${SNAPSHOT_VERSION}`;
}

export function isSnapshot(x: unknown): x is Snapshot {
  return snapshotProblem(x) === undefined;
}
