// A live Snapshot as plain text for a terminal: the process tree with each descriptor
// table, then the open file table and the objects, in the kernel's vocabulary.
import { KObject } from "../contract/snapshot";
import { LiveSnapshot } from "./livesnapshot";

function describeObject(o: KObject): string {
  switch (o.kind) {
    case "socket": {
      const ends = [o.local, o.remote].filter(Boolean).join(" <-> ");
      const extra = o.pending?.length ? `, ${o.pending.length} waiting to be accepted` : "";
      return `socket ${o.state}${ends ? ` ${ends}` : ""}${o.peerClosed ? ", peer closed" : ""}${extra}`;
    }
    case "pipe": return `pipe (${o.readers} read end, ${o.writers} write end)`;
    case "tty": return `terminal ${o.name}`;
    case "file": return `file ${o.path}`;
    case "shm": return `shm ${o.shmid}`;
  }
}

export function formatLive(s: LiveSnapshot): string {
  const lines: string[] = [];
  for (const p of s.processes) {
    const why = p.blockedOn ? ` in ${p.blockedOn}` : "";
    const status = p.state === "zombie" ? ` (exit status ${p.exitStatus ?? "?"}, not yet reaped)` : "";
    lines.push(`pid ${p.pid} ppid ${p.ppid} pgid ${p.pgid} ${p.name}: ${p.state}${why}${status}`);
    const fds = p.fds.map((f, fd) => (f === null ? "" : `${fd}->f${f}`)).filter(Boolean);
    if (fds.length) lines.push(`  fds ${fds.join(" ")}`);
  }
  lines.push("open files:");
  for (const f of s.files) {
    const o = s.objects.find((x) => x.id === f.object);
    lines.push(`  f${f.id} refcount ${f.refcount} offset ${f.offset} ${f.flags.join("|")} -> ${o ? describeObject(o) : "?"}`);
  }
  const how = s.live.sharing === "kcmp" ? "exact (kcmp)" : `guessed: ${s.live.sharingNote}`;
  lines.push(`shared open files: ${how}; refresh ${s.live.refreshMs.toFixed(1)} ms`);
  return lines.join("\n");
}
