// The program's terminal output, always on screen under the picture: the last lines up to
// the shown step, each line in its writer's pid colour and marked with the pid (colour is
// never the only sign). The picture's terminal box shows the same lines, but it may be
// scrolled away; this strip never is.
import { OutputLine, Terminal, terminalTail } from "../render/terminal";
import { pidHue } from "../render/palette";
import { h, whenIdle } from "./dom";

/** Lines kept in the strip (it scrolls; the newest are at the bottom). */
const TAIL = 200;
/** Lines drawn with the step: more than the strip shows at its tallest (view.css caps it at
 *  4.6em, a little over three lines). The older ones (up to TAIL) follow when the page is
 *  idle, or at once when the learner reaches for the strip: a hundred lines cost a tenth of
 *  a 200-process picture's frame, and only three show. */
const EAGER = 4;

export class ConsoleStrip {
  readonly el = h("section", { class: "fl-console", "aria-label": "Terminal output of the program", tabindex: 0 });
  private readonly list = h("ol", { class: "fl-console-lines" });
  private shown: Terminal | undefined;
  private scrollPending = false;
  /** The strip shows its newest line (the learner has not scrolled up). */
  private pinned = true;
  /** The lines above the eager ones, not drawn yet. */
  private older: (() => HTMLElement[]) | undefined;

  constructor() {
    this.el.append(this.list);
    // Reaching the strip (mouse, wheel, keyboard, assistive focus) draws the older lines first.
    for (const ev of ["focus", "pointerdown", "wheel", "keydown"]) this.el.addEventListener(ev, () => this.fillOlder(), { passive: true });
    // The strip shrinks when a question or notice needs the room: the newest line stays in
    // view unless the learner scrolled up to older ones.
    this.el.addEventListener("scroll", () => { this.pinned = this.el.scrollTop + this.el.clientHeight >= this.el.scrollHeight - 2; }, { passive: true });
    new ResizeObserver(() => { if (this.pinned) this.el.scrollTop = this.el.scrollHeight; }).observe(this.el);
  }

  /** No terminal: a line saying why (a program that was not started). */
  blank(why: string): void {
    this.shown = undefined;
    this.older = undefined;
    this.list.replaceChildren(h("li", { class: "fl-muted", text: why }));
  }

  /** Shows the terminal at a step; `fresh` chunks (the step's own) are marked. */
  draw(t: Terminal, fresh: number): void {
    if (this.shown && this.shown.chunks === t.chunks && this.shown.end === t.end) return;
    this.shown = t;
    const { lines, fresh: freshLines } = terminalTail(t, TAIL, fresh);
    this.older = undefined;
    if (!lines.length) {
      this.list.replaceChildren(h("li", { class: "fl-muted", text: "no output yet" }));
      return;
    }
    const item = (l: OutputLine, i: number) => h("li", { class: `fl-line ${l.typed ? "fl-line-typed" : `fl-h${pidHue(l.pid)}`}${i >= lines.length - freshLines ? " fl-line-new" : ""}${l.fd === 2 ? " fl-line-err" : ""}` },
      h("span", { class: "fl-line-pid", text: l.typed ? "typed" : `${l.pid}${l.fd === 2 ? " err" : ""}` }),
      // A line with several writers: each run in its writer's colour, what was typed in the terminal's ink.
      ...(l.runs.length === 1 ? [h("span", { class: "fl-line-text", text: l.text })]
        : l.runs.map((r) => h("span", { class: `fl-line-text ${r.typed ? "fl-run-typed" : `fl-run fl-h${pidHue(r.pid)}`}`, text: r.text }))));
    const split = Math.max(0, lines.length - EAGER);
    this.list.replaceChildren(...lines.slice(split).map((l, i) => item(l, split + i)));
    if (split) {
      const older = () => lines.slice(0, split).map(item);
      this.older = older;
      whenIdle(() => { if (this.older === older) this.fillOlder(); });
    }
    this.scrollToEnd();
  }

  /** Draws the older lines above the eager ones, keeping the strip at its end if it was. */
  private fillOlder(): void {
    const older = this.older;
    if (!older) return;
    this.older = undefined;
    const atEnd = this.el.scrollTop + this.el.clientHeight >= this.el.scrollHeight - 2;
    this.list.prepend(...older());
    if (atEnd) this.el.scrollTop = this.el.scrollHeight;
  }

  /** Shows the newest line at the next frame: reading scrollHeight now would lay out the
   *  page in the middle of the update (the frame lays it out anyway, once), and the frame
   *  is painted only after this has run. */
  private scrollToEnd(): void {
    if (this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() => {
      this.scrollPending = false;
      this.el.scrollTop = this.el.scrollHeight;
    });
  }
}
