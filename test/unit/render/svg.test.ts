// The pure renderer under node (no DOM): SVG text, Markdown tables, change detection,
// process-tree order and the pid palette, as the CLI and the exports use them.
import assert from "node:assert/strict";
import { describeChanges, diffSnapshots, pidColor, pidHue, renderMarkdown, renderSvg, textView } from "../../../src/render";
import { Kernel, SIG, SIG_BLOCK } from "../../../src/kernel/kernel";
import { bigSnapshot, closeListenfd } from "../../../src/bench/render-fixture";
import type { Snapshot } from "../../../src/contract/snapshot";
import { FigureCache, buildFigure } from "../../../src/render/figure";
import { figureSvg } from "../../../src/render/svg";
import { topLevelElements } from "../../../src/render/parts";
import { processTreeOrder } from "../../../src/render/tree";
import { cbytes, waitStatusText } from "../../../src/render/text";
import { fixture } from "./page";
import { fork } from "../kernel/helpers";

/** Every start tag is closed in order: the SVG is well-formed enough for any XML reader. */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]);
    else assert.equal(stack.pop(), m[2], `unbalanced </${m[2]}>`);
  }
  assert.deepEqual(stack, []);
}

describe("render: Snapshot -> SVG text", () => {
  it("produces one standalone, balanced SVG document with the theme baked in", () => {
    const svg = renderSvg(fixture("echo-two-clients"), fixture("echo-two-clients.prev"), { scheme: "dark" });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /style="[^"]*--vscode-editor-background:#1f1f1f;[^"]*--fl-pl:66%/);
    assert.ok(!/<script|href="http/.test(svg), "no scripts, no remote references");
    assertBalanced(svg);
  });

  it("captions a step without system calls with the process and the line it ran", () => {
    const before = fixture("echo-two-clients");
    const pid = before.processes.find((p) => p.kind === "program" && p.line !== undefined)?.pid as number;
    const at = (s: Snapshot) => s.processes.find((p) => p.pid === pid)?.line as number;
    const after: Snapshot = { ...before, step: before.step + 1, events: [],
      processes: before.processes.map((p) => (p.pid === pid ? { ...p, line: at(before) + 1 } : p)) };
    assert.equal(buildFigure(after, before).caption, `Step ${after.step}: pid ${pid} ran line ${at(before)}`);
    // Nothing moved: the step number alone; a step with events says those.
    assert.equal(buildFigure({ ...before, step: before.step + 1, events: [] }, before).caption, `Step ${before.step + 1}`);
    assert.doesNotMatch(buildFigure(before, fixture("echo-two-clients.prev")).caption, /ran line/);
  });

  it("names the process the learner stepped, not the one that only went from running to ready", () => {
    // After fork: the parent (lower pid, first in the table) was running; the learner steps
    // the child, which runs a line; the parent becomes ready without running anything.
    const base = fixture("echo-two-clients");
    const [parent, child] = base.processes.filter((p) => p.kind === "program" && p.line !== undefined);
    assert.ok(parent && child && parent.pid < child.pid, "the fixture has two program processes with lines");
    const set = (s: Snapshot, pid: number, f: (p: Snapshot["processes"][number]) => Snapshot["processes"][number]): Snapshot =>
      ({ ...s, processes: s.processes.map((p) => (p.pid === pid ? f(p) : p)) });
    const before = set(set(base, parent.pid, (p) => ({ ...p, state: "running", blockedOn: undefined })), child.pid,
      (p) => ({ ...p, state: "ready", blockedOn: undefined }));
    const after: Snapshot = { ...set(set(before, parent.pid, (p) => ({ ...p, state: "ready" })), child.pid,
      (p) => ({ ...p, state: "running", line: (child.line as number) + 1 })), step: before.step + 1, events: [] };
    assert.equal(buildFigure(after, before).caption, `Step ${after.step}: pid ${child.pid} ran line ${child.line}`);
  });

  it("labels open files #N and v-nodes vN, so open file 4 and v-node 4 never read alike", () => {
    const snap = fixture("echo-two-clients");
    assert.ok(snap.files.some((f) => f.id === 4) && snap.objects.some((o) => o.id === 4), "the fixture has both a #4 and a v4");
    const svg = renderSvg(snap);
    // A text's own characters (a file row's cells are a text each).
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.ok(texts.includes("v4"), "the v-node's title bar says v4");
    assert.ok(texts.includes("#4"), "the open file's row says #4");
  });

  it("escapes bytes from the program (a client can send '<' and '&')", () => {
    const s = fixture("echo-two-clients");
    const sock = s.objects.find((o) => o.id === 3);
    assert.ok(sock && sock.kind === "socket");
    sock.recvQueue = "<script>&\"'";
    const svg = renderSvg(s);
    assert.ok(svg.includes("&quot;&lt;script&gt;&amp;\\&quot;&#39;&quot;"));
    assertBalanced(svg);
  });

  it("draws one descriptor row per slot up to the highest used fd, and one arrow per used slot", () => {
    const s = fixture("pipe");
    const svg = renderSvg(s);
    const used = s.processes.reduce((n, p) => n + p.fds.filter((f) => f !== null).length, 0);
    // A process's arrows are one unit: its head path has a head per arrow.
    const heads = [...svg.matchAll(/<path class="fl-head-p [^"]*" d="([^"]*)"/g)].map((m) => (m[1].match(/z/g) ?? []).length);
    assert.equal(heads.reduce((a, b) => a + b, 0), used);
    assert.equal((svg.match(/data-key="a:/g) ?? []).length, s.processes.filter((p) => p.fds.some((f) => f !== null)).length);
    // pid 301 has fds 0..5 with 3 free: six rows, the free one drawn with a dash.
    assert.equal((svg.match(/data-fd="301:/g) ?? []).length, 6);
  });

  it("marks a closed slot and a refcount change, and nothing when there is no previous step", () => {
    const cur = fixture("echo-two-clients");
    const svg = renderSvg(cur, fixture("echo-two-clients.prev"));
    assert.match(svg, /data-fd="100:4" data-change="closed"/);
    assert.match(svg, /data-file="4" data-change="changed"/);
    assert.ok(svg.includes("2\u21921"));
    assert.ok(!renderSvg(cur).includes("data-change"));
  });

  it("keeps a changed refcount or offset readable: the new value alone when both do not fit its cell", () => {
    const prev = fixture("echo-two-clients");
    const file = prev.files[0];
    const cur: Snapshot = { ...prev, step: prev.step + 1, files: prev.files.map((f) => (f === file ? { ...f, refcount: 198, offset: 8192 } : f)) };
    const before: Snapshot = { ...prev, files: prev.files.map((f) => (f === file ? { ...f, refcount: 199, offset: 4096 } : f)) };
    const cells = (svg: string) => [...svg.matchAll(new RegExp(`data-file="${file.id}"[^]*?</g>`, "g"))][0][0];
    const row = cells(renderSvg(cur, before));
    // The new value alone, no dangling arrow: a tester read "→7503" in a fork bomb as a cut
    // value. The cell's change mark says it changed; the change list says from what.
    assert.ok(row.includes(">198<"), "the refcount cell shows the new value");
    assert.ok(row.includes(">8192<"), "the offset cell shows the new value");
    assert.ok(!/>\u2192/.test(row), "no cell starts with an arrow");
    assert.ok(row.includes("fl-chg"), "the changed cells are marked");
    assert.ok(!row.includes("\u2026"), "nothing is cut short");
    const small = cells(renderSvg({ ...cur, files: cur.files.map((f) => (f.id === file.id ? { ...f, refcount: 1, offset: 12 } : f)) },
      { ...before, files: before.files.map((f) => (f.id === file.id ? { ...f, refcount: 2, offset: 6 } : f)) }));
    assert.ok(small.includes(">2\u21921<") && small.includes(">6\u219212<"), "a change that fits shows both values");
  });
});

describe("render: what changed", () => {
  it("finds the closed descriptor and the dropped refcount after the parent's close(connfd)", () => {
    const c = diffSnapshots(fixture("echo-two-clients.prev"), fixture("echo-two-clients"));
    assert.deepEqual([...c.closedFds], [["100:4", 4]]);
    assert.deepEqual([...c.refcountWas], [[4, 2]]);
    assert.equal(c.newFds.size + c.freedFiles.length + c.newZombies.size, 0);
  });

  it("finds a new zombie and a lost signal, without listing the zombie's descriptors as closed", () => {
    const cur = fixture("zombies-lost-sigchld");
    const c = diffSnapshots(fixture("zombies-lost-sigchld.prev"), cur);
    assert.deepEqual([...c.newZombies], [405]);
    assert.deepEqual([...c.newlyLost], [400]);
    assert.equal(c.closedFds.size, 0);
    assert.deepEqual(describeChanges(c, cur), [
      "open file #1 refcount 6 \u2192 3", "new zombie: 405", "pid 400 lost a signal (it was already pending)",
    ]);
  });
});

describe("render: text", () => {
  it("gives the tables as Markdown, in process-tree order", () => {
    const md = renderMarkdown(fixture("echo-two-clients"), fixture("echo-two-clients.prev"));
    assert.match(md, /^## Fork Lab, step 14\n/);
    assert.match(md, /- pid 100: close\(4\) = 0\n- changed: closed: pid 100 fd 4\n/);
    // Open file #4 refers to v-node v4: the two tables never share a label.
    assert.match(md, /\| #4 \| 1 \| 0 \| O_RDWR \| v4 \|/);
    assert.match(md, /\| v4 \| socket \|/);
    assert.match(md, /\| 102 \| 4 \| #4 \| socket \u2194 127\.0\.0\.1:40002 \|/);
    const procRows = md.split("### Descriptor tables")[0].split("\n").filter((l) => /^\| \d/.test(l)).map((l) => l.split(" | ")[0]);
    assert.deepEqual(procRows, ["| 1", "| 100", "| 101", "| 102", "| 200", "| 201"]);
  });

  it("shows a write's bytes as strace quotes them, markup and all, in the Markdown and the SVG", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "prog" });
    k.write(pid, 1, new TextEncoder().encode('<b>"hi"</b>*\n'));
    const snap = k.snapshot(1);
    // Rendered, the note reads write(1, "<b>\"hi\"</b>*\n", 13): each backslash and markup character escaped once.
    assert.match(renderMarkdown(snap), /^- pid \d+: write\(1, "\\<b>\\\\"hi\\\\"\\<\/b>\\\*\\\\n", 13\) = 13$/m);
    const title = /<title id="fl-title">([^<]*)<\/title>/.exec(renderSvg(snap))?.[1] ?? "";
    const xml: Record<string, string> = { "&quot;": '"', "&lt;": "<", "&gt;": ">", "&amp;": "&" };
    assert.match(title.replace(/&\w+;/g, (e) => xml[e] ?? e), /^Step 1: pid \d+: write\(1, "<b>\\"hi\\"<\/b>\*\\n", 13\) = 13$/);
  });

  it("says a stopped process's pending signal is held until SIGCONT, and a running one's is not", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "prog" });
    const child = fork(k, pid);
    k.pause(child);
    k.kill(pid, child, SIG.SIGSTOP);
    k.kill(pid, child, SIG.SIGINT);
    const plain = (svg: string) => svg.replace(/<[^>]*>/g, "");
    const stopped = k.snapshot(1);
    assert.match(plain(renderSvg(stopped)), /pending SIGINTheld until SIGCONT continues it/);
    const row = textView(stopped).tables[0].rows.find((r) => r[0] === String(child));
    assert.match(row?.join(" | ") ?? "", /pending SIGINT \(held until SIGCONT continues it\)/);
    k.kill(pid, child, SIG.SIGCONT); // SIGINT then ends the child
    k.sigprocmask(pid, SIG_BLOCK, 1 << (SIG.SIGUSR1 - 1));
    k.kill(pid, pid, SIG.SIGUSR1);
    const running = plain(renderSvg(k.snapshot(2)));
    assert.match(running, /pending SIGUSR1/);
    assert.doesNotMatch(running, /held until/);
  });

  it("a freed pipe's ghost has no reader or writer left (its last end closed is why it went)", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "prog" });
    const [r, w] = (k.pipe(pid) as { fds: number[] }).fds;
    const before = k.snapshot(1);
    k.close(pid, r);
    k.close(pid, w);
    const after = k.snapshot(2);
    const plain = (svg: string) => svg.replace(/<[^>]*>/g, "");
    const ghost = /<g class="fl-obj fl-ghost"[^>]*data-kind="pipe".*?freed: the last reference was closed/s.exec(renderSvg(after, before))?.[0] ?? "";
    assert.match(plain(ghost), /readers 0 · writers 0/);
    assert.doesNotMatch(plain(ghost), /read gives EOF/);
    assert.match(plain(renderSvg(before)), /readers 1 · writers 1/, "a live pipe shows its ends");
  });

  it("writes bytes as C literals and decodes wait statuses like the W* macros", () => {
    assert.equal(cbytes("a\nb\0\x7f"), '"a\\nb\\0\\x7f"');
    assert.equal(cbytes("abcdefgh", 6), '"abcdef"\u2026');
    assert.equal(waitStatusText(3 << 8), "exited 3");
    assert.equal(waitStatusText(9), "killed by signal 9");
    assert.equal(waitStatusText(0x8b), "killed by signal 11 (core)");
    assert.equal(waitStatusText((19 << 8) | 0x7f), "stopped by signal 19");
  });

  it("orders processes as a tree even when a child has a lower pid than its parent's sibling", () => {
    const s = fixture("echo-two-clients");
    s.processes.push({ ...s.processes[2], pid: 150, ppid: 101, name: "grandchild" });
    assert.deepEqual(processTreeOrder(s).map((e) => [e.proc.pid, e.depth]),
      [[1, 0], [100, 1], [101, 2], [150, 3], [102, 2], [200, 0], [201, 0]]);
  });
});

describe("render: pid palette", () => {
  it("is stable and gives neighbouring pids clearly different hues", () => {
    assert.equal(pidColor(100), pidColor(100));
    assert.equal(pidColor(100, "dark"), `hsl(${pidHue(100)} 62% 66%)`);
    for (let pid = 2; pid < 400; pid++) {
      const d = Math.abs(pidHue(pid) - pidHue(pid + 1));
      assert.ok(Math.min(d, 360 - d) > 100, `pids ${pid} and ${pid + 1} look alike`);
    }
  });
});

describe("render: drawings in keyed parts", () => {
  it("counts the elements at the top level of a part's markup", () => {
    assert.equal(topLevelElements(""), 0);
    assert.equal(topLevelElements(`<rect x="1"/><text class="a">x &lt; y<tspan>b</tspan></text><g><rect/><g></g></g>`), 3);
    assert.equal(topLevelElements(`<title>a &amp; b &gt; c</title>`), 1);
  });

  it("draws every unit with parts as exactly its parts, each whole elements with a key of its own", () => {
    for (const [snap, prev] of [[fixture("echo-two-clients"), fixture("echo-two-clients.prev")], [fixture("pipe"), fixture("pipe.prev")], [fixture("shm"), fixture("shm.prev")]]) {
      const fig = buildFigure(snap, prev);
      const parted = fig.units.filter((u) => u.parted);
      // Process blocks, open file rows and v-node boxes all come in parts.
      for (const prefix of ["p:", "f:", "o:"]) assert.ok(parted.some((u) => u.key.startsWith(prefix)), prefix);
      for (const u of parted) {
        const p = u.parted!;
        assert.equal(u.body, p.open + p.parts.map(([, m]) => m).join("") + "</g>", u.key);
        assert.equal(new Set(p.parts.map(([k]) => k)).size, p.parts.length, `${u.key}: keys unique`);
        for (const [k, m] of p.parts) {
          assert.ok(topLevelElements(m) >= 1, `${u.key} ${k}`);
          assertBalanced(m);
        }
      }
    }
  });
});

describe("render: a figure drawn from kept pieces", () => {
  it("is the figure drawn from nothing, step after step, in both layouts", () => {
    // Steps of the big server: closes, a new descriptor (every row below moves), a zombie,
    // a new process, a process reaped, and back; the kept blocks, rows, boxes and arrows
    // must come out exactly as fresh ones.
    const big = bigSnapshot();
    const steps: Snapshot[] = [big];
    const next = (f: (s: Snapshot) => Snapshot) => steps.push({ ...f(steps[steps.length - 1]), step: steps.length });
    next((s) => closeListenfd(s, 0));
    next((s) => closeListenfd(s, 1));
    next((s) => ({ ...s, processes: s.processes.map((p) => (p.pid === 100 ? { ...p, fds: [...p.fds, 3] } : p)),
      files: s.files.map((f) => (f.id === 3 ? { ...f, refcount: f.refcount + 1 } : f)) }));
    next((s) => ({ ...s, processes: s.processes.map((p) => (p.pid === 103 ? { ...p, state: "zombie" as const, fds: [], exitStatus: 0 } : p)),
      files: s.files.filter((f) => f.id !== 12), objects: s.objects.filter((o) => o.id !== 12) }));
    next((s) => ({ ...s, processes: [...s.processes, { ...s.processes[5], pid: 400, ppid: 100 }] }));
    next((s) => ({ ...s, processes: s.processes.filter((p) => p.pid !== 103) }));
    next((s) => closeListenfd(s, 40));
    for (const layout of ["wide", "narrow"] as const) {
      const cache = new FigureCache();
      steps.forEach((s, i) => {
        const prev = steps[i - 1];
        assert.equal(figureSvg(buildFigure(s, prev, cache, undefined, layout)), figureSvg(buildFigure(s, prev, undefined, undefined, layout)), `${layout} step ${i}`);
      });
      // Back a few steps with the same cache (the changes now run the other way).
      for (let i = steps.length - 1; i > steps.length - 4; i--) {
        assert.equal(figureSvg(buildFigure(steps[i - 1], steps[i], cache, undefined, layout)), figureSvg(buildFigure(steps[i - 1], steps[i], undefined, undefined, layout)), `${layout} back ${i}`);
      }
    }
  });
});
