// A colour per pid, the same hue as the view (src/render/palette): the line each live
// process runs next gets a tinted background, a gutter dot, an overview-ruler mark and a
// small "pid N" label after the line. A line shows a few processes so and counts the rest
// in one "N more" label (marker.ts): a fork bomb's thousands of processes on one line would
// stack their tints into an opaque bar over the code and make the editor crawl. A pid's
// decoration type lives while some editor shows it.
import * as vscode from "vscode";
import { ColourScheme, pidColor } from "../../render/palette";
import type { Sessions } from "../session/sessions";
import { MARKER_MARGIN_EM, markedLines, moreMarker, pidMarker } from "./marker";

function scheme(): ColourScheme {
  const k = vscode.window.activeColorTheme.kind;
  if (k === vscode.ColorThemeKind.HighContrast || k === vscode.ColorThemeKind.HighContrastLight) return "hc";
  return k === vscode.ColorThemeKind.Light ? "light" : "dark";
}

function dot(colour: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="5" fill="${colour}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

export class PidDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** The "N more" label, one type for every line (each range brings its own text). */
  private moreType: vscode.TextEditorDecorationType | undefined;
  /** The lines each editor was last given per type: only changes go to the workbench. */
  private painted = new WeakMap<vscode.TextEditor, Map<vscode.TextEditorDecorationType, string>>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly sessions: Sessions) {
    this.subs.push(
      sessions.onDidChange(() => this.paint()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paint()),
      vscode.window.onDidChangeActiveColorTheme(() => { this.clear(); this.paint(); }),
    );
  }

  private type(pid: number): vscode.TextEditorDecorationType {
    const sc = scheme();
    const k = `${sc}:${pid}`;
    let t = this.types.get(k);
    if (!t) {
      const colour = pidColor(pid, sc);
      t = vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: pidColor(pid, sc, 0.14),
        borderColor: colour,
        borderStyle: "solid",
        borderWidth: "0 0 0 3px",
        gutterIconPath: dot(colour),
        gutterIconSize: "contain",
        overviewRulerColor: colour,
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        after: { contentText: pidMarker(pid), color: colour, margin: `0 0 0 ${MARKER_MARGIN_EM}em`, fontStyle: "italic" },
      });
      this.types.set(k, t);
    }
    return t;
  }

  private more(): vscode.TextEditorDecorationType {
    return (this.moreType ??= vscode.window.createTextEditorDecorationType({
      after: { color: new vscode.ThemeColor("descriptionForeground"), margin: `0 0 0 ${MARKER_MARGIN_EM}em`, fontStyle: "italic" },
    }));
  }

  /** Which pid sits on which line, for every visible editor with a session. */
  paint(): void {
    const used = new Set<vscode.TextEditorDecorationType>();
    for (const ed of vscode.window.visibleTextEditors) {
      const s = this.sessions.get(ed.document.uri);
      const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>();
      for (const t of this.types.values()) byType.set(t, []);
      byType.set(this.more(), []);
      if (s && !s.stale) {
        for (const [line, { pids, more }] of markedLines(s.model.current.processes, ed.document.lineCount)) {
          const range = ed.document.lineAt(line).range;
          for (const pid of pids) {
            const t = this.type(pid);
            const list = byType.get(t);
            if (list) list.push({ range });
            else byType.set(t, [{ range }]);
          }
          if (more) byType.get(this.more())!.push({ range, renderOptions: { after: { contentText: moreMarker(more) } } });
        }
      }
      let had = this.painted.get(ed);
      if (!had) this.painted.set(ed, had = new Map());
      for (const [t, options] of byType) {
        if (options.length) used.add(t);
        const key = options.map((o) => `${o.range.start.line}${o.renderOptions?.after?.contentText ?? ""}`).join(",");
        if (had.get(t) === key) continue;
        had.set(t, key);
        ed.setDecorations(t, options);
      }
    }
    // A pid no editor shows now gives its type back (disposing it takes its decorations away).
    for (const [k, t] of this.types) if (!used.has(t)) { t.dispose(); this.types.delete(k); }
  }

  /** Forget the decoration types (a theme change needs new colours). */
  private clear(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    this.moreType?.dispose();
    this.moreType = undefined;
    this.painted = new WeakMap();
  }

  dispose(): void {
    this.clear();
    this.subs.forEach((d) => d.dispose());
  }
}
