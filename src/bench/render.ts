// `forklab bench render`: how long the view takes, in Chromium, to draw a big forking
// server (200 processes, 1,000 descriptors) from nothing, and to update after one
// syscall (a child's close(listenfd)). The time covers the view's whole handling of the
// host's message: validation, layout, DOM update, and the browser's style and layout.
import type { Bench, Figure } from "./figure";
import type { Snapshot } from "../kernel/snapshot";
import { afterOneClose, bigSnapshot } from "./render-fixture";
import { deliver, launchChromium, openView } from "./view-page";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const show = (snapshot: Snapshot, previous?: Snapshot) => ({ v: 1, type: "show", snapshot, previous, steps: snapshot.step + 1, timeline: [] });

export const renderBench: Bench = async (progress) => {
  const big = bigSnapshot();
  const next = afterOneClose(big);
  const chrome = await launchChromium();
  try {
    const full: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await openView(chrome);
      full.push(await deliver(page, show(big)));
      await page.close();
    }
    progress(`full render of 200 processes: ${full.map((t) => t.toFixed(1)).join(" ")} ms`);
    const page = await openView(chrome);
    await deliver(page, show(big));
    const delta: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Alternate forwards and back: each delivery is a one-syscall change.
      delta.push(await deliver(page, i % 2 ? show(big, next) : show(next, big)));
    }
    progress(`one-syscall update: median of ${delta.length}`);
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
