// The descriptor-table view in Chromium, at DOM level: each object kind is drawn with the
// facts a learner needs, arrows connect descriptor -> open file -> object, the changes of
// the last step are highlighted, an incremental update draws exactly what a fresh
// render draws, and the controls post validated actions.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver, posted } from "../../../src/bench/view-page";
import { bigSnapshot, closeListenfd } from "../../../src/bench/render-fixture";
import type { Snapshot } from "../../../src/contract/snapshot";
import { historyMessage } from "../../../src/contract/sync";
import { ViewHarness, fixture, settle, showMessage, textOf } from "./page";

const clone = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s)) as Snapshot;

describe("descriptor-table view in Chromium", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  describe("object kinds", () => {
    let echo: Page;
    let pipe: Page;
    let shm: Page;
    before(async () => {
      echo = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")]);
      pipe = await hx.show([fixture("pipe.prev"), fixture("pipe")]);
      shm = await hx.show([fixture("shm.prev"), fixture("shm")]);
    });

    it("draws one descriptor table per process in process-tree order, clients last", async () => {
      const pids = await echo.locator("[data-key^='p:'] .fl-proc").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-pid"))));
      // init, the server, its two children by pid, then the two outside clients.
      assert.deepEqual(pids, [1, 100, 101, 102, 200, 201]);
    });

    it("draws an arrow from every used descriptor to its open file, and from each open file to its object", async () => {
      const snap = fixture("echo-two-clients");
      const used = snap.processes.reduce((n, p) => n + p.fds.filter((f) => f !== null).length, 0);
      // A process's arrows are one unit, a head each in its head path.
      const heads = await echo.locator("[data-key^='a:'] path.fl-head-p").evaluateAll((els) => els.map((e) => (e.getAttribute("d") ?? "").split("z").length - 1));
      assert.equal(heads.reduce((a, b) => a + b, 0), used);
      assert.equal(await echo.locator("[data-key^='b:']").count(), snap.files.length);
      // The child's arrows (its connfd points at open file #3, the one at 40001) end at the
      // open files' left edge.
      const box = await echo.locator("[data-key='f:3']").boundingBox();
      const arrow = await echo.locator("[data-key='a:101'] path.fl-link").boundingBox();
      assert.ok(box && arrow);
      assert.ok(Math.abs(arrow.x + arrow.width - box.x) < 10, "the arrows end at the open file's left edge");
    });

    it("shows refcount, offset and access mode in the open file table", async () => {
      // The terminal's open file is shared by fds 0-2 of three server processes: refcount 9.
      assert.match(await textOf(echo, "[data-file='1']"), /#19\s*0O_RDWR/);
      assert.match(await textOf(pipe, "[data-file='2']"), /O_RDONLY read end/);
      assert.match(await textOf(pipe, "[data-file='3']"), /#32.*O_WRONLY/);
    });

    it("draws a regular file with its name, size and first bytes", async () => {
      const t = await textOf(pipe, "[data-kind='file']");
      assert.match(t, /notes\.txt/);
      assert.match(t, /size 42 bytes/);
      assert.match(t, /"line one\\nline two/);
    });

    it("draws a pipe with the bytes in its buffer against its capacity, readers and writers", async () => {
      const t = await textOf(pipe, "[data-kind='pipe']");
      assert.match(t, /"hello from child\\n"/);
      assert.match(t, /17 \/ 65536 bytes in buffer/);
      assert.match(t, /readers 1 · writers 2/);
      assert.equal(await pipe.locator("[data-kind='pipe'] .fl-barfill").count(), 1);
    });

    it("draws a listening socket with its address and backlog queue", async () => {
      const t = await textOf(echo, "[data-kind='socket'][data-state='listening']");
      assert.match(t, /listening 0\.0\.0\.0:15213/);
      assert.match(t, /backlog 1024 · 0 waiting for accept/);
    });

    it("draws a connected socket with both byte queues and its peer", async () => {
      const t = await textOf(echo, "[data-object='3']");
      assert.match(t, /127\.0\.0\.1:15213 ↔ 127\.0\.0\.1:40001/);
      assert.match(t, /receive queue\)"hello\\n"/);
      assert.match(t, /peer socket v5 \(client 200\)/);
      assert.match(await textOf(echo, "[data-object='5']"), /not yet read by the peer"hello\\n"/);
    });

    it("draws the terminal, saying so when nothing was written yet", async () => {
      assert.match(await textOf(echo, "[data-kind='tty']"), /terminal.*nothing written yet/);
    });

    it("draws a shm segment with its attach count and bytes, linked from each attached process", async () => {
      const t = await textOf(shm, "[data-kind='shm']");
      assert.match(t, /attached 2 \(pids 500 501\)/);
      assert.match(t, /2a 00 00 00/);
      assert.match(t, /removed \(IPC_RMID\)/);
      assert.equal(await shm.locator("[data-key^='s:']").count(), 2);
    });

    it("shows what a blocked process waits for and its current line", async () => {
      assert.match(await textOf(echo, "[data-pid='100'].fl-proc"), /line 37 · waits in accept\(3\)/);
      assert.match(await textOf(echo, "[data-pid='101'].fl-proc"), /waits in read\(4\)/);
    });
  });

  describe("signals, zombies and stdio", () => {
    let page: Page;
    before(async () => { page = await hx.show([fixture("zombies-lost-sigchld.prev"), fixture("zombies-lost-sigchld")]); });

    it("makes zombies unmistakable: ZOMBIE chip, red dashed hatched box, exit status and who must reap", async () => {
      const z = page.locator(".fl-proc[data-pid='403']");
      assert.equal(await z.getAttribute("data-state"), "zombie");
      assert.match((await z.textContent()) ?? "", /ZOMBIE.*exited 0; not yet reaped by 400/);
      assert.equal(await z.locator("rect.fl-zombie").count(), 1);
      assert.equal(await z.locator("rect.fl-hatch").count(), 1);
      assert.match(await textOf(page, ".fl-proc[data-pid='405']"), /killed by signal 9/);
    });

    it("shows pending, blocked, handlers, the running handler and a lost-signal mark", async () => {
      const t = await textOf(page, ".fl-proc[data-pid='400']");
      assert.match(t, /pending SIGCHLD/);
      assert.match(t, /blocked SIGCHLD/);
      assert.match(t, /handlers SIGCHLD→handler1/);
      assert.match(t, /in handler SIGCHLD/);
      assert.match(t, /⚠ lost SIGCHLD×2 \(just now\)/);
    });

    it("shows a process's unflushed stdout buffer", async () => {
      assert.match(await textOf(page, ".fl-proc[data-pid='400']"), /stdout buffer \(full\) "Handler reaped/);
    });

    it("highlights a new zombie and lists it among the changes", async () => {
      assert.equal(await page.locator(".fl-proc[data-pid='405'] rect.fl-chg").count(), 1);
      assert.equal(await page.locator(".fl-proc[data-pid='404'] rect.fl-chg").count(), 0, "404 was a zombie already");
      assert.match(await textOf(page, ".fl-changes"), /new zombie: 405/);
    });
  });

  describe("change highlights", () => {
    it("marks a closed descriptor and the refcount it dropped", async () => {
      const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")]);
      assert.equal(await page.locator("[data-fd='100:4']").getAttribute("data-change"), "closed");
      assert.equal(await page.locator("[data-file='4']").getAttribute("data-change"), "changed");
      assert.match(await textOf(page, "[data-file='4']"), /2→1/);
      assert.equal(await page.locator("[data-change]").count(), 2, "nothing else is marked");
    });

    it("marks a new descriptor, a new open file and a new object", async () => {
      const cur = fixture("pipe");
      const prev = clone(cur);
      prev.processes[1].fds[5] = null;
      prev.files = prev.files.filter((f) => f.id !== 4);
      prev.objects = prev.objects.filter((o) => o.id !== 3);
      const page = await hx.show([prev, cur]);
      assert.equal(await page.locator("[data-fd='301:5']").getAttribute("data-change"), "new");
      assert.equal(await page.locator("[data-file='4']").getAttribute("data-change"), "new");
      assert.equal(await page.locator("[data-object='3']").getAttribute("data-change"), "new");
    });

    it("draws a freed open file and object as ghosts with a dashed arrow", async () => {
      // The previous step had notes.txt open at fd 5 of pid 301; close(5) freed both.
      const prev = fixture("pipe");
      const cur = clone(prev);
      cur.processes[1].fds = cur.processes[1].fds.slice(0, 5);
      cur.files = cur.files.filter((f) => f.id !== 4);
      cur.objects = cur.objects.filter((o) => o.id !== 3);
      const page = await hx.show([prev, cur]);
      assert.equal(await page.locator("[data-fd='301:5']").getAttribute("data-change"), "closed");
      assert.equal(await page.locator(".fl-ghost[data-file='4']").getAttribute("data-change"), "freed");
      assert.equal(await page.locator(".fl-ghost[data-object='3']").getAttribute("data-change"), "freed");
      assert.equal(await page.locator("[data-key='b:4'] .fl-link-g").count(), 1);
      // A freed row's refcount is 0: its cell (the row's second text) shows the change.
      const was = prev.files.find((f) => f.id === 4)!.refcount;
      assert.equal(await page.locator(".fl-ghost[data-file='4'] text").nth(1).textContent(), `${was}\u21920`);
      assert.match(await textOf(page, ".fl-changes"), new RegExp(`open file #4 refcount ${was} \u2192 0`));
    });

    it("a freed row that had several references (an exit closes them at once) shows them all going: 3→0", async () => {
      const prev = clone(fixture("pipe"));
      prev.files.find((f) => f.id === 4)!.refcount = 3;
      const cur = clone(prev);
      cur.processes[1].fds = cur.processes[1].fds.slice(0, 5);
      cur.files = cur.files.filter((f) => f.id !== 4);
      const page = await hx.show([prev, cur]);
      const row = page.locator(".fl-ghost[data-file='4']");
      assert.equal(await row.locator("text").nth(1).textContent(), "3\u21920");
      assert.match(await row.locator("title").first().textContent() ?? "", /refcount 0/);
      assert.equal(await row.locator("rect.fl-cellmark.fl-chg").count(), 1, "the refcount cell is marked changed");
    });

    it("marks a pipe whose buffer changed", async () => {
      const page = await hx.show([fixture("pipe.prev"), fixture("pipe")]);
      assert.equal(await page.locator("[data-kind='pipe']").getAttribute("data-change"), "changed");
      assert.match(await textOf(page, ".fl-changes"), /contents changed: pipe v2/);
    });

    it("pulses changes only when the reader allows motion", async () => {
      const still = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")]);
      const name = (p: Page) => p.locator("[data-file='4'] rect.fl-chg").evaluate((e) => getComputedStyle(e).animationName);
      assert.equal(await name(still), "none");
      await still.emulateMedia({ reducedMotion: "no-preference" });
      assert.equal(await name(still), "fl-pulse");
    });
  });

  it("an incremental update draws exactly what a fresh render draws", async () => {
    const a = fixture("echo-two-clients.prev");
    const b = fixture("echo-two-clients");
    const stepped = await hx.page();
    await deliver(stepped, showMessage(a));
    // The host sends only the new step, as a delta against the one the view holds.
    await deliver(stepped, historyMessage([a], [a, b], 1));
    await settle(stepped);
    const fresh = await hx.show([a, b]);
    const svgOf = (p: Page) => p.locator(".fl-figure-wrap svg").evaluate((e) => e.outerHTML);
    assert.equal(await svgOf(stepped), await svgOf(fresh));
    // And back again: the highlights of the later step disappear.
    await deliver(stepped, historyMessage([a, b], [a, b], 0));
    await settle(stepped);
    assert.equal(await stepped.locator("[data-change]").count(), 0);
  });

  describe("a changed unit, part by part", () => {
    const big = bigSnapshot();
    const withProc = (s: Snapshot, pid: number, f: (p: Snapshot["processes"][number]) => Snapshot["processes"][number]): Snapshot =>
      ({ ...s, step: s.step + 1, events: [], output: [], processes: s.processes.map((p) => (p.pid === pid ? f(p) : p)) });
    // Steps of the big server, each changing a block in another way.
    const s1 = closeListenfd(big, 0);
    // The server blocks elsewhere, gets a line of variables and a new descriptor 7: a header
    // change, lines added above the slots (every slot moves down) and a row added.
    const s2: Snapshot = { ...withProc(s1, 100, (p) => ({ ...p, blockedOn: "read(5)", fds: [...p.fds, 2],
      frames: [{ function: "main", line: 40, locals: [{ name: "connfd", type: "int", value: "7" }] }] })),
    files: s1.files.map((f) => (f.id === 2 ? { ...f, refcount: f.refcount + 1 } : f)) };
    // Child 102 exits: a zombie without descriptors (hatch, note line, rows gone).
    const s3: Snapshot = { ...withProc(s2, 102, (p) => ({ ...p, state: "zombie", exitStatus: 0, fds: [], blockedOn: undefined })),
      files: s2.files.filter((f) => f.id !== 11).map((f) => (f.id === 1 ? { ...f, refcount: f.refcount - 3 } : f.id === 2 ? { ...f, refcount: f.refcount - 1 } : f)),
      objects: s2.objects.filter((o) => o.id !== 11) };
    // The server's variable changes; it runs again (the state chip).
    const s4 = withProc(s3, 100, (p) => ({ ...p, state: "running", blockedOn: undefined,
      frames: [{ function: "main", line: 41, locals: [{ name: "connfd", type: "int", value: "8" }] }] }));
    const steps = [big, s1, s2, s3, s4];
    const svgOf = (p: Page) => p.locator(".fl-figure-wrap svg").evaluate((e) => e.outerHTML);

    it("replaces only the slot that changed: the block and its other slots are the same nodes", async () => {
      const page = await hx.page({ width: 1366, height: 768 });
      await deliver(page, showMessage(big));
      await settle(page);
      await page.evaluate(`window.__kept = { block: document.querySelector("[data-key='p:101'] .fl-proc"),
        slot: document.querySelector("[data-fd='101:4']"), changed: document.querySelector("[data-fd='101:3']"),
        cell: document.querySelector("[data-file='2'] .fl-grid"), vnodeHead: document.querySelector("[data-object='2'] .fl-objhead") }`);
      await deliver(page, historyMessage([big], [big, s1], 1));
      const same = await page.evaluate(`(() => { const k = window.__kept; return {
        block: k.block === document.querySelector("[data-key='p:101'] .fl-proc"),
        slot: k.slot === document.querySelector("[data-fd='101:4']"),
        changed: k.changed === document.querySelector("[data-fd='101:3']"),
        cell: k.cell === document.querySelector("[data-file='2'] .fl-grid"),
        vnodeHead: k.vnodeHead === document.querySelector("[data-object='2'] .fl-objhead") }; })()`);
      assert.deepEqual(same, { block: true, slot: true, changed: false, cell: true, vnodeHead: true });
      // The redrawn slot says what the step did; the file row its new refcount (199→198 does
      // not fit the cell: the new value alone, see filerow.ts).
      assert.equal(await page.locator("[data-fd='101:3']").getAttribute("data-change"), "closed");
      assert.match(await textOf(page, "[data-fd='101:3']"), /closed/);
      assert.match(await textOf(page, "[data-file='2'] title"), /refcount 198,/);
      assert.equal(await textOf(page, "[data-file='2'] text:nth-of-type(2)"), "198");
    });

    for (const layout of [{ width: 1366, height: 768 }, { width: 700, height: 900 }]) {
      it(`draws exactly what a fresh render draws, step after step (${layout.width} px wide)`, async () => {
        const stepped = await hx.page(layout);
        await deliver(stepped, showMessage(big));
        // The narrower pane draws the two-column layout (its units are placed otherwise).
        const cols = await stepped.locator(".fl-figure-wrap svg").getAttribute("width");
        assert.equal(Number(cols) < 1000, layout.width < 1000, `figure width ${cols}`);
        for (let i = 1; i < steps.length; i++) {
          await deliver(stepped, historyMessage(steps.slice(0, i), steps.slice(0, i + 1), i));
          await settle(stepped);
          const fresh = await hx.show(steps.slice(0, i + 1), layout);
          assert.equal(await svgOf(stepped), await svgOf(fresh), `step ${i}`);
          await fresh.close();
        }
        // Back to the first change: the later marks go, the first come back.
        await deliver(stepped, historyMessage(steps, steps, 1));
        await settle(stepped);
        const fresh = await hx.page(layout);
        await deliver(fresh, historyMessage([], steps, 1));
        await settle(fresh);
        assert.equal(await svgOf(stepped), await svgOf(fresh), "back at step 1");
      });
    }
  });

  it("draws the screen with the step, in figure order, and the margin around it after the frame is painted", async () => {
    const big = bigSnapshot();
    // The next step gives the server a descriptor 4 on a new open file of the log: a new row
    // among the open files, a new arrow in the server's arrows.
    const NEW = 999;
    const next: Snapshot = { ...big, step: big.step + 1, output: [], events: [],
      processes: big.processes.map((p) => (p.pid === 100 ? { ...p, fds: p.fds.map((id, fd) => (fd === 4 ? NEW : id)) } : p)),
      files: [...big.files, { id: NEW, refcount: 1, offset: 0, flags: ["O_RDONLY"], object: 3 }] };
    const page = await hx.page({ width: 1366, height: 768 });
    const units = "document.querySelectorAll('.fl-layer > g[data-key]').length";
    // Counted in the task that handles the message, and once the frame is painted.
    const withStep = async (m: unknown, then: string) => page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent("message", { data: ${JSON.stringify(m)} }));
      return ${then};
    })()`);
    const drawnWithStep = await withStep(showMessage(big), units) as number;
    await settle(page);
    const drawnAfterFrame = await page.evaluate(units) as number;
    assert.ok(drawnWithStep < drawnAfterFrame, `${drawnWithStep} units drawn with the step, ${drawnAfterFrame} with the margin`);
    const rows = await withStep(historyMessage([big], [big, next], 1),
      `Array.from(document.querySelectorAll('.fl-layer[data-layer="boxes"] > g[data-key^="f:"]'), (g) => [g.getAttribute("data-key"), Number(/translate\\([^,]+,([^)]+)\\)/.exec(g.getAttribute("transform"))[1])])`) as Array<[string, number]>;
    assert.ok(rows.some(([key]) => key === `f:${NEW}`), "the new row is drawn with the step");
    assert.deepEqual(rows.map(([key]) => key), [...rows].sort((a, b) => a[1] - b[1]).map(([key]) => key), "rows in the DOM in the figure's order");
    assert.equal(await page.evaluate(`(document.querySelector('[data-key="a:100"] .fl-head-p')?.getAttribute("d").match(/z/g) ?? []).length`), 7,
      "the server's arrows, the new one with them");
    await settle(page);
    assert.equal(await page.evaluate(units), drawnAfterFrame + 2, "the new row and its arrow to the v-node, and the same margin");
  });

  it("a step reads no size or scroll position of the page before its one layout, and draws where the learner scrolled", async () => {
    const page = await hx.page({ width: 1366, height: 768 });
    const history = [bigSnapshot()];
    await deliver(page, showMessage(...history));
    await settle(page);
    // The scroller's own getters, counted: a read while the page has changes pending lays
    // the page out in the middle of the update (the frame lays it out again).
    await page.evaluate(`(() => {
      const el = document.querySelector(".fl-figure-wrap");
      window.__reads = 0;
      for (const [name, proto] of [["clientHeight", Element.prototype], ["scrollTop", Element.prototype], ["clientWidth", Element.prototype]]) {
        const d = Object.getOwnPropertyDescriptor(proto, name);
        Object.defineProperty(el, name, { configurable: true, get() { window.__reads++; return d.get.call(this); }, set(v) { d.set?.call(this, v); } });
      }
    })()`);
    const step = async (n: number): Promise<number> => {
      const sent = history.slice();
      history.push(closeListenfd(history[history.length - 1], n));
      return page.evaluate(`(() => {
        document.body.append(document.createElement("span"));
        window.__reads = 0;
        window.dispatchEvent(new MessageEvent("message", { data: ${JSON.stringify(historyMessage(sent, history, history.length - 1))} }));
        return window.__reads;
      })()`);
    };
    assert.equal(await step(0), 0, "reads of the scroller in the step's task");
    // Scrolled half-way down: the next step redraws a process shown there, in its own task.
    const pid = await page.evaluate(`(async () => {
      const el = document.querySelector(".fl-figure-wrap");
      el.scrollTop = el.scrollHeight / 2;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const view = el.getBoundingClientRect();
      const shown = Array.from(document.querySelectorAll('g[data-key^="p:"]')).filter((g) => {
        const r = g.getBoundingClientRect();
        return r.top >= view.top && r.bottom <= view.bottom;
      });
      return Number(shown[0].getAttribute("data-key").slice(2));
    })()`) as number;
    assert.ok(pid > 150, `a child far down the picture is on screen (pid ${pid})`);
    const before = await page.evaluate(`document.querySelector('g[data-key="p:${pid}"]').outerHTML`);
    assert.equal(await step(pid - 101), 0, "reads of the scroller in the step's task");
    const after = await page.evaluate(`document.querySelector('g[data-key="p:${pid}"]').outerHTML`);
    assert.notEqual(after, before, `pid ${pid}'s closed listenfd drawn with the step`);
  });

  it("ignores a malformed message and says why", async () => {
    const page = await hx.page();
    const bad = showMessage(fixture("pipe")) as { steps: Snapshot[] };
    (bad.steps[0].processes[0].fds as unknown[])[0] = "one";
    await deliver(page, bad);
    // The view still shows its empty tables, waiting for a session.
    assert.equal(await page.locator(".fl-proc").count(), 0);
    assert.match(await textOf(page, ".fl-figure-wrap svg title"), /Waiting for a session/);
    assert.match(await textOf(page, ".fl-notice"), /steps\[0\]\.processes\[0\]\.fds\[0\]: expected a number/);
  });

  it("a program not started shows only its error: no picture, output, marks or events of the session before", async () => {
    const prev = fixture("zombies-lost-sigchld.prev");
    const cur = { ...fixture("zombies-lost-sigchld"), output: [{ pid: 2, fd: 1, text: "parent read 12 bytes: hello parent\n" }] };
    const page = await hx.show([prev, cur]);
    assert.ok(await page.locator(".fl-mark").count() > 0, "the session's steps are marked");
    assert.match(await textOf(page, ".fl-console"), /hello parent/);
    await page.getByRole("button", { name: "Step or signal a chosen process" }).click();
    await deliver(page, { v: 1, type: "refused", title: "myerr.c", text: "myerr.c was not started: it does not compile. line 6: syntax error: missing ';'.", line: 6 });
    await settle(page);
    assert.match(await textOf(page, ".fl-figure-wrap svg title"), /^myerr\.c was not started: it does not compile$/);
    assert.equal(await page.locator(".fl-proc").count(), 0);
    assert.equal(await page.locator(".fl-mark").count(), 0, "no slider marks");
    assert.doesNotMatch(await textOf(page, ".fl-console"), /hello parent/);
    assert.match(await textOf(page, ".fl-console"), /not started/);
    assert.equal(await page.locator(".fl-events button").count(), 0, "no events");
    assert.doesNotMatch(await textOf(page, ".fl-changes"), /zombie|exit/i);
    assert.equal(await textOf(page, ".fl-stepinfo"), "myerr.c \u00b7 not started");
    assert.ok(await page.locator(".fl-slider input").isDisabled());
    assert.equal(await page.locator(".fl-form:not([hidden])").count(), 0, "the process form closes");
    assert.match(await textOf(page, ".fl-notice"), /missing ';'\. Show the problem \(line 6\)$/);
    // Its steps are gone from the view: the host sends a whole history next (it holds none).
    assert.equal(await page.evaluate("document.querySelectorAll('.fl-ev').length"), 0);
    await deliver(page, showMessage(prev, cur));
    assert.equal(await page.locator(".fl-notice [role=status]").textContent(), "");
    assert.match(await textOf(page, ".fl-console"), /hello parent/);
  });

  it("the forms say why they cannot act once the program has ended, their controls disabled", async () => {
    const cur = fixture("echo-two-clients");
    const end = clone(cur);
    end.step = cur.step + 1;
    end.events = [];
    end.output = [];
    end.processes = end.processes.filter((p) => p.kind !== "client").map((p) => (p.kind === "program" ? { ...p, state: "zombie", fds: [] } : p));
    const page = await hx.show([cur, end]);
    await page.getByRole("button", { name: "Send a line or close clients" }).click();
    const form = page.getByRole("group", { name: "Clients" });
    assert.equal(await form.locator(".fl-form-why").textContent(), "The program has ended: no client can connect, send or close.");
    for (const name of ["Send line", "Close client", "Close all clients"]) assert.ok(await form.getByRole("button", { name }).isDisabled(), name);
    assert.ok(await form.getByRole("textbox", { name: "Line to send" }).isDisabled());
    assert.equal(await page.evaluate("document.activeElement.className"), "fl-muted fl-why fl-form-why", "focus on the reason");
    await page.getByRole("button", { name: "Step or signal a chosen process" }).click();
    const proc = page.getByRole("group", { name: "A chosen process" });
    assert.equal(await proc.locator(".fl-form-why").textContent(), "The program has ended: no process to step or signal.");
    assert.equal(await proc.locator("#fl-step-why").textContent(), "", "said once: the step button's own reason is empty");
    for (const name of ["Step this process", "Send signal"]) assert.ok(await proc.getByRole("button", { name }).isDisabled(), name);
    // Back at a step with clients, the forms act again.
    await deliver(page, historyMessage([cur, end], [cur, end], 0));
    assert.ok(await proc.getByRole("button", { name: "Send signal" }).isEnabled());
    assert.ok(await proc.locator(".fl-form-why").isHidden());
  });

  describe("terminal output", () => {
    // Each snapshot holds only the output its own step wrote (docs/snapshot.md): the
    // terminal at step N is the output of steps 0..N, as on a real terminal.
    const cur = fixture("echo-two-clients");
    const at = (step: number, output: Snapshot["output"]): Snapshot => ({ ...cur, step, events: [], output });
    const line = (text: string) => ({ pid: 100, fd: 1, text });
    const history = [at(0, [line("server listening on port 15213\n")]), at(1, []), at(2, [line("Connected to (localhost, 40001)\n")]),
      at(3, [line("Connected to (localhost, 40002)\n"), { pid: 102, fd: 2, text: "warn\n" }]), at(4, [])];
    const tty = (p: Page) => p.locator("[data-kind='tty'] .fl-out").evaluateAll((els) =>
      els.map((e) => `${e.getAttribute("data-pid")}${e.classList.contains("fl-fresh") ? "*" : ""} ${e.textContent}`));

    it("shows every line written up to the step, each with its writer's pid", async () => {
      const page = await hx.show(history);
      assert.deepEqual(await tty(page), ["100 100server listening on port 15213", "100 100Connected to (localhost, 40001)",
        "100 100Connected to (localhost, 40002)", "102 102 2>warn"]);
      assert.doesNotMatch(await textOf(page, ".fl-changes"), /terminal output/, "step 4 wrote nothing");
    });

    it("marks only the lines the shown step wrote, and shows no later output when scrubbed back", async () => {
      const page = await hx.show(history);
      await deliver(page, historyMessage(history, history, 3));
      assert.deepEqual(await tty(page), ["100 100server listening on port 15213", "100 100Connected to (localhost, 40001)",
        "100* 100Connected to (localhost, 40002)", "102* 102 2>warn"]);
      assert.match(await textOf(page, ".fl-changes"), /2 new chunks of terminal output/);
      await deliver(page, historyMessage(history, history, 1));
      assert.deepEqual(await tty(page), ["100 100server listening on port 15213"]);
      await deliver(page, historyMessage(history, history, 0));
      assert.deepEqual(await tty(page), ["100 100server listening on port 15213"]);
    });

    it("follows a history that changed after a step back (replay gives a different future)", async () => {
      const page = await hx.show(history);
      const other = [...history.slice(0, 2), at(2, [line("Connected to (localhost, 40009)\n")])];
      await deliver(page, historyMessage(history, other, 2));
      assert.deepEqual(await tty(page), ["100 100server listening on port 15213", "100* 100Connected to (localhost, 40009)"]);
    });

    describe("the strip under the picture, with a hundred lines", () => {
      const hundred = bigSnapshot();
      // Delivers the picture and reads the strip in the same task (before any idle callback),
      // after `then` (JavaScript run in the page) has acted.
      const drawn = (page: Page, then = "") => page.evaluate(`(() => {
        window.dispatchEvent(new MessageEvent("message", { data: ${JSON.stringify(showMessage(hundred))} }));
        ${then}
        return Array.from(document.querySelectorAll(".fl-console-lines li"), (li) => li.textContent);
      })()`) as Promise<string[]>;
      /** How many lines the strip shows at its tallest (its CSS max-height over one line's height). */
      const fits = (page: Page) => page.evaluate(`(() => {
        const strip = document.querySelector(".fl-console");
        return Math.ceil(parseFloat(getComputedStyle(strip).maxHeight) / strip.querySelector("li").getBoundingClientRect().height);
      })()`) as Promise<number>;
      const all = hundred.output.map((c) => `100${c.text.trimEnd()}`);
      const atEnd = (page: Page) => page.locator(".fl-console").evaluate((e) => e.scrollTop > 0 && e.scrollTop + e.clientHeight >= e.scrollHeight - 1);

      it("draws the newest lines with the step and the older ones once idle, at the strip's end", async () => {
        const page = await hx.page();
        const first = await drawn(page);
        assert.deepEqual(first, all.slice(-first.length));
        // Enough to fill the strip at its tallest, and not the hundred.
        const shown = await fits(page);
        assert.ok(shown >= 3 && first.length >= shown && first.length < 20, `${first.length} lines drawn with the step, ${shown} fit`);
        await page.waitForFunction("document.querySelectorAll('.fl-console-lines li').length === 100", undefined, { timeout: 5000 });
        assert.deepEqual(await page.locator(".fl-console-lines li").allTextContents(), all);
        await settle(page);
        assert.ok(await atEnd(page), "the newest line shows");
      });

      it("draws the older lines at once when the learner reaches the strip", async () => {
        const page = await hx.page();
        assert.deepEqual(await drawn(page, "document.querySelector('.fl-console').focus();"), all);
        await settle(page);
        assert.ok(await atEnd(page), "the newest line shows");
      });
    });

    it("lists the whole terminal in the text view and the Markdown", async () => {
      const page = await hx.show(history);
      await page.locator(".fl-figure-wrap").press("t");
      const rows = await page.getByRole("table", { name: "Terminal output" }).locator("tbody tr").allTextContents();
      assert.deepEqual(rows, ["1001server listening on port 15213", "1001Connected to (localhost, 40001)",
        "1001Connected to (localhost, 40002)", "1022warn"]);
    });
  });

  describe("reload", () => {
    // retainContextWhenHidden is off: the view saves its history with setState, and after a
    // reload (WebviewPanelSerializer) it starts from that state before the host says anything.
    const cur = fixture("echo-two-clients");
    const at = (step: number, text: string): Snapshot => ({ ...cur, step, events: [], output: text ? [{ pid: 100, fd: 1, text: `${text}\n` }] : [] });
    const saved = async (page: Page): Promise<unknown> => {
      await page.waitForFunction("window.__state !== undefined && window.__state.length === window.__expect", undefined, { timeout: 5000 });
      return page.evaluate("window.__state");
    };

    it("brings back the whole history, the step shown and the terminal, not only the last picture", async () => {
      const history = [at(0, "one"), at(1, ""), at(2, "two"), at(3, "")];
      const page = await hx.page();
      await deliver(page, historyMessage([], history.slice(0, 2), 1, "echo.c"));
      await deliver(page, historyMessage(history.slice(0, 2), history, 2, "echo.c"));
      await page.evaluate("window.__expect = 4");
      const state = await saved(page);
      const again = await hx.page({ state });
      await settle(again);
      assert.match(await textOf(again, ".fl-stepinfo"), /2 \/ 3/);
      assert.match(await again.locator(".fl-stepinfo").getAttribute("title") ?? "", /echo\.c: step 2 of 3 \(1 recorded after it\)/);
      assert.deepEqual(await again.locator("[data-kind='tty'] .fl-out").allTextContents(), ["100one", "100two"]);
      // The restored history is there to move through: four steps on the scrubber.
      assert.equal(await again.getByLabel("Step", { exact: true }).getAttribute("max"), "3");
      assert.equal((await posted(again)).filter((m) => (m as { type: string }).type === "ready").length, 1);
    });

    it("keeps the last steps of a history too long to save, with the earlier output, and says so", async () => {
      const history = Array.from({ length: 6000 }, (_, i) => at(i, i % 1000 === 0 ? `line ${i}` : ""));
      const page = await hx.page();
      await deliver(page, historyMessage([], history, 5999));
      await page.evaluate("window.__expect = 5000");
      const state = (await saved(page)) as { dropped: number; steps: unknown[] };
      assert.equal(state.dropped, 1000);
      const again = await hx.page({ state });
      assert.match(await textOf(again, ".fl-notice"), /first 1000 steps are no longer kept/);
      assert.deepEqual(await again.locator("[data-kind='tty'] .fl-out").allTextContents(),
        ["100line 0", "100line 1000", "100line 2000", "100line 3000", "100line 4000", "100line 5000"]);
    });
  });

  describe("actions", () => {
    let page: Page;
    const last = async () => (await posted(page)).at(-1);
    beforeEach(async () => {
      page = await hx.page();
      // Twenty steps: the fixture's two and eighteen copies of the last (so End goes to 19).
      const prev = fixture("echo-two-clients.prev");
      const cur = fixture("echo-two-clients");
      const steps = [prev, cur, ...Array.from({ length: 18 }, (_, i) => ({ ...cur, step: cur.step + 1 + i, events: [] }))];
      await deliver(page, historyMessage([], steps, 1));
    });

    it("posts ready, then step/back/goto from buttons, keys and the event list", async () => {
      assert.deepEqual((await posted(page))[0], { v: 1, type: "ready" });
      await page.getByRole("button", { name: /^Step forward/ }).click();
      assert.deepEqual(await last(), { v: 1, type: "step" });
      const picture = page.locator(".fl-figure-wrap");
      await picture.press("ArrowLeft");
      assert.deepEqual(await last(), { v: 1, type: "back" });
      await picture.press("Home");
      assert.deepEqual(await last(), { v: 1, type: "goto", step: 0 });
      await picture.press("End");
      assert.deepEqual(await last(), { v: 1, type: "goto", step: 19 });
      // The event list numbers steps by their place in the history: the fork is step 0.
      await page.locator(".fl-ev[data-step='0']").click();
      assert.deepEqual(await last(), { v: 1, type: "goto", step: 0 });
      await picture.press("]");
      assert.deepEqual(await last(), { v: 1, type: "goto", step: 0 }, "no event after the shown step");
      await deliver(page, historyMessage([], [fixture("echo-two-clients.prev"), fixture("echo-two-clients"), fixture("echo-two-clients")], 2));
      await picture.press("[");
      assert.deepEqual(await last(), { v: 1, type: "goto", step: 1 });
    });

    it("posts client, step-a-process and signal actions", async () => {
      await page.locator(".fl-figure-wrap").press("c");
      assert.deepEqual(await last(), { v: 1, type: "connect" });
      await page.getByRole("button", { name: "Send a line or close clients" }).click();
      // Each client is named as the picture names it: its pid and its process name.
      assert.deepEqual(await page.getByLabel("Client", { exact: true }).locator("option").allTextContents(), ["pid 200 client 1", "pid 201 client 2"]);
      await page.getByLabel("Client", { exact: true }).selectOption("201");
      await page.getByLabel("Line to send").fill("ping");
      await page.getByLabel("Line to send").press("Enter");
      assert.deepEqual(await last(), { v: 1, type: "send", client: 201, line: "ping" });
      await page.getByRole("button", { name: "Close client", exact: true }).click();
      assert.deepEqual(await last(), { v: 1, type: "close", client: 201 });
      await page.getByRole("button", { name: "Close all clients" }).click();
      assert.deepEqual(await last(), { v: 1, type: "close", client: "all" });
      await page.getByRole("button", { name: "Step or signal a chosen process" }).click();
      await page.getByLabel("Process", { exact: true }).selectOption("102");
      await page.getByRole("button", { name: "Step this process" }).click();
      assert.deepEqual(await last(), { v: 1, type: "step", pid: 102 });
      await page.getByLabel("Signal", { exact: true }).selectOption("SIGTERM");
      await page.getByRole("button", { name: "Send signal" }).click();
      assert.deepEqual(await last(), { v: 1, type: "signal", pid: 102, signal: "SIGTERM" });
    });

    it("acts on single-letter keys only on the picture: typing elsewhere sends nothing", async () => {
      const before = (await posted(page)).length;
      await page.getByRole("button", { name: "Step or signal a chosen process" }).click();
      // In the process form (focus on its list), then in the toolbar: letters and arrows do nothing.
      for (const key of ["c", "x", "s", "t", "ArrowRight", "ArrowLeft"]) await page.keyboard.press(key);
      await page.getByRole("button", { name: "First step" }).focus();
      for (const key of ["c", "x", "ArrowRight", "ArrowRight", "ArrowLeft"]) await page.keyboard.press(key);
      assert.equal((await posted(page)).length, before, JSON.stringify((await posted(page)).slice(before)));
      // The arrows moved focus along the toolbar instead.
      assert.equal(await page.evaluate("document.activeElement.getAttribute('aria-label')"), "Step back");
    });

    it("exports SVG, PNG and Markdown from the overflow menu", async () => {
      const menu = async (item: string) => {
        await page.getByRole("button", { name: "More actions" }).click();
        await page.getByRole("menuitem", { name: item }).click();
      };
      await menu("Save the picture as SVG");
      const svg = (await last()) as { format: string; data: string };
      assert.equal(svg.format, "svg");
      // Standalone: the live theme's values are baked into the root element.
      assert.match(svg.data, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*style="[^"]*--vscode-editor-background:#ffffff;/);
      await menu("Save the picture as PNG");
      await page.waitForFunction("window.__posted.at(-1).format === 'png'");
      const png = (await last()) as { data: string };
      assert.ok(Buffer.from(png.data, "base64").subarray(1, 4).toString() === "PNG");
      await page.locator(".fl-figure-wrap").press("m");
      const md = (await last()) as { format: string; data: string };
      assert.equal(md.format, "markdown");
      assert.match(md.data, /\| 100 \| 3 \| #2 \| listening socket 0\.0\.0\.0:15213 \|/);
    });

    it("offers the tables as a text view for screen readers, one key away, and says so", async () => {
      await page.locator(".fl-figure-wrap").press("t");
      assert.match(await page.locator(".fl-sr[aria-live]").textContent() ?? "", /Text view shown/);
      assert.equal(await page.getByRole("button", { name: "Text view of the tables" }).getAttribute("aria-pressed"), "true");
      const captions = await page.locator(".fl-text caption").allTextContents();
      assert.deepEqual(captions, ["Processes (process-tree order)", "Variables (each process's own copy)", "Descriptor tables", "Open file table", "v-node table (objects)", "Terminal output"]);
      assert.equal(await page.getByRole("table", { name: "Open file table" }).locator("tbody tr").count(), 6);
    });
  });
});
