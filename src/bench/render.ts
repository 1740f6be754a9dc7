// `forklab bench render`: how long the view takes, in Chromium, to draw a big forking
// server (200 processes, 1,000 descriptors) from nothing, and to update after one
// syscall (a child's close(listenfd)). The time covers the view's whole handling of the
// host's message: validation, layout, DOM update, and the browser's style and layout.
// Messages are what the host sends: the history as deltas (src/contract/sync.ts). Figures
// are medians after warm-up rounds; the first picture in a fresh page is reported apart.
import type { Page } from "playwright-core";
import type { Bench } from "./figure";
import type { Snapshot } from "../contract/snapshot";
import { historyMessage } from "../contract/sync";
import { bigSnapshot, closeListenfd } from "./render-fixture";
import { deliver, launchChromium, openView } from "./view-page";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A small unrelated session: showing it between two big pictures makes the next big one
 *  a picture from nothing (no block, row or DOM unit of it is left). */
function smallSession(): Snapshot {
  const s = bigSnapshot();
  return { ...s, step: 0, processes: s.processes.slice(0, 2), files: s.files.slice(0, 3), objects: s.objects.slice(0, 3), output: [] };
}

/** Times the big picture drawn from nothing, each time after the small session: `warm`
 *  rounds not counted, then `counted` rounds. */
async function fullRounds(page: Page, big: Snapshot, small: Snapshot, warm: number, counted: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warm + counted; i++) {
    await deliver(page, historyMessage([], [small], 0));
    const t = await deliver(page, historyMessage([], [JSON.parse(JSON.stringify(big)) as Snapshot], 0));
    if (i >= warm) out.push(t);
  }
  return out;
}

export const renderBench: Bench = async (progress) => {
  const big = bigSnapshot();
  const small = smallSession();
  const chrome = await launchChromium();
  try {
    // The first picture in a fresh page also pays for compiling and first running the
    // view's code: reported on its own.
    const first: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await openView(chrome);
      first.push(await deliver(page, historyMessage([], [big], 0)));
      await page.close();
    }
    progress(`first picture in a fresh page: ${first.map((t) => t.toFixed(1)).join(" ")} ms`);
    const page = await openView(chrome);
    // Full: the 200-process picture from nothing, in a page that has drawn before (warm-up
    // rounds first, not counted).
    const full = await fullRounds(page, big, small, 3, 10);
    progress(`full render of 200 processes: ${full.map((t) => t.toFixed(1)).join(" ")} ms`);
    const history: Snapshot[] = [big];
    await deliver(page, historyMessage([], history, 0));
    const delta: number[] = [];
    for (let i = 0; i < 40; i++) {
      // A live session: each message appends one step, in which one more child closes listenfd.
      const sent = history.slice();
      history.push(closeListenfd(history[history.length - 1], i));
      const t = await deliver(page, historyMessage(sent, history, history.length - 1));
      if (i >= 10) delta.push(t);
    }
    progress(`one-syscall update (after 10 not counted): ${delta.map((t) => t.toFixed(1)).join(" ")} ms`);
    // The full render again after 30 more rounds: by then the engine has finished compiling
    // the view's hot code (in the first rounds it is still compiling it, on the same cores),
    // so the gap between the two figures is the engine's warm-up, and this one the view's own cost.
    const steady = await fullRounds(page, big, small, 30, 20);
    progress(`the same, steady (after 30 more not counted): ${steady.map((t) => t.toFixed(1)).join(" ")} ms`);
    return [
      { name: "render.full_200p.ms", value: median(full), unit: "ms" },
      { name: "render.full_200p_steady.ms", value: median(steady), unit: "ms" },
      { name: "render.delta.ms", value: median(delta), unit: "ms" },
      { name: "render.first_200p.ms", value: median(first), unit: "ms" },
    ];
  } finally {
    await chrome.close();
  }
};
