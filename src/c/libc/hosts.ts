// <netdb.h>'s old host lookups, gethostbyname and gethostbyaddr, for the one machine the
// model has: "localhost" and the machine's own name (hostname.ts) are 127.0.0.1, and a
// dotted address names itself. The answer lives in one static struct hostent per process,
// overwritten by the next call, as in glibc.
import { Builtin, Ctx } from "../ctl";
import { loopbackName } from "./hostname";
import { heapAlloc, str } from "./sys";

const AF_INET = 2;
const HOSTENT_KEY = "\u0000struct hostent";
/** struct hostent (32 bytes), h_aliases' NULL, h_addr_list's two pointers, the address, the name. */
const ALIASES = 32, ADDRS = 40, ADDR = 56, NAME = 64, SIZE = NAME + 256;

function hostent(c: Ctx, name: string, ip: number[]): number {
  let h = c.p.statics[HOSTENT_KEY];
  if (h === undefined) c.p.statics[HOSTENT_KEY] = h = heapAlloc(c, SIZE);
  c.mem.fill(h, 0, SIZE);
  c.mem.writeString(h + NAME, name.slice(0, 255));
  c.mem.write64(h, h + NAME);
  c.mem.write64(h + 8, h + ALIASES);
  c.mem.writeU(h + 16, 4, AF_INET);
  c.mem.writeU(h + 20, 4, 4);
  c.mem.write64(h + 24, h + ADDRS);
  c.mem.write64(h + ADDRS, h + ADDR);
  c.mem.writeBytes(h + ADDR, new Uint8Array(ip));
  return h;
}

function dotted(s: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  const ip = m?.slice(1).map(Number);
  return ip && ip.every((b) => b < 256) ? ip : undefined;
}

export const hosts: Builtin[] = [
  {
    name: "gethostbyname", fn: (c, a) => {
      const name = str(c, a[0]);
      if (loopbackName(name)) return hostent(c, name, [127, 0, 0, 1]);
      const ip = dotted(name);
      return ip ? hostent(c, name, ip) : 0;
    },
  },
  {
    name: "gethostbyaddr", fn: (c, a) => {
      const [addr, len, type] = a;
      if (type !== AF_INET || len < 4) return 0;
      const ip = [...c.mem.readBytes(addr, 4)];
      return ip.join(".") === "127.0.0.1" ? hostent(c, "localhost", ip) : 0;
    },
  },
];
