// The setting forklab.view.zoom, written one value at a time so that every press of a
// fast burst counts: a press reads the value last asked for, not the setting (whose
// write may still be under way), and a value asked for during a write is written next
// (the latest wins; the ones between it and the last written are never needed).
import * as vscode from "vscode";
import { zoomOf } from "../../contract/zoom";

/** forklab.view.zoom, within the range the view draws. */
export function zoomSetting(): number {
  return zoomOf(vscode.workspace.getConfiguration("forklab.view").get<number>("zoom", 1));
}

export class ZoomSetting {
  /** The zoom asked for and not yet written. */
  private wanted: number | undefined;
  private running: Promise<void> | undefined;

  /** The zoom to step from: the last one asked for, written or not. */
  get value(): number {
    return this.wanted ?? zoomSetting();
  }

  /** A write is under way (the changes it causes are on their way to the view already). */
  get writing(): boolean {
    return this.running !== undefined;
  }

  /** Asks for `z`; resolves once it (or a later value) is written. */
  set(z: number): Promise<void> {
    this.wanted = zoomOf(z);
    // Started after this call returns, so `running` is set before the loop can end.
    this.running ??= Promise.resolve().then(() => this.drain());
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.wanted !== undefined) {
        const z = this.wanted;
        if (z !== zoomSetting()) await vscode.workspace.getConfiguration("forklab.view").update("zoom", z, vscode.ConfigurationTarget.Global);
        if (this.wanted === z) this.wanted = undefined;
      }
    } catch (err) {
      this.wanted = undefined;
      throw err;
    } finally {
      this.running = undefined;
    }
  }
}
