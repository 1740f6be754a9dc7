// The real half of `forklab check`: the learner's server compiled by gcc, started for each
// check in a process group of its own on 127.0.0.1 with a free port, played the same clients
// as the model's Scenario (scenarios.ts) by node sockets, judged from /proc, then stopped
// with its whole group reaped. Linux only.

import { CheckId, Exercise, HalfResult, exchangeFor, listWords, quote } from "./checks";
import { RealClient } from "./realclient";
import { RealServer, describeProc, describeStatus, descriptors, sleep } from "./realserver";
import { REAP_CLIENTS } from "./scenarios";
import { listeningInodes } from "../../live/discover";

/** How long a client waits for an answer. */
const ANSWER_MS = 3000;

export interface RealTarget {
  exe: string;
  reaper: string;
  cwd: string;
}

/** A check's procedure: it may throw; the caller stops the server in any case. */
type Procedure = (srv: RealServer, ex: Exercise) => Promise<HalfResult>;

function fail(message: string, evidence: string[]): HalfResult {
  return { ok: false, message: evidence.length ? `${message} (${evidence[0]})` : message, evidence };
}

/** The server's processes from /proc, one line each. */
const evidenceOf = (srv: RealServer): string[] => srv.procs().map(describeProc);

/** The server's end, when it ended, with its last stderr line. */
function ended(srv: RealServer): string | undefined {
  if (srv.alive()) return undefined;
  const err = srv.stderr.lastLine();
  return `the server (pid ${srv.pid}) ${describeStatus(srv.exit!.status)}${err ? ` after writing "${err}" to stderr` : ""}`;
}

const echo: Procedure = async (srv, ex) => {
  const c = await RealClient.open(srv.port);
  try {
    for (const n of [0, 1]) {
      const e = exchangeFor(ex, n);
      const got = await c.ask(e.send, e.answer.length, ANSWER_MS);
      if (got !== e.answer) {
        const what = got === "" ? `client 1 sent ${quote(e.send)} and got no answer in ${ANSWER_MS / 1000} s` : `client 1 sent ${quote(e.send)} and got back ${quote(got)} instead of ${quote(e.answer)}`;
        return fail(ended(srv) ?? what, evidenceOf(srv));
      }
    }
    return { ok: true, message: "client 1 got 2 right answers" };
  } finally {
    c.close();
  }
};

const concurrent: Procedure = async (srv, ex) => {
  const first = await RealClient.open(srv.port);
  await srv.settle(300);
  const second = await RealClient.open(srv.port);
  try {
    const e = exchangeFor(ex, 0);
    const got = await second.ask(e.send, 1, ANSWER_MS);
    if (got) return { ok: true, message: "client 2 was answered while client 1 stayed connected and silent" };
    const evidence = evidenceOf(srv);
    return fail(ended(srv) ?? `client 2 sent ${quote(e.send)} and got no answer in ${ANSWER_MS / 1000} s while client 1 stayed connected and silent`, evidence);
  } finally {
    first.close();
    second.close();
  }
};

const reaps: Procedure = async (srv, ex) => {
  const clients: RealClient[] = [];
  for (let n = 0; n < REAP_CLIENTS; n++) {
    const c = await RealClient.open(srv.port);
    clients.push(c);
    const e = exchangeFor(ex, n);
    // An unanswered client (a server that is not concurrent) still leaves with the others.
    await c.ask(e.send, 1, ANSWER_MS);
  }
  const children = (await srv.settle()).filter((p) => p.ppid === srv.pid && p.state !== "Z").map((p) => p.pid);
  // "At the same moment", made exact: the parent is stopped while the clients leave and
  // their children end, so every SIGCHLD arrives while one is already pending.
  try { process.kill(srv.pid, "SIGSTOP"); } catch { /* it has ended: judged below */ }
  for (const c of clients) c.close();
  const deadline = Date.now() + 1500;
  while (Date.now() < deadline && srv.procs().some((p) => children.includes(p.pid) && p.state !== "Z")) await sleep(10);
  try { process.kill(srv.pid, "SIGCONT"); } catch { /* ended */ }
  // A right server reaps them all once it runs again.
  let zombies = srv.procs().filter((p) => p.state === "Z");
  const until = Date.now() + 1000;
  while (zombies.length && Date.now() < until) {
    await sleep(20);
    zombies = srv.procs().filter((p) => p.state === "Z");
  }
  if (!zombies.length) return { ok: true, message: `no zombie after ${REAP_CLIENTS} clients left at the same moment` };
  return fail(`after ${REAP_CLIENTS} clients left at the same moment, ${listWords(zombies.map((z) => `pid ${z.pid}`))} ${zombies.length === 1 ? "is a zombie" : "are zombies"} 1 s later`, evidenceOf(srv));
};

const parentCloses: Procedure = async (srv, ex) => {
  await srv.settle();
  const before = descriptors(srv.pid).map((d) => d.fd);
  for (const n of [0, 1]) {
    const c = await RealClient.open(srv.port);
    await c.ask(exchangeFor(ex, n).send, 1, ANSWER_MS);
    c.close();
    await sleep(50);
    await srv.settle();
  }
  let after = descriptors(srv.pid);
  const until = Date.now() + 1000;
  while (after.length > before.length && Date.now() < until) {
    await sleep(20);
    after = descriptors(srv.pid);
  }
  if (ended(srv)) return fail(ended(srv)!, evidenceOf(srv));
  if (after.length <= before.length) return { ok: true, message: `pid ${srv.pid} holds ${after.length} descriptors after the clients left, as before the first` };
  const extra = after.filter((d) => !before.includes(d.fd)).map((d) => `/proc/${srv.pid}/fd/${d.fd} -> ${d.link}`);
  return fail(`after 2 clients left, pid ${srv.pid} holds ${after.length} descriptors, ${after.length - before.length} more than the ${before.length} it held before the first client`, extra);
};

const childClosesListenfd: Procedure = async (srv, ex) => {
  const inodes = new Set(listeningInodes(srv.port, "127.0.0.1").map((i) => `socket:[${i}]`));
  const c = await RealClient.open(srv.port);
  try {
    await c.ask(exchangeFor(ex, 0).send, 1, ANSWER_MS);
    const procs = (await srv.settle()).filter((p) => p.pid !== srv.pid && p.state !== "Z");
    const held = procs.flatMap((p) => descriptors(p.pid).filter((d) => inodes.has(d.link)).map((d) => ({ p, d })));
    if (!held.length) return { ok: true, message: procs.length ? "no child holds the listening socket while client 1 is served" : "no child serves clients, so none holds the listening socket" };
    const lines = held.map(({ p, d }) => `/proc/${p.pid}/fd/${d.fd} -> ${d.link}, the socket listening on 127.0.0.1:${srv.port}`);
    return fail(`pid ${held[0].p.pid}, a child serving client 1, still holds the listening socket as fd ${held[0].d.fd}`, lines);
  } finally {
    c.close();
  }
};

const survivesReset: Procedure = async (srv, ex) => {
  const first = await RealClient.open(srv.port);
  await first.reset(exchangeFor(ex, 0).send, ANSWER_MS);
  await sleep(50);
  await srv.settle();
  const e = exchangeFor(ex, 1);
  let got = "";
  if (srv.alive()) {
    const second = await RealClient.open(srv.port).catch(() => undefined);
    got = second ? await second.ask(e.send, 1, ANSWER_MS) : "";
    second?.close();
  }
  if (srv.alive() && got) return { ok: true, message: "after client 1 reset its connection, client 2 was answered" };
  const why = ended(srv) ?? `client 2 sent ${quote(e.send)} and got no answer in ${ANSWER_MS / 1000} s`;
  return fail(`after client 1 reset its connection, ${why}`, evidenceOf(srv));
};

const PROCEDURES: Record<CheckId, Procedure> = {
  "echo": echo, "concurrent": concurrent, "reaps": reaps, "parent-closes": parentCloses,
  "child-closes-listenfd": childClosesListenfd, "survives-reset": survivesReset,
};

/** Longest one check may take in the real half before its server is stopped. */
export const REAL_CHECK_MS = 10_000;

export class StartFailed extends Error {}

/** Runs one check on a fresh server; the server is stopped and its group reaped whatever happens. */
export async function runRealCheck(id: CheckId, target: RealTarget, ex: Exercise, port: number): Promise<HalfResult> {
  const srv = new RealServer(target.reaper, target.exe, port, target.cwd);
  let result: HalfResult;
  try {
    const notListening = await srv.listening();
    if (notListening) throw new StartFailed(notListening);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HalfResult>((r) => { timer = setTimeout(() => r(fail(`the check did not finish in ${REAL_CHECK_MS / 1000} s`, evidenceOf(srv))), REAL_CHECK_MS); });
    result = await Promise.race([PROCEDURES[id](srv, ex), timeout]);
    clearTimeout(timer);
  } catch (e) {
    if (e instanceof StartFailed) { await srv.stop(); throw e; }
    result = fail(`the check could not talk to the server: ${(e as Error).message}`, evidenceOf(srv));
  }
  const flood = srv.stdout.bytes + srv.stderr.bytes;
  const left = await srv.stop();
  if (left.length) return { ok: false, message: `processes ${listWords(left)} of the server were still there after SIGKILL to its group`, evidence: [] };
  if (flood > 1_000_000) result.evidence = [...(result.evidence ?? []), `the server wrote ${flood} bytes of output; only the last 4 KB were kept`];
  return result;
}
