// Snapshots on the wire between the host and the view, as deltas. The kernel shares every
// process, open file and object that a step did not change with the snapshot before it,
// but postMessage copies what it sends, so that sharing would be lost and a history sent
// whole would cost each snapshot in full. A step is sent with each unchanged row replaced
// by its index in the previous step's table; the view puts the very same row objects back
// (so the renderer can tell unchanged rows by identity) and validates only the new rows.
import type { KObject, OpenFile, Proc, Snapshot } from "./snapshot";
import { rowProblem, stepHeadProblem } from "./validate";

/** A row, or the index of the identical row in the previous step's table. */
export type Row<T> = T | number;

/** A Snapshot whose tables may refer to the previous step's rows. A Snapshot is one. */
export type WireStep = Omit<Snapshot, "processes" | "files" | "objects"> & {
  processes: Array<Row<Proc>>;
  files: Array<Row<OpenFile>>;
  objects: Array<Row<KObject>>;
};

type Table = "processes" | "files" | "objects";
const TABLES: Table[] = ["processes", "files", "objects"];

function encodeRows<T extends object>(cur: T[], prev: T[] | undefined): Array<Row<T>> {
  if (!prev) return cur;
  let where: Map<T, number> | undefined;
  return cur.map((row, i) => {
    // Rows mostly keep their place; look further only when they moved.
    if (prev[i] === row) return i;
    where ??= new Map(prev.map((r, j) => [r, j]));
    return where.get(row) ?? row;
  });
}

/** cur as a delta against prev (the step before it, as the view holds it). */
export function encodeStep(cur: Snapshot, prev?: Snapshot): WireStep {
  return { ...cur, processes: encodeRows(cur.processes, prev?.processes), files: encodeRows(cur.files, prev?.files),
    objects: encodeRows(cur.objects, prev?.objects) };
}

/** The snapshot a wire step stands for, given the previous step; or why it is malformed.
 *  Only rows sent in full are checked: the others were checked when they first came. */
export function decodeStep(w: unknown, prev: Snapshot | undefined, at = "step"): Snapshot | string {
  const head = stepHeadProblem(w, at);
  if (head) return head;
  const x = w as Record<Table, unknown>;
  const out = { ...(w as Snapshot) };
  for (const t of TABLES) {
    const rows = x[t];
    if (!Array.isArray(rows)) return `${at}.${t}: expected an array`;
    const before: readonly unknown[] | undefined = prev?.[t];
    const check = rowProblem[t];
    const decoded: unknown[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r: unknown = rows[i];
      if (typeof r === "number") {
        if (!before || !Number.isInteger(r) || r < 0 || r >= before.length) return `${at}.${t}[${i}]: refers to row ${r} of a previous step that has none`;
        decoded[i] = before[r];
      } else {
        const e = check(r);
        if (e) return `${at}.${t}[${i}]${e}`;
        decoded[i] = r;
      }
    }
    (out as Record<Table, unknown>)[t] = decoded;
  }
  return out;
}
