// The program's terminal output, always on screen under the picture: the last lines up to
// the shown step, each line in its writer's pid colour and marked with the pid (colour is
// never the only sign). The picture's terminal box shows the same lines, but it may be
// scrolled away; this strip never is.
import type { Terminal } from "../render/terminal";
import { terminalTail } from "../render/terminal";
import { pidHue } from "../render/palette";
import { h } from "./dom";

/** Lines kept in the strip (it scrolls; the newest are at the bottom). */
const TAIL = 200;

export class ConsoleStrip {
  readonly el = h("section", { class: "fl-console", "aria-label": "Terminal output of the program", tabindex: 0 });
  private readonly list = h("ol", { class: "fl-console-lines" });
  private shown: Terminal | undefined;

  constructor() {
    this.el.append(this.list);
  }

  /** Shows the terminal at a step; `fresh` chunks (the step's own) are marked. */
  draw(t: Terminal, fresh: number): void {
    if (this.shown && this.shown.chunks === t.chunks && this.shown.end === t.end) return;
    this.shown = t;
    const { lines, fresh: freshLines } = terminalTail(t, TAIL, fresh);
    if (!lines.length) {
      this.list.replaceChildren(h("li", { class: "fl-muted", text: "no output yet" }));
      return;
    }
    this.list.replaceChildren(...lines.map((l, i) => h("li", { class: `fl-line fl-h${pidHue(l.pid)}${i >= lines.length - freshLines ? " fl-line-new" : ""}${l.fd === 2 ? " fl-line-err" : ""}` },
      h("span", { class: "fl-line-pid", text: `${l.pid}${l.fd === 2 ? " err" : ""}` }), h("span", { class: "fl-line-text", text: l.text }))));
    this.el.scrollTop = this.el.scrollHeight;
  }
}
