// The keyboard of the program's terminal, under its output: while a process of the shown
// step waits in a read of the terminal, a one-line input offers what a shell would. Enter
// sends the line with its newline; Ctrl+D (or its button) sends end of file, after what was
// typed when there is some (as a terminal in canonical mode does). The host records it
// as an action of the session (a "ttyInput" message), so Back and Forward undo and redo it.
// After a line is sent the input keeps the keyboard while it has it, even when no process
// reads any more (the reader took the line and runs on): what is typed then waits in the
// terminal's input queue for the next read, as a real terminal's type-ahead does, and a
// second line needs no click (a tester found focus moved to the picture after each Enter).
import { h, setText } from "./dom";
import type { Snapshot } from "../contract/snapshot";
import { PROTOCOL_VERSION, TtyEnd, ViewMessage } from "../contract/protocol";
import { terminalOpen, terminalReaders } from "../contract/terminal";

type Send = (m: ViewMessage) => void;

export const TYPE_LABEL = "Type a line for the terminal";

export class TypeIn {
  readonly el = h("form", { class: "fl-form fl-typein", role: "group", "aria-label": "Terminal input", hidden: true });
  readonly input = h("input", { type: "text", class: "fl-typein-line", placeholder: TYPE_LABEL, "aria-label": TYPE_LABEL,
    autocomplete: "off", spellcheck: "false", maxlength: 4096 });
  private readonly who = h("span", { class: "fl-typein-who" });
  private readonly eof = h("button", { type: "button", title: "End of file: read returns 0 (Ctrl+D)" }, "Send EOF (Ctrl+D)");
  /** The learner sent a line from here and has not left the form since. */
  private typing = false;
  /** Some process of the step shown reads the terminal. */
  private reading = false;

  constructor(private readonly send: Send, private readonly onHidden: () => void, private readonly say: (t: string) => void) {
    const enter = h("button", { type: "submit", title: "Send the line and its newline (Enter)" }, "Send line");
    this.el.append(this.who, this.input, enter, this.eof);
    this.el.addEventListener("submit", (ev) => { ev.preventDefault(); this.type("newline"); });
    this.eof.addEventListener("click", () => this.type("eof"));
    // Leaving the form ends the typing: with no reader it goes (focus is already elsewhere).
    this.el.addEventListener("focusout", (ev) => {
      if (ev.relatedTarget instanceof Node && this.el.contains(ev.relatedTarget)) return;
      this.typing = false;
      if (!this.reading) this.el.hidden = true;
    });
    this.input.addEventListener("keydown", (ev) => {
      if (!(ev.ctrlKey && !ev.altKey && !ev.metaKey && (ev.key === "d" || ev.key === "D"))) return;
      ev.preventDefault();
      this.type("eof");
    });
  }

  /** Shown while some process of `snap` waits for a line typed at the terminal. */
  update(snap: Snapshot): void {
    const readers = terminalReaders(snap);
    const hadFocus = this.el.contains(document.activeElement);
    this.reading = readers.length > 0;
    const show = this.reading || (this.typing && hadFocus && terminalOpen(snap));
    if (this.reading) setText(this.who, `${readers.length > 1 ? "pids" : "pid"} ${readers.map((p) => p.pid).join(", ")} ${readers.length > 1 ? "read" : "reads"} the terminal:`);
    else if (show) setText(this.who, "No process reads the terminal now; a line typed waits for the next read:");
    if (show === !this.el.hidden) return;
    this.el.hidden = !show;
    if (show) this.say(`${this.who.textContent} ${TYPE_LABEL.toLowerCase()} below the output.`);
    else if (hadFocus) this.onHidden();
  }

  /** Focus on the line (the picture's I key); when no process reads, says so. */
  focus(): void {
    if (this.el.hidden) this.say("No process is reading the terminal.");
    else this.input.focus();
  }

  private type(end: TtyEnd): void {
    const text = this.input.value.replace(/[\r\n]/g, " ");
    this.send({ v: PROTOCOL_VERSION, type: "ttyInput", text, end });
    this.input.value = "";
    this.typing = true;
    this.say(end === "newline" ? `Typed ${JSON.stringify(text)} and Enter.` : `Typed ${text ? `${JSON.stringify(text)} and ` : ""}Ctrl+D (end of file).`);
  }
}
