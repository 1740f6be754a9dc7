// A program's folder as the model's Web Worker gets it (it reads no files): every regular
// file of the folder, read through vscode.workspace.fs (local, remote or virtual). On a
// remote that is two round trips over the network per file (the course examples: some 150),
// which each Start Stepping paid again, at the learner's click. A folder is read once,
// ahead when a C file in it comes on screen (src/extension/session/ahead.ts) or at the first
// open, and kept until something in it changes: the file system watcher's events and the
// workbench's own (a save, a create, a delete, a rename) drop the folder's copy, so the next
// open reads it again.
import * as vscode from "vscode";
import { baseOf, dirOf } from "../../host/posix-path";
import type { FolderFiles } from "../../host/worker/protocol";

/** Files larger than this in a program's folder are not sent to the model. */
const FILE_LIMIT = 1 << 20;
/** At most this many files of a program's folder are sent. */
const FOLDER_LIMIT = 300;
/** Folders kept at once (the one read longest ago goes first)... */
const FOLDERS_KEPT = 4;
/** ...and a folder holding more than this is sent but not kept. */
const BYTES_KEPT = 16 << 20;

/** The document (or a workspace file) with this fsPath, as a URI of its own scheme. */
function uriOf(fsPath: string): vscode.Uri {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === fsPath);
  if (doc) return doc.uri;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? folder.with({ path: fsPath }) : vscode.Uri.file(fsPath);
}

/** The regular files of `dir` (not its subfolders), by fsPath. */
async function readFolder(dir: vscode.Uri, dirPath: string): Promise<FolderFiles> {
  const files: FolderFiles = {};
  // A folder that cannot be listed (an extension's own files served over https) gives none:
  // the program runs from its text alone, csapp.h and the system headers being built in.
  const listed = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch(() => [] as Array<[string, vscode.FileType]>);
  const entries = listed.filter(([, t]) => t === vscode.FileType.File).slice(0, FOLDER_LIMIT);
  await Promise.all(entries.map(async ([name]) => {
    const uri = vscode.Uri.joinPath(dir, name);
    if ((await vscode.workspace.fs.stat(uri)).size > FILE_LIMIT) return;
    files[`${dirPath === "/" ? "" : dirPath}/${baseOf(name)}`] = await vscode.workspace.fs.readFile(uri);
  }));
  return files;
}

interface Held { files: Promise<FolderFiles>; watcher?: vscode.Disposable }

export class Folders implements vscode.Disposable {
  /** By the folder's fsPath, in the order read. */
  private readonly held = new Map<string, Held>();
  private readonly subs: vscode.Disposable[];

  constructor() {
    const dropAll = (uris: readonly vscode.Uri[]) => { for (const u of uris) this.drop(dirOf(u.fsPath)); };
    this.subs = [
      vscode.workspace.onDidSaveTextDocument((d) => this.drop(dirOf(d.uri.fsPath))),
      vscode.workspace.onDidCreateFiles((e) => dropAll(e.files)),
      vscode.workspace.onDidDeleteFiles((e) => dropAll(e.files)),
      vscode.workspace.onDidRenameFiles((e) => dropAll(e.files.flatMap((f) => [f.oldUri, f.newUri]))),
    ];
  }

  /** The files of `file`'s folder: the copy kept, else read now (and kept). */
  files(file: string): Promise<FolderFiles> {
    const dirPath = dirOf(file);
    const kept = this.held.get(dirPath);
    if (kept) return kept.files;
    const dir = vscode.Uri.joinPath(uriOf(file), "..");
    const held: Held = { files: readFolder(dir, dirPath), watcher: this.watch(dir, dirPath) };
    this.held.set(dirPath, held);
    for (const old of [...this.held.keys()].slice(0, Math.max(0, this.held.size - FOLDERS_KEPT))) this.drop(old);
    // A failed read is not kept; nor a folder too large to keep.
    held.files.then((f) => {
      let bytes = 0;
      for (const b of Object.values(f)) bytes += b.byteLength;
      if (bytes > BYTES_KEPT) this.drop(dirPath, held);
    }, () => this.drop(dirPath, held));
    return held.files;
  }

  /** The file at `path` from its folder's copy (undefined in it when the copy has no such
   *  file, or its read failed); undefined when the folder is not kept. */
  kept(path: string): Promise<Uint8Array | undefined> | undefined {
    // A read that failed has nothing to give: the caller reads the file itself.
    return this.held.get(dirOf(path))?.files.then((f) => f[path], () => undefined);
  }

  /** Forgets the copy of `dirPath` (only `which`, when given: not a newer read of the folder). */
  private drop(dirPath: string, which?: Held): void {
    const h = this.held.get(dirPath);
    if (!h || (which && h !== which)) return;
    h.watcher?.dispose();
    this.held.delete(dirPath);
  }

  /** Changes made outside the workbench (a terminal, another program): none where the file
   *  system cannot be watched, where the workbench's own events still hold. */
  private watch(dir: vscode.Uri, dirPath: string): vscode.Disposable | undefined {
    try {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, "*"));
      const drop = () => this.drop(dirPath);
      w.onDidChange(drop);
      w.onDidCreate(drop);
      w.onDidDelete(drop);
      return w;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const h of this.held.values()) h.watcher?.dispose();
    this.held.clear();
    this.subs.forEach((d) => d.dispose());
  }
}
