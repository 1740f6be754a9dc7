// Every built-in function, by name. The compiler numbers calls by position in BUILTINS.
import { Builtin } from "./ctl";
import { stdio } from "./libc/stdio";
import { stdlib } from "./libc/stdlib";
import { unistd } from "./libc/unistd";
import { signals } from "./libc/signal";
import { net } from "./libc/net";
import { threads } from "./libc/threads";
import { posix } from "./libc/posix";
import { semaphores } from "./libc/sem";
import { files } from "./libc/files";
import { hosts } from "./libc/hosts";
import { seek } from "./libc/seek";
import { random } from "./libc/random";
import { environ } from "./libc/environ";
import { time } from "./libc/time";
import { psBuiltins } from "./libc/ps";
import { spans } from "./libc/spans";
import { groups } from "./libc/groups";
import { setjmps } from "./libc/setjmp";
import { cancellation, CANCELLATION_POINTS } from "./libc/cancel";
import { condvars } from "./libc/cond";
import { rwlocks } from "./libc/rwlock";
import { attrs } from "./libc/attr";
import { iov } from "./libc/iov";

const ALL: Builtin[] = [...stdio, ...stdlib, ...unistd, ...iov, ...signals, ...net, ...threads, ...attrs, ...cancellation, ...condvars, ...rwlocks, ...semaphores, ...posix, ...files, ...hosts, ...seek, ...random, ...environ, ...time, ...psBuiltins, ...spans, ...groups, ...setjmps];
export const BUILTINS: Builtin[] = ALL.map((b) => (CANCELLATION_POINTS.has(b.name) ? { ...b, cancel: true } : b));
export const BUILTIN_NAMES = BUILTINS.map((b) => b.name);
