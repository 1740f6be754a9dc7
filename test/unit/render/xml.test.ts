// An exported picture is a file other programs open: whatever bytes the program printed
// (control characters, terminal escape sequences, bytes that are not UTF-8), the SVG must
// be XML a strict parser accepts, and the bytes must still show in it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { loadSession } from "../../../src/host/load";
import { renderSvg, terminalAt } from "../../../src/render";
import { esc } from "../../../src/render/text";
import type { Snapshot } from "../../../src/contract/snapshot";
import { fixture } from "./page";

/** Parses `xml` with a conformant XML 1.0 parser; throws on the first well-formedness error. */
function parseXml(xml: string): { elements: number; text: string } {
  const p = new SaxesParser({ xmlns: true });
  let elements = 0;
  let text = "";
  p.on("error", (e) => { throw e; });
  p.on("opentag", () => { elements++; });
  p.on("text", (t) => { text += t; });
  p.write(xml).close();
  return { elements, text };
}

/** Every UTF-16 code unit from 0 to 0x2ff, and the ones XML forbids even as references. */
const NASTY = String.fromCharCode(...Array.from({ length: 0x300 }, (_, i) => i)) + "\ud800x\udc00\ufffe\uffff\u001b[31mred\u001b[0m";

describe("render: an exported SVG is XML whatever the program printed", () => {
  it("esc turns characters XML cannot hold into visible stand-ins (control pictures)", () => {
    assert.equal(esc("a\u0001b\u001b[0m\tc\n"), "a\u2401b\u241b[0m\tc\n");
    assert.equal(esc("\ud800"), "\ufffd", "a lone surrogate");
    assert.equal(esc("\ud83d\ude00"), "\ud83d\ude00", "a surrogate pair is kept");
    assert.equal(esc("<&>"), "&lt;&amp;&gt;");
  });

  it("a Snapshot carrying every control character in output, names and buffers parses as XML", () => {
    const s: Snapshot = fixture("echo-two-clients");
    const p = s.processes.find((x) => x.kind === "program")!;
    p.name = `srv${NASTY}`;
    p.blockedOn = `read(${NASTY})`;
    p.stdio.stdout.buffered = NASTY;
    const sock = s.objects.find((o) => o.kind === "socket");
    assert.ok(sock && sock.kind === "socket");
    sock.recvQueue = NASTY;
    s.output = [{ pid: p.pid, fd: 1, text: NASTY }];
    for (const scheme of ["light", "dark", "hc"] as const) {
      const svg = renderSvg(s, fixture("echo-two-clients.prev"), { scheme }, terminalAt([s], 0));
      const { elements } = parseXml(svg);
      assert.ok(elements > 50, `${elements} elements`);
    }
  });

  it("a program that prints every byte and an escape sequence renders to parseable XML showing them", async () => {
    const file = join(__dirname, "fixtures", "allbytes.c");
    const { session, errors } = await loadSession(file, { stdout: "tty" });
    assert.deepEqual(errors, []);
    const history = [session!.snapshot()];
    while (!session!.ended) { session!.step(); history.push(session!.snapshot()); }
    const last = history.length - 1;
    const svg = renderSvg(history[last], history[last - 1], { scheme: "light" }, terminalAt(history, last));
    const { text } = parseXml(svg);
    assert.ok(text.includes("\u241b[31mred"), "ESC is shown as its control picture");
    assert.ok(text.includes("red"));
  });
});
