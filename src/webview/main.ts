// Entry of the script that runs inside the webview: validates every message from the
// host, draws it, and sends the user's actions back (validated too, as a self-check).
import { figureCss } from "../render/svg";
import { App } from "./app";
import { HostMessage, PROTOCOL_VERSION, ViewMessage, hostMessageProblem, viewMessageProblem } from "../contract/protocol";
import { savedState } from "./state";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// The figure's stylesheet, installed once under the page's CSP nonce (the live SVG
// carries no <style> of its own).
const style = document.createElement("style");
style.nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? "";
style.textContent = figureCss(true);
document.head.append(style);
const root = document.getElementById("app") ?? document.body;

function send(m: ViewMessage): void {
  const problem = viewMessageProblem(m);
  if (problem) { app.notice(`Not sent (${problem}).`); return; }
  vscode.postMessage(m);
}

const app = new App(root, send);

function receive(data: unknown, from: string): void {
  const problem = hostMessageProblem(data);
  if (problem) {
    app.notice(`Ignored a message from ${from}: ${problem}`);
    return;
  }
  const m = data as HostMessage;
  if (app.receive(m) && m.type === "history") saveSoon();
}

// Saving the whole history costs more than a step: do it once the steps stop coming,
// and at once when the view is hidden (it may be torn down).
let saveTimer: ReturnType<typeof setTimeout> | undefined;
function save(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = undefined;
  const state = savedState(app.history);
  if (state) vscode.setState(state);
}
function saveSoon(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 400);
}
document.addEventListener("visibilitychange", () => { if (document.hidden && saveTimer !== undefined) save(); });

window.addEventListener("message", (ev: MessageEvent) => receive(ev.data, "the extension"));
// After a reload the history comes back from the saved state before the host answers.
const saved = vscode.getState();
if (saved) receive(saved, "the saved state");
send({ v: PROTOCOL_VERSION, type: "ready" });
