// The webview's HTML shell: a strict Content-Security-Policy (no remote anything, scripts
// and the figure's stylesheet only with this load's nonce), the view's stylesheet and
// script from dist/ and media/. No vscode import, so it is testable under node.

export interface ShellInput {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The codicon font's stylesheet (dist/codicon.css, next to codicon.ttf). */
  iconsUri: string;
  title: string;
}

export function csp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // data:/blob: images: the PNG export draws the SVG through an <img> onto a canvas.
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join("; ");
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function viewHtml(i: ShellInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(i.iconsUri)}">
<link rel="stylesheet" href="${attr(i.styleUri)}">
<title>${attr(i.title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${attr(i.nonce)}" src="${attr(i.scriptUri)}"></script>
</body>
</html>`;
}

/** A fresh nonce per load: 32 characters from a CSPRNG. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  return Array.from(random(24), (b) => b.toString(36).padStart(2, "0")).join("").slice(0, 32);
}
