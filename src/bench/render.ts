// `forklab bench render`: how long the view takes, in Chromium, to draw a big forking
// server (200 processes, 1,000 descriptors) from nothing, and to update after one
// syscall (a child's close(listenfd)). The time covers the view's whole handling of the
// host's message: validation, layout, DOM update, and the browser's style and layout.
// Messages are what the host sends: the history as deltas (src/webview/sync.ts).
import type { Bench, Figure } from "./figure";
import type { Snapshot } from "../kernel/snapshot";
import { historyMessage } from "../webview/sync";
import { bigSnapshot, closeListenfd } from "./render-fixture";
import { deliver, launchChromium, openView } from "./view-page";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const renderBench: Bench = async (progress) => {
  const big = bigSnapshot();
  const chrome = await launchChromium();
  try {
    const full: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await openView(chrome);
      full.push(await deliver(page, historyMessage([], [big], 0)));
      await page.close();
    }
    progress(`full render of 200 processes: ${full.map((t) => t.toFixed(1)).join(" ")} ms`);
    const page = await openView(chrome);
    const history: Snapshot[] = [big];
    await deliver(page, historyMessage([], history, 0));
    const delta: number[] = [];
    for (let i = 0; i < 30; i++) {
      // A live session: each message appends one step, in which one more child closes listenfd.
      const sent = history.slice();
      history.push(closeListenfd(history[history.length - 1], i));
      delta.push(await deliver(page, historyMessage(sent, history, history.length - 1)));
    }
    progress(`one-syscall update: ${delta.map((t) => t.toFixed(1)).join(" ")} ms`);
    // The first full render pays for compiling the script; the median of the rest is the figure.
    const figures: Figure[] = [
      { name: "render.full_200p.ms", value: median(full.slice(1)), unit: "ms" },
      { name: "render.delta.ms", value: median(delta), unit: "ms" },
    ];
    return figures;
  } finally {
    await chrome.close();
  }
};
