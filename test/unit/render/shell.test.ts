// The webview's HTML shell: the Content-Security-Policy forbids everything but this
// load's nonce-tagged script and style and the extension's own files.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { csp, makeNonce, viewHtml } from "../../../src/extension/view/html";

describe("webview shell", () => {
  const nonce = makeNonce((n) => randomBytes(n));
  const html = viewHtml({ cspSource: "vscode-webview://x", nonce, scriptUri: "vscode-webview://x/dist/webview.js",
    styleUri: "vscode-webview://x/media/view.css", iconsUri: "vscode-webview://x/dist/codicon.css", title: "t" });

  it("allows scripts only with the nonce, and nothing remote", () => {
    const policy = csp("vscode-webview://x", nonce);
    assert.match(policy, /^default-src 'none';/);
    assert.match(policy, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
    assert.ok(!/unsafe-inline|unsafe-eval|https?:|\*/.test(policy), policy);
    assert.ok(html.includes(`<script nonce="${nonce}" src="vscode-webview://x/dist/webview.js">`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it("uses a fresh, long nonce each time", () => {
    const other = makeNonce((n) => randomBytes(n));
    assert.notEqual(nonce, other);
    assert.match(nonce, /^[0-9a-z]{32}$/);
  });
});
