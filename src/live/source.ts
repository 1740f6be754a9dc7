// A live snapshot source: reads a real server's process tree from /proc on demand or a
// few times a second, and hands out Snapshots. Knows nothing of VS Code: the extension's
// panel, the CLI and the tests all use it the same way.
import { performance } from "node:perf_hooks";
import { findServer } from "./discover";
import { FileSharing, identitySharing, openFileSharing } from "./kcmp";
import { buildLiveSnapshot, LiveIds, LiveSnapshot, memberKey, objectKey } from "./livesnapshot";
import { NetSocketCache } from "./netsockets";
import { platformSupport } from "./platform";
import { Descriptor, PROC, readStat } from "./procfs";
import { nodeReader, openTreeReader, TreeReader } from "./procdump";

export interface LiveOptions {
  /** Watch this process and its descendants. */
  rootPid?: number;
  /** Or find the server listening here (followed across restarts). Default 127.0.0.1. */
  port?: number;
  address?: string;
  /** Where the kcmp helper is built; default ~/.cache/forklab. */
  cacheDir?: string;
  compiler?: string;
  /** Use the (object, offset, flags) fallback even where kcmp works (for comparison). */
  noKcmp?: boolean;
  /** Read /proc from Node even where the procdump helper builds (for comparison). */
  noProcdump?: boolean;
  proc?: string;
  /** Socket states are re-read at least this often (ms); new sockets are read at once. */
  netMaxAgeMs?: number;
}

export class NoServer extends Error {}

export class LiveSource {
  private ids = new LiveIds();
  private step = 0;
  private previous?: LiveSnapshot;
  private readonly started = performance.now();
  private root?: number;
  readonly net: NetSocketCache;

  private constructor(private opts: LiveOptions, readonly sharing: FileSharing, readonly reader: TreeReader) {
    this.root = opts.rootPid;
    this.net = new NetSocketCache(opts.netMaxAgeMs ?? 1000, opts.proc ?? PROC);
  }

  static async open(opts: LiveOptions): Promise<LiveSource> {
    const support = platformSupport();
    if (!support.live) throw new Error(support.why);
    if (opts.rootPid === undefined && opts.port === undefined) throw new Error("LiveSource needs a pid or a port");
    const helpers = { cacheDir: opts.cacheDir, compiler: opts.compiler, proc: opts.proc };
    const [sharing, reader] = await Promise.all([
      opts.noKcmp ? identitySharing("kcmp turned off by request") : openFileSharing(helpers),
      opts.noProcdump ? nodeReader(opts.proc) : openTreeReader(helpers),
    ]);
    return new LiveSource(opts, sharing, reader);
  }

  private proc(): string {
    return this.opts.proc ?? PROC;
  }

  /** The root pid now: the given one, or the port's server (found again after a restart). */
  private findRoot(): number {
    if (this.opts.rootPid !== undefined) return this.opts.rootPid;
    if (this.root !== undefined && readStat(this.root, this.proc())) return this.root;
    const where = `${this.opts.address ?? "127.0.0.1"}:${this.opts.port}`;
    this.root = findServer(this.opts.port!, this.opts.address ?? "127.0.0.1", this.proc());
    if (this.root === undefined) throw new NoServer(`no server is listening on ${where}`);
    return this.root;
  }

  /** Reads the tree once and returns its Snapshot. */
  async refresh(): Promise<LiveSnapshot> {
    const t0 = performance.now();
    const root = this.findRoot();
    const procs = await this.reader.read(root);
    if (!procs.some((p) => p.stat.pid === root)) throw new NoServer(`process ${root} has exited`);
    const inodes = procs.flatMap((p) => p.fds.flatMap((d) => (d.target.kind === "socket" ? [d.target.inode] : [])));
    const sockets = inodes.length ? this.net.lookup(root, inodes, performance.now()) : [];
    const byKey = new Map<string, Descriptor[]>();
    for (const p of procs) {
      for (const d of p.fds) {
        const k = objectKey(d);
        const g = byKey.get(k);
        if (g) g.push(d); else byKey.set(k, [d]);
      }
    }
    const groups = [...byKey.values()];
    const hints = groups.map((g) => g.map((d) => this.ids.previousFile(memberKey(d)) ?? -1));
    const classes = await this.sharing.classify(groups, hints);
    const snap = buildLiveSnapshot({
      rootPid: root, procs, sockets, groups, classes,
      sharing: this.sharing.method, sharingNote: this.sharing.reason, reader: this.reader.method,
      readMs: performance.now() - t0,
    }, this.ids, this.step++, Math.round(performance.now() - this.started), this.previous);
    this.previous = snap;
    return snap;
  }

  /**
   * Refreshes every intervalMs until disposed, but never spends more than a tenth of the
   * time refreshing: a big tree on a busy machine is refreshed less often, not slower.
   */
  watch(intervalMs: number, onSnapshot: (s: LiveSnapshot) => void, onError: (e: Error) => void): { dispose(): void } {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async (): Promise<void> => {
      const t0 = performance.now();
      let wait = intervalMs;
      try {
        onSnapshot(await this.refresh());
      } catch (e) {
        // Looking for a server that is not there scans /proc: do it once a second at most.
        if (e instanceof NoServer) wait = Math.max(wait, 1000);
        onError(e as Error);
      }
      wait = Math.max(wait, 10 * (performance.now() - t0));
      if (!stopped) timer = setTimeout(() => void tick(), wait);
    };
    void tick();
    return { dispose: () => { stopped = true; clearTimeout(timer); } };
  }

  close(): void {
    this.sharing.close();
    this.reader.close();
  }
}
