// Forms under the toolbar that open on demand, one at a time: the chosen process (step
// it, or send it a signal) and the clients (send a line, close one or all). They take
// room only while open; Escape closes the open one and gives focus back to its button.
// "Step this process" says when the chosen process cannot run a line (blocked, stopped):
// it stays focusable but aria-disabled, with the reason beside it as its description.
// A form whose controls cannot act at all (the program has ended, no client connected)
// has them disabled and says why in the form, where focus goes.
import { h, setAttr, setOptions, setText } from "./dom";
import type { Proc, Snapshot } from "../contract/snapshot";
import { whyNotStep } from "../contract/unblock";
import { PROTOCOL_VERSION, VIEW_SIGNALS, ViewMessage } from "../contract/protocol";
import { setPressed } from "./toolbar";

type Send = (m: ViewMessage) => void;
export type TrayName = "process" | "clients";

export class Tray {
  readonly el = h("div", { class: "fl-tray" });
  readonly proc = h("select", { "aria-label": "Process" });
  readonly signal = h("select", { "aria-label": "Signal" });
  readonly client = h("select", { "aria-label": "Client" });
  readonly line = h("input", { type: "text", placeholder: "a line to send", "aria-label": "Line to send", maxlength: 200 });
  private readonly forms: Record<TrayName, HTMLElement>;
  /** Why a form's controls cannot act now (the program ended, no client), shown in it. */
  private readonly formWhy: Record<TrayName, HTMLElement> = {
    process: h("p", { class: "fl-muted fl-why fl-form-why", tabindex: -1, hidden: true }),
    clients: h("p", { class: "fl-muted fl-why fl-form-why", tabindex: -1, hidden: true }),
  };
  private readonly toggles = new Map<TrayName, HTMLElement>();
  private open: TrayName | undefined;
  private readonly stepButton = h("button", { type: "button", "aria-describedby": "fl-step-why" }, "Step this process");
  /** Why the chosen process cannot be stepped ("" when it can). */
  private readonly why = h("span", { class: "fl-why", id: "fl-step-why" });
  /** The processes the process list names, by pid, and the step they are of. */
  private procs = new Map<number, Proc>();
  private listed: Snapshot | undefined;
  /** The step whose processes the lists should name, while no form shows them. */
  private unlisted: Snapshot | undefined;

  constructor(private readonly send: Send, private readonly notice: (t: string) => void) {
    setOptions(this.signal, VIEW_SIGNALS.map((s) => [s, s]));
    const button = (label: string, run: () => void) => {
      const b = h("button", { type: "button" }, label);
      b.addEventListener("click", run);
      return b;
    };
    this.forms = {
      process: h("div", { class: "fl-form", role: "group", "aria-label": "A chosen process", hidden: true },
        this.proc, this.stepButton, this.signal, button("Send signal", () => this.sendSignal()), this.why, this.formWhy.process),
      clients: h("div", { class: "fl-form", role: "group", "aria-label": "Clients", hidden: true },
        this.client, this.line, button("Send line", () => this.sendLine()),
        button("Close client", () => this.closeClient(false)), button("Close all clients", () => this.closeClient(true)), this.formWhy.clients),
    };
    this.stepButton.addEventListener("click", () => this.stepProcess());
    this.proc.addEventListener("change", () => this.canStep());
    this.line.addEventListener("keydown", (ev) => { if (ev.key === "Enter") this.sendLine(); });
    this.el.append(this.forms.process, this.forms.clients);
    this.el.addEventListener("keydown", (ev) => {
      if (ev.key !== "Escape" || !this.open) return;
      const back = this.toggles.get(this.open);
      this.show(undefined);
      back?.focus();
      ev.stopPropagation();
    });
  }

  /** The toolbar button that opens a form (its pressed state follows). */
  bind(name: TrayName, toggle: HTMLElement): void {
    this.toggles.set(name, toggle);
  }

  toggle(name: TrayName): void {
    this.show(this.open === name ? undefined : name);
  }

  /** Opens one form (focus on its first control) or closes them all. */
  show(name: TrayName | undefined): void {
    this.open = name;
    if (name && this.unlisted) this.list(this.unlisted);
    for (const [n, f] of Object.entries(this.forms) as Array<[TrayName, HTMLElement]>) {
      f.hidden = n !== name;
      const t = this.toggles.get(n);
      if (t) setPressed(t, n === name);
    }
    // The first control that can act, else the reason none can.
    if (name) (this.forms[name].querySelector<HTMLElement>(":is(select, input, button):not(:disabled)") ?? this.formWhy[name]).focus();
  }

  /** The lists of live processes and clients at the shown step: at once while a form is
   *  open, else when one opens (naming 200 processes on every step is work nobody sees). */
  update(snap: Snapshot): void {
    if (this.open) this.list(snap);
    else this.unlisted = snap;
  }

  private list(snap: Snapshot): void {
    this.unlisted = undefined;
    const clients = snap.processes.filter((p) => p.kind === "client" && p.state !== "zombie");
    setOptions(this.client, clients.length ? clients.map((p) => [String(p.pid), `pid ${p.pid} ${p.name}`]) : [["", "no clients"]]);
    const live = snap.processes.filter((p) => p.state !== "zombie" && p.kind === "program");
    const had = this.procs.has(Number(this.proc.value));
    this.procs = new Map(live.map((p) => [p.pid, p]));
    this.listed = snap;
    setOptions(this.proc, live.length ? live.map((p) => [String(p.pid), `pid ${p.pid} ${p.name}${stateNote(p)}`]) : [["", "no live process"]]);
    // A list opened afresh starts on a process that can run (the learner's choice stays).
    const ready = live.find((p) => !whyNotStep(p, snap));
    if (!had && ready && this.proc.querySelector(`option[value="${ready.pid}"]`)) this.proc.value = String(ready.pid);
    // Every process of the program has exited: nothing here can act (a client would
    // connect to no one, a line reach no one).
    const ended = !live.length;
    this.allow("process", ended ? "The program has ended: no process to step or signal." : "");
    this.allow("clients", ended ? "The program has ended: no client can connect, send or close."
      : clients.length ? "" : "No client is connected: connect one first (C on the picture).");
    this.canStep();
  }

  /** A form's controls act, or are disabled with the reason said in the form. */
  private allow(name: TrayName, why: string): void {
    const form = this.forms[name];
    const hadFocus = form.contains(document.activeElement);
    for (const c of Array.from(form.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>("select, input, button"))) c.disabled = !!why;
    const note = this.formWhy[name];
    note.hidden = !why;
    if (note.textContent !== why) note.textContent = why;
    // Focus on a control now disabled would be lost: it goes to the reason.
    if (why && hadFocus) note.focus();
  }

  /** The step button as the chosen process allows: aria-disabled with the reason when it
   *  cannot run a line (the keyboard still reaches the button and hears why). With no live
   *  process the form's own reason says it, once. */
  private canStep(): void {
    const p = this.procs.get(Number(this.proc.value));
    const why = p && this.listed ? whyNotStep(p, this.listed) : "no live process to step";
    setText(this.why, why && this.procs.size ? `Cannot step: ${why}.` : "");
    if (why) {
      setAttr(this.stepButton, "aria-disabled", "true");
      setAttr(this.stepButton, "title", `Cannot step: ${why}`);
    } else {
      this.stepButton.removeAttribute("aria-disabled");
      setAttr(this.stepButton, "title", `Run the next line of pid ${p!.pid}${p!.line ? ` (line ${p!.line})` : ""}`);
    }
  }

  stepProcess(): void {
    const pid = Number(this.proc.value);
    // Refused here, where the reason is on screen: nothing goes to the host.
    if (!pid || this.stepButton.getAttribute("aria-disabled") === "true") return;
    this.send({ v: PROTOCOL_VERSION, type: "step", pid });
  }

  sendSignal(): void {
    const pid = Number(this.proc.value);
    if (!pid) { this.notice("No process to signal."); return; }
    this.send({ v: PROTOCOL_VERSION, type: "signal", pid, signal: this.signal.value });
  }

  private sendLine(): void {
    const client = Number(this.client.value);
    if (!client) { this.notice("Connect a client first."); return; }
    this.send({ v: PROTOCOL_VERSION, type: "send", client, line: this.line.value });
    this.line.value = "";
  }

  closeClient(all: boolean): void {
    const client = Number(this.client.value);
    if (all) this.send({ v: PROTOCOL_VERSION, type: "close", client: "all" });
    else if (client) this.send({ v: PROTOCOL_VERSION, type: "close", client });
    else this.notice("No client to close.");
  }
}

/** What the process list says after a process's name when it cannot run a line. */
function stateNote(p: Proc): string {
  if (p.state === "blocked") return ` (blocked in ${p.blockedOn ?? "a call"})`;
  return p.state === "stopped" ? " (stopped)" : "";
}
