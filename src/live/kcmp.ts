// Which descriptors share one open file description? The kernel knows exactly: kcmp(2)
// with KCMP_FILE. We ask it through kcmp.c, compiled with cc on first use into a cache
// directory and kept running as a co-process (one request line per refresh). Where
// kcmp is missing (no compiler, kernel without CONFIG_KCMP, not Linux) we fall back to
// identity by (object, offset, flags), and say so.
import { Coprocess, HelperOptions, startHelper } from "./helper";
import { Descriptor } from "./procfs";

/** Groups descriptors (all referring to one object) into open file descriptions. */
export interface FileSharing {
  method: "kcmp" | "identity";
  /** Why the exact method is not in use; empty for kcmp. */
  reason: string;
  /** For each group, a class number per descriptor; -1 = descriptor vanished. hints (the
   *  open file each descriptor was in last time, -1 when new) only make it cheaper. */
  classify(groups: Descriptor[][], hints?: number[][]): Promise<number[][]>;
  close(): void;
  /** The helper process, when there is one (for measuring its CPU time). */
  pid?: number;
}

const O_CLOEXEC = 0o2000000;

/** The fallback: same object, same offset and same status flags count as one open file. */
export function identitySharing(reason: string): FileSharing {
  return {
    method: "identity",
    reason,
    classify: async (groups) => groups.map(identityClasses),
    close: () => undefined,
  };
}

export function identityClasses(group: Descriptor[]): number[] {
  const keys = new Map<string, number>();
  return group.map((d) => {
    const key = `${d.info.pos}/${d.info.flags & ~O_CLOEXEC}`;
    if (!keys.has(key)) keys.set(key, keys.size);
    return keys.get(key)!;
  });
}

/** kcmp through the helper: exact. */
class KcmpSharing implements FileSharing {
  readonly method = "kcmp";
  readonly reason = "";

  constructor(private helper: Coprocess) {}

  get pid(): number | undefined {
    return this.helper.pid;
  }

  async classify(groups: Descriptor[][], hints?: number[][]): Promise<number[][]> {
    const asked = groups.map((g, i) => ({ g, h: hints?.[i] })).filter(({ g }) => g.length > 1);
    // Waiters are queued in the same order as the lines, so answers pair up in FIFO order.
    const pending = asked.map(() => this.helper.nextLine());
    this.helper.write(asked.map(({ g, h }) => `${g.length} ${g.map((d, i) => `${d.pid} ${d.fd} ${h?.[i] ?? -1}`).join(" ")}\n`).join(""));
    const answers = await Promise.all(pending);
    let k = 0;
    return groups.map((g) => (g.length <= 1 ? g.map(() => 0) : answers[k++].split(" ").map(Number)));
  }

  close(): void {
    this.helper.close();
  }
}

/** Starts the exact method, or explains why it falls back to identity. Never throws. */
export async function openFileSharing(opts: HelperOptions = {}): Promise<FileSharing> {
  const helper = await startHelper("kcmp", opts);
  if (typeof helper === "string") return identitySharing(`kcmp(2) is not available: ${helper}`);
  return new KcmpSharing(helper);
}
