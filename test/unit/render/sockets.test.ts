// AF_UNIX and UDP sockets as the figure and the text view show them: a UNIX socket's kind
// and its unnamed ends, a UDP socket's datagrams one by one with their senders.
import assert from "node:assert/strict";
import { AF_INET, AF_UNIX, Kernel, SOCK_DGRAM, SOCK_STREAM } from "../../../src/kernel/kernel";
import { renderSvg, textView } from "../../../src/render";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function sockets(): Kernel {
  const k = new Kernel();
  const pid = k.spawn({ name: "prog" });
  k.socketpair(pid, AF_UNIX, SOCK_STREAM, 0);
  const u = k.socket(pid, AF_INET, SOCK_DGRAM, 0);
  const c = k.socket(pid, AF_INET, SOCK_DGRAM, 0);
  if (!("ret" in u) || !("ret" in c)) throw new Error("socket blocked");
  k.bind(pid, u.ret, { host: "127.0.0.1", port: 9000 });
  k.sendto(pid, c.ret, enc("one"), { host: "127.0.0.1", port: 9000 });
  k.sendto(pid, c.ret, enc("two!"), { host: "127.0.0.1", port: 9000 });
  return k;
}

describe("sockets of the other families in the picture", () => {
  it("the text view names UNIX sockets and their unnamed ends, and lists a UDP socket's datagrams", () => {
    const view = textView(sockets().snapshot(1));
    const text = JSON.stringify(view.tables).replace(/\\"/g, '"');
    assert.match(text, /"UNIX socket ↔ \(unnamed\)"/);
    assert.match(text, /\(unnamed\) <-> \(unnamed\)/);
    assert.match(text, /UDP 127\.0\.0\.1:9000, datagrams waiting \[127\.0\.0\.1:\d+ "one", 127\.0\.0\.1:\d+ "two!"\]/);
  });

  it("the figure titles each box by its kind and draws each datagram whole", () => {
    const svg = renderSvg(sockets().snapshot(1));
    assert.equal((svg.match(/>UNIX socket</g) ?? []).length, 2);
    assert.match(svg, />UDP socket</);
    assert.match(svg, /2 datagrams waiting/);
    assert.match(svg, /from :\d+ <\/tspan><tspan class="fl-t fl-mono fl-small">&quot;one&quot;/);
  });
});
