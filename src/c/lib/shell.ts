// system(3), popen(3) and pclose(3) as C that the stepper runs (its lines are not stepped;
// its calls belong to the learner's line that called it). They run the built-in sh with -c,
// as glibc runs /bin/sh: system() ignores SIGINT and SIGQUIT and blocks SIGCHLD while it
// waits, and gives back the shell's wait status; popen() joins the caller to the command by
// a pipe and pclose() waits for it. Added to a program only when it calls one of them.
export const SHELL_SOURCE = `
int system(const char *command) {
  struct sigaction ignore, oldint, oldquit;
  sigset_t chld, oldmask;
  int status = -1;
  if (command == NULL) return 1;
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ignore.sa_flags = 0;
  sigaction(SIGINT, &ignore, &oldint);
  sigaction(SIGQUIT, &ignore, &oldquit);
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &oldmask);
  /* glibc spawns the shell with every signal blocked until the child has its own state. */
  sigset_t all, spawnmask;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &spawnmask);
  pid_t pid = fork();
  if (pid == 0) {
    sigaction(SIGINT, &oldint, NULL);
    sigaction(SIGQUIT, &oldquit, NULL);
    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    execl("/bin/sh", "sh", "-c", command, (char *)NULL);
    _exit(127);
  }
  sigprocmask(SIG_SETMASK, &spawnmask, NULL);
  if (pid > 0) {
    while (waitpid(pid, &status, 0) < 0) if (errno != EINTR) { status = -1; break; }
  }
  sigaction(SIGINT, &oldint, NULL);
  sigaction(SIGQUIT, &oldquit, NULL);
  sigprocmask(SIG_SETMASK, &oldmask, NULL);
  return status;
}

static FILE *__popen_files[64];
static pid_t __popen_pids[64];

FILE *popen(const char *command, const char *type) {
  int fds[2], slot = -1;
  if (type == NULL || (type[0] != 'r' && type[0] != 'w') || (type[1] != '\\0' && type[1] != 'e')) { errno = EINVAL; return NULL; }
  for (int i = 0; i < 64; i++) if (__popen_files[i] == NULL) { slot = i; break; }
  if (slot < 0) { errno = EMFILE; return NULL; }
  /* As glibc: both ends close-on-exec, the shell started as posix_spawn starts it (every
     signal blocked around the fork; the child's end dup2'd onto its stdout or stdin, the
     other popen streams closed, the mask restored, then the exec). */
  if (pipe2(fds, O_CLOEXEC) < 0) return NULL;
  int mine = type[0] == 'r' ? 0 : 1;
  int theirs = fds[1 - mine];
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  pid_t pid = fork();
  if (pid == 0) {
    if (theirs != 1 - mine) dup2(theirs, 1 - mine);
    else fcntl(theirs, F_SETFD, 0);
    for (int i = 0; i < 64; i++) if (__popen_files[i] && fileno(__popen_files[i]) != 1 - mine) close(fileno(__popen_files[i]));
    sigprocmask(SIG_SETMASK, &old, NULL);
    execl("/bin/sh", "sh", "-c", command, (char *)NULL);
    _exit(127);
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  close(theirs);
  if (pid < 0) { close(fds[mine]); return NULL; }
  if (type[1] != 'e') fcntl(fds[mine], F_SETFD, 0);
  FILE *fp = __forklab_popen_file(fds[mine], type[0] == 'r' ? "r" : "w");
  __popen_files[slot] = fp;
  __popen_pids[slot] = pid;
  return fp;
}

int pclose(FILE *stream) {
  int status = -1;
  for (int i = 0; i < 64; i++) {
    if (__popen_files[i] != stream || stream == NULL) continue;
    pid_t pid = __popen_pids[i];
    __popen_files[i] = NULL;
    fclose(stream);
    while (waitpid(pid, &status, 0) < 0) if (errno != EINTR) return -1;
    return status;
  }
  errno = ECHILD;
  return -1;
}
`;

/** Whether a program's text calls system, popen or pclose (then SHELL_SOURCE joins it). */
export const usesShell = (text: string): boolean => /\b(system|popen|pclose)\s*\(/.test(text);
