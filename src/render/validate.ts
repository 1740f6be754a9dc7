// Checks that a value has the Snapshot's shape before anything draws it: the webview gets
// it over postMessage and the CLI from a file, and neither should trust its input.
import { SNAPSHOT_VERSION, Snapshot } from "../kernel/snapshot";

type Check = (x: unknown, at: string) => string | undefined;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const num: Check = (x, at) => (typeof x === "number" && Number.isFinite(x) ? undefined : `${at}: expected a number`);
const str: Check = (x, at) => (typeof x === "string" ? undefined : `${at}: expected a string`);
const bool: Check = (x, at) => (typeof x === "boolean" ? undefined : `${at}: expected a boolean`);
const opt = (c: Check): Check => (x, at) => (x === undefined ? undefined : c(x, at));
const oneOf = (...vs: string[]): Check => (x, at) => (typeof x === "string" && vs.includes(x) ? undefined : `${at}: expected one of ${vs.join(", ")}`);
const arr = (c: Check): Check => (x, at) => {
  if (!Array.isArray(x)) return `${at}: expected an array`;
  for (let i = 0; i < x.length; i++) { const e = c(x[i], `${at}[${i}]`); if (e) return e; }
  return undefined;
};
const numOrNull: Check = (x, at) => (x === null ? undefined : num(x, at));
const record = (c: Check): Check => (x, at) => {
  if (!isObj(x)) return `${at}: expected an object`;
  for (const [k, v] of Object.entries(x)) { const e = c(v, `${at}.${k}`); if (e) return e; }
  return undefined;
};
const shape = (fields: Record<string, Check>): Check => (x, at) => {
  if (!isObj(x)) return `${at}: expected an object`;
  for (const [k, c] of Object.entries(fields)) { const e = c(x[k], `${at}.${k}`); if (e) return e; }
  return undefined;
};

const signals = shape({ pending: arr(str), blocked: arr(str), handlers: record(str), running: opt(str), lost: arr(str) });
const proc = shape({
  pid: num, ppid: num, pgid: num, name: str, kind: oneOf("program", "client", "init"),
  state: oneOf("ready", "running", "blocked", "stopped", "zombie"), blockedOn: opt(str), line: opt(num),
  fds: arr(numOrNull), cloexec: arr(num), signals,
  stdio: shape({ stdout: shape({ mode: oneOf("line", "full", "unbuffered"), buffered: str }) }),
  exitStatus: opt(num), threads: opt(arr(num)), shm: opt(arr(num)),
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
const kobject: Check = (x, at) => {
  if (!isObj(x)) return `${at}: expected an object`;
  const base = num(x.id, `${at}.id`) ?? num(x.refs, `${at}.refs`);
  if (base) return base;
  const kind = objectKinds[String(x.kind)];
  return kind ? kind(x, at) : `${at}.kind: unknown object kind ${JSON.stringify(x.kind)}`;
};
const kevent: Check = (x, at) => {
  if (!isObj(x)) return `${at}: expected an object`;
  const e = oneOf("syscall", "fork", "exit", "reap", "signal", "block", "wake", "adopt", "note")(x.kind, `${at}.kind`) ?? num(x.pid, `${at}.pid`);
  if (e) return e;
  if (x.kind === "syscall") return str(x.call, `${at}.call`) ?? arr((v, a) => (typeof v === "number" || typeof v === "string" ? undefined : `${a}: expected a number or string`))(x.args, `${at}.args`) ?? num(x.ret, `${at}.ret`);
  return undefined;
};
const snapshot = shape({
  version: num, step: num, clock: num, processes: arr(proc), files: arr(openFile), objects: arr(kobject),
  events: arr(kevent), output: arr(shape({ pid: num, fd: num, text: str })), foregroundPgid: num,
});

/** Why x is not a Snapshot this code can draw, or undefined when it is one. */
export function snapshotProblem(x: unknown, at = "snapshot"): string | undefined {
  const e = snapshot(x, at);
  if (e) return e;
  const v = (x as Snapshot).version;
  return v === SNAPSHOT_VERSION ? undefined : `${at}.version: ${v} is not the supported version ${SNAPSHOT_VERSION}`;
}

export function isSnapshot(x: unknown): x is Snapshot {
  return snapshotProblem(x) === undefined;
}
