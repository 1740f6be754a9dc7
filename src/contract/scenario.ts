// A Scenario is the world outside the program: argv, stdin, what stdout is, clients that
// connect and talk, and signals from the keyboard or kill. Plain JSON (docs/scenario.md):
// the same file drives the model (src/session) and the real run (src/fidelity).

export interface Scenario {
  /** argv[1..]; argv[0] is the program's name. Default []. */
  argv?: string[];
  /** Bytes available on descriptor 0. Default "" (stdin at EOF). With stdout "tty",
   *  descriptor 0 is the terminal and these bytes are typed there ahead, then Ctrl-D. */
  stdin?: string;
  /** What descriptor 0 is: a pipe holding `stdin` (default), or a regular file holding it,
   *  STDIN_FILE in the working directory, as `prog < stdin.txt` gives: seekable, its offset
   *  shared by every process that inherits it. */
  stdinFrom?: "pipe" | "file";
  /** What descriptor 1 is: a terminal (line buffered), a pipe or a file (fully buffered). Default "pipe". */
  stdout?: "tty" | "pipe" | "file";
  /** Outside processes that talk to the program's server over loopback TCP. */
  clients?: ClientScript[];
  /** Signals sent from outside, in order. */
  signals?: SignalScript[];
  /** Upper bound on stepped lines before the run stops with a clear message. Default 100000. */
  maxSteps?: number;
  /** Files in the program's working directory before it starts: path -> text. The model
   *  also reads, at first open, files next to the program (forklab run, the extension). */
  files?: Record<string, string>;
  /** Other programs started first, each its own top-level process (kind "program", its own
   *  process group, stdin at EOF, output not counted as the program's), run until they block:
   *  a server the program connects to. `file` is NAME.c next to the program. Default none. */
  programs?: ProgramScript[];
}

/** A program a Scenario starts before the main one. */
export interface ProgramScript {
  /** NAME.c in the program's folder (the model loads it as exec would). */
  file: string;
  /** Its argv[1..]. Default []. */
  argv?: string[];
}

/** One client: connects once the server listens, then performs its actions in order. */
export interface ClientScript {
  /** Defaults to the port in argv[1], else 15213. */
  port?: number;
  /** Start only after this many clients have finished (0 = at once). Default 0. */
  after?: number;
  actions: ClientAction[];
}

export type ClientAction =
  /** Send a line (a "\n" is appended) and wait for its echo, or for `expect` (a protocol's
   *  answer, newline included) when the server answers something else. */
  | { send: string; expect?: string }
  /** Send a line, and once the answer has arrived, close without reading it: unread data
   *  makes the close abortive, so the server's side sees a reset (RST, ECONNRESET). */
  | { reset: string }
  /** Close the connection. Clients with the same `group` close at the same moment. */
  | { close: true; group?: string }
  /** Wait until the program has run this many more steps (a pause in logical time). */
  | { waitSteps: number };

export interface SignalScript {
  /** "SIGINT", "SIGTSTP", "SIGQUIT", "SIGTERM", "SIGKILL", "SIGCHLD", ... */
  signal: string;
  /** "fg" = the terminal's foreground group (as Ctrl-C does); "main" = the first process; or a pid. Default "fg". */
  to?: "fg" | "main" | number;
  /** Send once the program has run this many steps. */
  atStep?: number;
  /** Or once this many clients have closed. */
  afterClientsClosed?: number;
  /** Or once the program's stdout (all processes) contains this text. Lets a real run
   *  sequence a signal without counting steps; the program must flush (or write) it. */
  afterOutput?: string;
}

export const DEFAULT_PORT = 15213;

/** Whether a C program's text listens (calls listen or csapp's Open_listenfd): a server,
 *  which by the course's convention takes its port as argv[1]. */
export const listensInSource = (text: string): boolean => /\b(Open_listenfd|listen)\s*\(/.test(text);

/** The file that holds stdin when `stdinFrom` is "file" (model and real run alike). */
export const STDIN_FILE = "stdin.txt";
