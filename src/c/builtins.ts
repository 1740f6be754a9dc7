// Every built-in function, by name. The compiler numbers calls by position in BUILTINS.
import { Builtin } from "./ctl";
import { stdio } from "./libc/stdio";
import { stdlib } from "./libc/stdlib";
import { unistd } from "./libc/unistd";
import { signals } from "./libc/signal";
import { net } from "./libc/net";
import { threads } from "./libc/threads";
import { posix } from "./libc/posix";

export const BUILTINS: Builtin[] = [...stdio, ...stdlib, ...unistd, ...signals, ...net, ...threads, ...posix];
export const BUILTIN_NAMES = BUILTINS.map((b) => b.name);
