// A lesson's predict-then-step question in the view: a form with one radio group, asked
// while the tables it is about stay on screen. The host grades the answer (it alone knows
// which choice is right and sets the step's context key); the view shows its verdict in a
// live region and, for a wrong answer, marks the table the choice's `why` points at.
// The question keeps to its share of a short view: its head (the prompt and a toggle) stays
// on screen, the answers under it scroll (media/view.css), and the learner can fold them
// away to look at the picture; trying to step on opens them again. Answered right, it folds
// to the verdict's line by itself (nothing is left to do in the form), and opens again on demand.
import { h } from "./dom";
import { PROTOCOL_VERSION, type HostMessage, type QuestionTable, type ViewMessage } from "../contract/protocol";
import { layoutWidth } from "../render/geometry";

type Question = Extract<HostMessage, { type: "question" }>;
/** The least the picture may keep beside the question: the two-column layout at half size
 *  (12 px text at 6 px). Narrower (a 508 px view, VS Code's side bar open: 39%), the
 *  question stays above, where the picture keeps its width and the answers scroll. */
const BESIDE_LEAST = layoutWidth("narrow") / 2;
type Verdict = Extract<HostMessage, { type: "verdict" }>;

const TABLE_NAMES: Record<QuestionTable, string> = {
  process: "process table", descriptor: "descriptor tables", openFile: "open file table", vnode: "v-node table",
  signals: "signals of the process", stdio: "stdio buffer of the process", output: "terminal output",
};

export class QuestionForm {
  readonly el = h("section", { class: "fl-question", "aria-label": "Lesson question", hidden: true });
  private asked: Question | undefined;
  private readonly verdict = h("p", { class: "fl-verdict", role: "status", "aria-live": "polite" });
  /** The answers and the verdict: what folds away. */
  private readonly body = h("div", { class: "fl-q-body", id: "fl-q-body" });
  private readonly toggle = h("button", { type: "button", class: "fl-close fl-q-toggle", "aria-controls": "fl-q-body" });
  /** Answered right: folded, the question is its verdict's line (the picture gets the room). */
  private done = false;

  /** figure is the element whose class marks the highlighted table. */
  constructor(private readonly send: (m: ViewMessage) => void, private readonly figure: HTMLElement) {
    this.toggle.addEventListener("click", () => this.expand(this.toggle.getAttribute("aria-expanded") !== "true"));
    window.addEventListener("resize", () => this.fit());
  }

  /** Above the picture the question has what the picture's 60% of the height leaves; when
   *  its prompt, answers and verdict need more, it goes beside the picture (which keeps
   *  the whole height, giving width), so the choices and the whole why are seen together,
   *  unless that leaves the picture too narrow to read (BESIDE_LEAST): then the answers
   *  scroll above it, and a verdict takes the prompt's room: the prompt goes to one line
   *  (its whole text in the heading's title, and to a screen reader), so the explanation the
   *  learner waits for is seen whole (at 508x370, VS Code's side bar open, the prompt's two
   *  or three lines left a why of three lines or more cut off). A folded question, or one
   *  that fits, goes back above. */
  private fit(): void {
    // Measured above the picture; the picture's fit zoom follows its width (a ResizeObserver).
    const body = document.body.classList;
    body.remove("fl-q-beside");
    this.el.classList.remove("fl-q-tight");
    if (this.el.hidden || this.el.classList.contains("fl-q-folded") || this.body.scrollHeight <= this.body.clientHeight + 1) return;
    body.add("fl-q-beside");
    if (this.figure.clientWidth >= BESIDE_LEAST) return;
    body.remove("fl-q-beside");
    if (this.verdict.textContent) this.el.classList.add("fl-q-tight");
  }

  /** Draws the question and moves focus to it (the learner's next act is to answer). */
  ask(q: Question): void {
    this.asked = q;
    this.highlight(undefined);
    const id = `fl-q-${q.lesson}-${q.step}`.replace(/[^\w-]/g, "-");
    const group = h("div", { role: "radiogroup", "aria-labelledby": `${id}-prompt`, class: "fl-choices" });
    q.choices.forEach((text, i) => {
      const input = h("input", { type: "radio", name: id, value: i, id: `${id}-${i}` });
      // The host keeps the selection, so it outlives this form (the view is torn down when
      // hidden, and shows another session's question when the learner switches editors).
      input.checked = i === q.chosen;
      input.addEventListener("change", () => { if (input.checked) this.send({ v: PROTOCOL_VERSION, type: "choose", lesson: q.lesson, step: q.step, choice: i }); });
      group.append(h("div", { class: "fl-choice" }, input, h("label", { for: `${id}-${i}`, text })));
    });
    // A webview's sandbox may block form submission (and its submit event): the button and
    // Enter answer directly.
    const submit = h("button", { type: "button", class: "fl-submit" }, "Submit");
    // Predict first: stepping on waits for an answer, or for this.
    const skip = h("button", { type: "button", class: "fl-skip" }, "Skip the prediction");
    skip.addEventListener("click", () => this.send({ v: PROTOCOL_VERSION, type: "skip", lesson: q.lesson, step: q.step }));
    // The answers and the buttons share one row where they fit: after a wrong answer the
    // choices, Submit and the whole why must be on screen together in a short view.
    const form = h("form", { class: "fl-qform", "aria-labelledby": `${id}-prompt` },
      group, h("div", { class: "fl-q-buttons" }, submit, skip));
    form.addEventListener("submit", (ev) => ev.preventDefault());
    submit.addEventListener("click", () => this.submit(form));
    group.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); this.submit(form); } });
    this.verdict.textContent = "";
    this.verdict.className = "fl-verdict";
    this.done = false;
    this.el.classList.remove("fl-q-done");
    // The prompt's whole text is the heading's title: folded to one line, hovering shows the rest.
    const head = h("div", { class: "fl-q-head" }, h("h2", { title: q.prompt },
      h("span", { class: "fl-q-kind", text: "Predict, then step:" }), " ", h("span", { class: "fl-prompt", id: `${id}-prompt`, text: q.prompt })), this.toggle);
    this.body.replaceChildren(form, this.verdict);
    this.el.replaceChildren(head, this.body);
    this.el.hidden = false;
    this.expand(true);
    this.fit();
    // Radio groups take one tab stop: the selected radio, else the first, is where the
    // keyboard starts.
    (group.querySelector<HTMLInputElement>("input:checked") ?? group.querySelector<HTMLInputElement>("input"))?.focus();
  }

  /** Shows (true) or folds away the answers; folded, the question is its prompt's first
   *  line, or once answered right its verdict's (media/view.css .fl-q-done). */
  expand(open: boolean): void {
    if (this.toggle.getAttribute("aria-expanded") === String(open)) return;
    this.body.hidden = !open && !this.done;
    this.el.classList.toggle("fl-q-folded", !open);
    this.toggle.setAttribute("aria-expanded", String(open));
    const label = open ? "Hide the question's answers" : "Show the question's answers";
    this.toggle.setAttribute("aria-label", label);
    this.toggle.title = open ? `${label}: the picture gets their room` : label;
    this.toggle.replaceChildren(h("span", { class: `codicon codicon-chevron-${open ? "up" : "down"}`, "aria-hidden": "true" }));
    this.fit();
    if (open && this.verdict.textContent) this.showVerdict();
  }

  /** The choices (first in the answers) and the verdict under them: when the answers must
   *  scroll (above a picture too narrow to give width), the verdict the learner waits for
   *  comes into view and the choices scroll up as little as that takes. */
  private showVerdict(): void {
    this.body.scrollTop = 0;
    this.verdict.scrollIntoView({ block: "nearest" });
  }

  /** Takes the question off the screen (its session ended or is no longer shown). */
  clear(): void {
    this.asked = undefined;
    this.highlight(undefined);
    this.el.replaceChildren();
    this.el.hidden = true;
    this.fit();
  }

  /** Shows the host's verdict on the question on screen (others are stale: ignored). */
  show(v: Verdict): boolean {
    const q = this.asked;
    if (!q || q.lesson !== v.lesson || q.step !== v.step) return false;
    this.verdict.className = `fl-verdict ${v.correct ? "fl-right" : "fl-wrong"}`;
    if (v.correct) {
      // The chosen answer is the checked choice; said in words for a screen reader, as for a
      // wrong one, without taking a line of a short view's room from the explanation.
      this.verdict.replaceChildren("Right", h("span", { class: "fl-sr-inline", text: `: ${q.choices[v.choice] ?? ""}` }), `. ${v.text} This step is complete.`);
      this.highlight(undefined);
      const hadFocus = this.el.contains(document.activeElement);
      for (const input of Array.from(this.body.querySelectorAll("input, button"))) (input as HTMLInputElement).disabled = true;
      // Disabling the form would drop the keyboard's place: it moves to the verdict instead.
      if (hadFocus) { this.verdict.tabIndex = -1; this.verdict.focus(); }
      // Nothing is left to do with the form: it folds to the verdict's line, which the
      // toggle opens again (a tester at 1366x768 found the answered form kept the room).
      this.done = true;
      this.el.classList.add("fl-q-done");
      this.expand(false);
    } else {
      // Seen: the checked choice says which answer this is, and the picture shows the
      // highlighted table; both are said in words too, for a screen reader, without taking
      // a line of a short view's room (the choices and the whole why must fit together).
      const look = v.table ? ` The ${TABLE_NAMES[v.table]} is highlighted below.` : "";
      this.verdict.replaceChildren("Not quite", h("span", { class: "fl-sr-inline", text: `: ${q.choices[v.choice] ?? ""}` }), `. ${v.text}`,
        ...(look ? [h("span", { class: "fl-sr-inline", text: look })] : []), " Try again.");
      this.highlight(v.table);
    }
    this.fit();
    if (!this.done) this.showVerdict();
    return true;
  }

  private submit(form: HTMLFormElement): void {
    const q = this.asked;
    const chosen = form.querySelector<HTMLInputElement>("input[type=radio]:checked");
    if (!q) return;
    if (!chosen) { this.verdict.textContent = "Choose an answer first."; return; }
    this.send({ v: PROTOCOL_VERSION, type: "answer", lesson: q.lesson, step: q.step, choice: Number(chosen.value) });
  }

  /** Marks one table of the figure (a class on its wrapper: it survives redraws). */
  private highlight(table: QuestionTable | undefined): void {
    for (const c of Array.from(this.figure.classList)) if (c.startsWith("fl-hl-")) this.figure.classList.remove(c);
    if (table) this.figure.classList.add(`fl-hl-${table}`);
  }
}
