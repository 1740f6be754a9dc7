// Each check's clients as a Scenario: the model runs it as is, the real half (real.ts)
// plays the same clients with node sockets, and the view replays it to show a failure.

import type { ClientScript, Scenario } from "../../contract/scenario";
import { CheckId, Exercise, exchangeFor } from "./checks";

/** The port the model's server is given (the model has no other servers). */
export const MODEL_PORT = 15213;
/** A silent client's wait, in steps: far longer than a right server needs to answer another. */
export const HOLD_STEPS = 3000;
/** How many clients leave at the same moment in `reaps`. */
export const REAP_CLIENTS = 3;

/** Request n, waiting for its whole answer (the echo check judges the answer). */
const say = (ex: Exercise, n: number) => {
  const e = exchangeFor(ex, n);
  return { send: e.send, expect: e.answer };
};

/** Request n, waiting only until the answer begins: the other checks judge concurrency,
 *  reaping and descriptors, so a wrong answer fails echo alone. */
const ask = (ex: Exercise, n: number) => {
  const e = exchangeFor(ex, n);
  return { send: e.send, expect: e.answer.slice(0, 1) };
};

function clientsFor(id: CheckId, ex: Exercise): ClientScript[] {
  switch (id) {
    case "echo":
      return [{ actions: [say(ex, 0), say(ex, 1), { close: true }] }];
    case "concurrent":
      // Client 1 connects first and says nothing; client 2 must be answered meanwhile.
      return [{ actions: [{ waitSteps: HOLD_STEPS }, { close: true }] }, { actions: [ask(ex, 0), { close: true }] }];
    case "reaps":
      // Each is answered (so each has its server), then all leave together: their servers
      // end at the same moment.
      return Array.from({ length: REAP_CLIENTS }, (_, n) => ({ actions: [ask(ex, n), { close: true, group: "all" }] }));
    case "parent-closes":
      return [{ actions: [ask(ex, 0), { close: true }] }, { after: 1, actions: [ask(ex, 1), { close: true }] }];
    case "child-closes-listenfd":
      return [{ actions: [ask(ex, 0), { waitSteps: HOLD_STEPS }, { close: true }] }];
    case "survives-reset":
      return [{ actions: [{ reset: exchangeFor(ex, 0).send }] }, { after: 1, actions: [ask(ex, 1), { close: true }] }];
  }
}

export function checkScenario(id: CheckId, ex: Exercise, port: number): Scenario {
  return { argv: [String(port)], files: ex.files, clients: clientsFor(id, ex) };
}
