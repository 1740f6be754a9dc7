// The view's notice line: why an action was refused, what a step replaced, why a program
// was not started. A notice belongs to what it is about, and goes when that is over:
//   "step"     (most): until the picture shows another step, or another session;
//   "question" (predict first): also when the question is answered, skipped or goes;
//   "session"  (a program not started, steps no longer kept): until another session shows.
// The learner can dismiss any notice (its close button, or Escape while focus is in it).
// The text is a polite live region that stays in the accessibility tree when empty, so a
// notice shown later is announced.
import { h } from "./dom";
import type { NoticeLasts } from "../contract/protocol";

export class Notice {
  readonly el: HTMLElement;
  /** The live region: what the notice says (and a link, for some). */
  private readonly text = h("div", { class: "fl-notice-text", role: "status" });
  private readonly close = h("button", { type: "button", class: "fl-close", "aria-label": "Dismiss the notice", title: "Dismiss (Escape)", hidden: true },
    h("span", { class: "codicon codicon-close", "aria-hidden": "true" }));
  private lasts: NoticeLasts | undefined;

  /** `away`: where focus goes when the learner dismisses the notice from inside it. */
  constructor(private readonly away: () => void) {
    this.el = h("div", { class: "fl-notice" }, this.text, this.close);
    this.close.addEventListener("click", () => this.dismiss());
    this.el.addEventListener("keydown", (ev) => {
      if (ev.key !== "Escape" || this.lasts === undefined) return;
      ev.preventDefault();
      ev.stopPropagation();
      this.dismiss();
    });
  }

  /** What is shown now ("" when nothing). */
  get shown(): string {
    return this.text.textContent ?? "";
  }

  show(content: string | Array<Node | string>, lasts: NoticeLasts = "step"): void {
    this.text.replaceChildren(...(typeof content === "string" ? [content] : content));
    this.lasts = lasts;
    this.close.hidden = false;
    this.el.classList.add("fl-notice-on");
  }

  clear(): void {
    if (this.lasts === undefined) return;
    this.lasts = undefined;
    this.text.replaceChildren();
    this.close.hidden = true;
    this.el.classList.remove("fl-notice-on");
  }

  /** The picture shows another step; `session`: of another session (or none). */
  moved(session: boolean): void {
    if (session || (this.lasts !== undefined && this.lasts !== "session")) this.clear();
  }

  /** The question on screen was answered, skipped or went away. */
  questionOver(): void {
    if (this.lasts === "question") this.clear();
  }

  private dismiss(): void {
    const inside = this.el.contains(document.activeElement);
    this.clear();
    if (inside) this.away();
  }
}
