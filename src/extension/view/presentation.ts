// The presentation layout (a lecture): the code and the picture only. On, it closes the
// side bar and the panel, turns the editor's minimap off and its word wrap on (the code is
// read whole: at 1920x1080 the code's 30% cut it at about 45 characters where the minimap
// began), and shares the editor area between the code and the picture (code.ts), the code's
// column wide enough for Fork Lab's own markers at its line ends ("◀ pid 3": the editor wraps
// the text but not them, and cut them at its edge); off, it
// puts back exactly what it changed: the editor groups' sizes, the two settings as the
// learner had them, and the side bar and the panel only if they were open. VS Code does
// not tell an extension whether either is open, so the view's own size says it: a part
// that was open gives the view room as it closes.
import * as vscode from "vscode";
import type { Sessions } from "../session/sessions";
import { LineMarks, markedLines } from "../editor/marker";
import { CODE_LEAST, codeShare, markedColumns } from "./code";
import type { DescriptorView, ViewSize } from "./panel";
import { VIEW_TYPE } from "./panel";
import { EditorSettings } from "./settings";

/** How long a closing part has to give the view room (a loaded machine lays out slowly). */
const GROW_MS = 2000;
/** Pixels the view must grow by: less is a scroll bar or a rounding, not a part closing. */
const GROW_PX = 40;

interface Before {
  /** vscode.getEditorLayout before the change. */
  layout: unknown;
  sideBar: boolean;
  panel: boolean;
}

/** The editor settings the layout changes while it is on: the code is read whole. */
const EDITOR: Record<string, unknown> = { "minimap.enabled": false, wordWrap: "on" };

export class Presentation {
  private before: Before | undefined;
  private readonly settings: EditorSettings;
  /** The columns the code's column was last sized for, and the watch on the sessions that
   *  widens it when the markers come to need more (while the layout is on). */
  private sizedFor = 0;
  private watch: vscode.Disposable | undefined;

  /** `kept` holds the learner's settings while the layout is on (a window closed then gets
   *  them back when Fork Lab starts next); `sessions` says where the markers are. */
  constructor(private readonly view: DescriptorView, kept: vscode.Memento, private readonly sessions: Sessions) {
    this.settings = new EditorSettings(kept);
  }

  /** Turns the layout on or off (`want`: to that, and nothing when it is so already);
   *  returns whether it is on. */
  async toggle(want?: boolean): Promise<boolean> {
    const on = want ?? !this.view.presenting;
    if (on === this.view.presenting) return on;
    this.view.setPresentation(on);
    if (on) await this.start();
    else await this.stop();
    return on;
  }

  private async start(): Promise<void> {
    const layout = await vscode.commands.executeCommand("vscode.getEditorLayout");
    const sideBar = await this.closes("workbench.action.closeSidebar", "width");
    const panel = await this.closes("workbench.action.closePanel", "height");
    this.before = { layout, sideBar, panel };
    // The groups first, as the parts close (the view's fitted scale follows its width); the
    // settings take a moment to write.
    await this.share();
    this.watch = this.sessions.onDidChange(() => void this.widen());
    await this.settings.set(EDITOR);
  }

  /** The code editor beside the view, with the view's group's index, when the editor area is
   *  the two of them. */
  private beside(): { code: vscode.TextEditor; at: number } | undefined {
    const groups = vscode.window.tabGroups.all;
    if (groups.length !== 2) return undefined;
    const at = groups.findIndex((g) => g.activeTab?.input instanceof vscode.TabInputWebview && g.activeTab.input.viewType.endsWith(VIEW_TYPE));
    const code = vscode.window.visibleTextEditors.find((e) => e.viewColumn === groups[1 - at]?.viewColumn);
    return at >= 0 && code ? { code, at } : undefined;
  }

  /** The columns `code` needs: its lines with the markers its session shows (code.ts). */
  private columns(code: vscode.TextEditor): number {
    const s = this.sessions.get(code.document.uri);
    const marks = s && !s.stale ? markedLines(s.model.current.processes, code.document.lineCount) : new Map<number, LineMarks>();
    return markedColumns(code.document.getText(), Number(code.options.tabSize) || 4, marks);
  }

  /** A step moved the markers: the code's column grows when they need more than it was
   *  sized for, and never shrinks while the layout is on (no layout moving at every step). */
  private async widen(): Promise<void> {
    const b = this.beside();
    if (!this.before || !b || !this.view.visibleSize || this.columns(b.code) <= this.sizedFor) return;
    await this.share();
  }

  /** Two groups side by side, the view in one and code in the other: the code gets the
   *  width its longest line needs with the markers it carries (columns), where the picture
   *  keeps its 16 px text, and at least CODE_LEAST (codeShare). Measured from the view: its
   *  width is its group's. */
  private async share(): Promise<void> {
    const b = this.beside();
    if (!b) return;
    const { code, at } = b;
    const layout = await vscode.commands.executeCommand<{ groups?: Array<{ size?: number }> }>("vscode.getEditorLayout");
    const sizes = (layout?.groups ?? []).map((g) => g.size ?? 0);
    const view = this.view.visibleSize;
    let share = CODE_LEAST;
    if (view && sizes.length === 2 && sizes[at] > 0) {
      const editor = vscode.workspace.getConfiguration("editor", code.document);
      const columns = this.sizedFor = Math.max(this.sizedFor, this.columns(code));
      share = codeShare(view.width * (sizes[0] + sizes[1]) / sizes[at], columns, editor.get<number>("fontSize", 14));
    }
    const codeFirst = at !== 0;
    await vscode.commands.executeCommand("vscode.setEditorLayout",
      { orientation: 0, groups: codeFirst ? [{ size: share }, { size: 1 - share }] : [{ size: 1 - share }, { size: share }] });
  }

  private async stop(): Promise<void> {
    const b = this.before;
    this.before = undefined;
    this.watch?.dispose();
    this.watch = undefined;
    this.sizedFor = 0;
    if (!b) return;
    // Opening a part focuses it: focus goes back to the editor group after.
    await this.settings.restore();
    if (b.sideBar) await vscode.commands.executeCommand("workbench.action.focusSideBar");
    if (b.panel) await vscode.commands.executeCommand("workbench.action.focusPanel");
    // The groups as they were, once the parts have taken their room back.
    if (b.layout) await vscode.commands.executeCommand("vscode.setEditorLayout", b.layout);
    await vscode.commands.executeCommand("workbench.action.focusActiveEditorGroup");
  }

  /**
   * Runs `close` (a part's Close command) and says whether the part was open: the view grew
   * along `side`. With the view not on screen nothing can be measured: the part counts as
   * open (turning the layout off then opens it).
   */
  private async closes(close: string, side: keyof ViewSize): Promise<boolean> {
    const was = this.view.visibleSize;
    await vscode.commands.executeCommand(close);
    if (!was) return true;
    return this.view.waitForSize((s) => s[side] >= was[side] + GROW_PX, GROW_MS);
  }
}
