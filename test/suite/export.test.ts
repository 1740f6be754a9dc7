// Saving the picture offers a file named for the program and the step (echoserverp-step12.png):
// a reviewer saved pictures of several programs and each was offered as forklab-step-N.png.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageEval, pageKeys, pageScreenshot } from "./page";

/** The file name ending in .`ext` in a save dialog on screen (VS Code's own dialog in code-server), once one shows. */
const dialogName = (ext: string) => waitFor(async () => (await pageEval<string | null>(
  `Array.from(document.querySelectorAll('.quick-input-widget input')).filter((i) => i.offsetParent !== null).map((i) => i.value).find((v) => v.endsWith(".${ext}")) ?? null`))[0] ?? undefined,
`the save dialog for .${ext}`, 20000, 150);

/** No save dialog on screen (one closed by Escape goes a moment later). */
const dialogGone = () => waitFor(async () => ((await pageEval<number>(
  "Array.from(document.querySelectorAll('.quick-input-widget input')).filter((i) => i.offsetParent !== null && /\\.(png|svg)$/.test(i.value)).length"))[0] === 0) || undefined,
"the save dialog to close", 20000, 150);

describe("saving the picture", function () {
  this.timeout(120000);
  before(() => forkLab().activate());
  after(async () => {
    await closeSessionsAndEditors();
  });

  it("offers the program's name and the step as the file name", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "echoserverp.c" }), true);
    for (let i = 0; i < 12; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    await inView<string>("(() => { const t = document.querySelector('.fl-stepinfo')?.textContent ?? ''; return t.endsWith('12 / 12') ? t : null; })()");
    for (const [item, ext] of [["Save the picture as PNG", "png"], ["Save the picture as SVG", "svg"]]) {
      await inView<boolean>(`(() => { const b = Array.from(document.querySelectorAll('.fl-menu [role=menuitem]')).find((m) => m.textContent.startsWith(${JSON.stringify(item)})); if (!b) return null; b.click(); return true; })()`);
      const name = await dialogName(ext).catch(async (e: Error) => {
        if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/export-dialog.png`);
        throw e;
      });
      await pageKeys(".quick-input-widget input", ["Escape"]);
      await dialogGone();
      assert.match(name, new RegExp(`/echoserverp-step12\\.${ext}$`), `the dialog offers ${name}`);
    }
  });
});
