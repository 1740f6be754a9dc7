// Loopback ports on this machine for the servers we start (the real echo server, the
// fidelity and check runs, tests): whether one is free now, and one to use.
import { readFileSync } from "node:fs";
import * as net from "node:net";

/** Whether address:port can be bound now; the error code when not. */
export function portFree(address: string, port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const s = net.createServer();
    s.once("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    s.listen({ host: address, port, exclusive: true }, () => s.close(() => done(undefined)));
  });
}

/** The range the kernel takes ports from for bind(0) and for outgoing connections
 *  (Linux: net.ipv4.ip_local_port_range; elsewhere the common default). */
export function ephemeralRange(read: () => string = () => readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8")): [number, number] {
  try {
    const [lo, hi] = read().trim().split(/\s+/).map(Number);
    if (Number.isInteger(lo) && Number.isInteger(hi) && lo > 0 && lo <= hi && hi <= 65535) return [lo, hi];
  } catch {
    // Not Linux, or /proc not mounted.
  }
  return [32768, 60999];
}

/** Ports we choose from: above the well-known and registered-by-habit ones (under 10000)
 *  and outside the ephemeral range, on whichever side has more room. */
export function choiceRange([lo, hi]: [number, number]): [number, number] {
  const below: [number, number] = [10000, lo - 1];
  const above: [number, number] = [Math.max(10000, hi + 1), 65535];
  const room = ([a, b]: [number, number]) => b - a + 1;
  return room(below) >= room(above) ? below : above;
}

/** A loopback port nobody listens on now, chosen outside the ephemeral range. A port the
 *  kernel picked for bind(0) is one it hands to outgoing connections too, so between our
 *  letting it go and the server binding it, any client's connect() could take it; a port
 *  outside that range is only ever taken by someone binding it by number. */
export async function freePort(range: [number, number] = choiceRange(ephemeralRange())): Promise<number> {
  const [a, b] = range;
  if (b - a >= 100) {
    for (let tries = 0; tries < 50; tries++) {
      const port = a + Math.floor(Math.random() * (b - a + 1));
      if ((await portFree("127.0.0.1", port)) === undefined) return port;
    }
  }
  return kernelPort();
}

/** A port the kernel picks (bind to port 0), given back at once. */
function kernelPort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer().once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => res(port));
    });
  });
}
