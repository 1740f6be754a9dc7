// Which standard header declares each name the stepper knows: the library's functions,
// types, struct tags and constants, as glibc 2.36 declares them to gcc 12 (Debian 12, the
// course machine). All of src/c/headers.ts and constants.ts is read whatever the program
// includes; this table is what lets the compiler say, as gcc does, that fork() needs
// <unistd.h> and pid_t <sys/types.h> (src/c/compile/context.ts, checkDeclared).
//
// DECLARES lists what a header declares itself, INCLUDES the headers it brings in on
// glibc (<stdlib.h> brings <sys/types.h>, <sys/wait.h> brings <signal.h>): a name is
// visible when a header of the program's includes, or one it brings in, declares it. The
// first header that declares a name is the one to suggest (the man page's). Some names are
// declared only under _GNU_SOURCE (GNU_DECLARES, GNU_INCLUDES). Measured with gcc
// -fsyntax-only on each header alone, with and without _GNU_SOURCE, and checked so by
// test/unit/c/includes.test.ts. csapp.h is the CS:APP header: everything it includes.
// Beyond the headers of the course, the table knows the common others (<sys/param.h>,
// <poll.h>, <malloc.h>...) by what they bring in, so that including one keeps the check on.
// Names in no header here (_Exit, which gcc knows built in; the stepper's own __forklab_
// names) are never reported, and a program that includes a system header missing from the
// table is not checked at all: that header might declare anything.

const DECLARES: Record<string, string> = {
  "stddef.h": "NULL ptrdiff_t size_t",
  "stdbool.h": "bool",
  "stdarg.h": "va_list",
  "stdint.h":
    "INT16_MAX INT16_MIN INT32_MAX INT32_MIN INT64_MAX INT64_MIN INT8_MAX INT8_MIN INTPTR_MAX SIZE_MAX " +
    "UINT16_MAX UINT32_MAX UINT64_MAX UINT8_MAX UINTPTR_MAX int16_t int32_t int64_t int8_t intmax_t " +
    "intptr_t uint16_t uint32_t uint64_t uint8_t uintmax_t uintptr_t",
  "inttypes.h": "",
  "limits.h":
    "CHAR_BIT INT_MAX INT_MIN LLONG_MAX LLONG_MIN LONG_MAX LONG_MIN PATH_MAX PIPE_BUF SCHAR_MAX SCHAR_MIN " +
    "SEM_VALUE_MAX SHRT_MAX SHRT_MIN SSIZE_MAX UCHAR_MAX UINT_MAX ULLONG_MAX ULONG_MAX USHRT_MAX",
  "errno.h":
    "E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN EALREADY EBADF EBUSY ECHILD ECONNREFUSED " +
    "ECONNRESET EDEADLK EDESTADDRREQ EEXIST EFAULT EFBIG EIDRM EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR EMFILE " +
    "EMSGSIZE ENAMETOOLONG ENETUNREACH ENFILE ENOENT ENOMEM ENOPROTOOPT ENOSPC ENOSYS ENOTCONN ENOTDIR ENOTEMPTY " +
    "ENOTSOCK ENOTTY ENXIO EOPNOTSUPP EOVERFLOW EPERM EPIPE EPROTONOSUPPORT EPROTOTYPE ERANGE " +
    "ESOCKTNOSUPPORT ESPIPE ESRCH ETIMEDOUT EWOULDBLOCK errno",
  "stdio.h":
    "BUFSIZ EOF FILE FILENAME_MAX NULL SEEK_CUR SEEK_END SEEK_SET _IOFBF _IOLBF _IONBF clearerr dprintf " +
    "fclose fdopen feof ferror fflush fgetc fgets fileno fopen fprintf fputc fputs fread fscanf fseek " +
    "fseeko ftell ftello fwrite getc getchar getdelim getline off_t pclose perror popen printf putc putchar " +
    "puts remove rewind " +
    "scanf setbuf setbuffer setlinebuf setvbuf size_t snprintf sprintf sscanf ssize_t stderr stdin stdout " +
    "va_list vdprintf vfprintf vprintf vsnprintf vsprintf",
  "sys/types.h":
    "clock_t clockid_t gid_t int16_t int32_t int64_t int8_t key_t mode_t off_t pid_t pthread_attr_t " +
    "pthread_cond_t pthread_condattr_t pthread_mutex_t pthread_mutexattr_t pthread_once_t pthread_rwlock_t " +
    "pthread_rwlockattr_t pthread_barrier_t pthread_barrierattr_t pthread_spinlock_t pthread_t size_t ssize_t uid_t",
  "time.h":
    "CLOCKS_PER_SEC CLOCK_BOOTTIME CLOCK_BOOTTIME_ALARM CLOCK_MONOTONIC CLOCK_MONOTONIC_COARSE CLOCK_MONOTONIC_RAW " +
    "CLOCK_PROCESS_CPUTIME_ID CLOCK_REALTIME CLOCK_REALTIME_ALARM CLOCK_REALTIME_COARSE CLOCK_TAI " +
    "CLOCK_THREAD_CPUTIME_ID NULL asctime asctime_r clock_getres clock_gettime clock_t clockid_t " +
    "ctime ctime_r difftime gmtime gmtime_r localtime localtime_r mktime nanosleep pid_t size_t strftime " +
    "time time_t timegm struct timespec struct tm",
  "unistd.h":
    "F_OK NULL R_OK SEEK_CUR SEEK_END SEEK_SET STDERR_FILENO STDIN_FILENO STDOUT_FILENO W_OK X_OK _exit access " +
    "alarm close dup dup2 " +
    "execl execle execlp execv execve execvp fork getcwd getegid geteuid getgid gethostname getpgid getpgrp getpid " +
    "getppid getsid getuid gid_t intptr_t isatty lseek off_t optarg optind pause pid_t pipe read setgid " +
    "setpgid setsid setuid size_t sleep socklen_t ssize_t tcgetpgrp tcsetpgrp uid_t pread pwrite rmdir unlink useconds_t " +
    "usleep write",
  "sys/wait.h":
    "WCONTINUED WCOREDUMP WEXITSTATUS WIFCONTINUED WIFEXITED WIFSIGNALED WIFSTOPPED WNOHANG WSTOPSIG " +
    "WTERMSIG WUNTRACED wait waitpid",
  "signal.h":
    "CLD_CONTINUED CLD_DUMPED CLD_EXITED CLD_KILLED CLD_STOPPED NSIG SA_NOCLDSTOP SA_NOCLDWAIT SA_NODEFER " +
    "SA_RESETHAND SA_RESTART SA_SIGINFO SIGABRT SIGALRM SIGBUS SI_KERNEL SI_TKILL SI_USER " +
    "SIGCHLD SIGCONT SIGFPE SIGHUP SIGILL SIGINT SIGIO SIGKILL SIGPIPE SIGPROF SIGPWR SIGQUIT SIGSEGV " +
    "SIGSTKFLT SIGSTOP SIGSYS SIGTERM SIGTRAP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGUSR1 SIGUSR2 SIGVTALRM " +
    "SIGWINCH SIGXCPU SIGXFSZ SIG_BLOCK SIG_DFL SIG_ERR SIG_IGN SIG_SETMASK SIG_UNBLOCK kill killpg pid_t " +
    "psignal pthread_attr_t pthread_cond_t pthread_condattr_t pthread_mutex_t pthread_mutexattr_t " +
    "pthread_once_t pthread_rwlock_t pthread_rwlockattr_t pthread_barrier_t pthread_barrierattr_t pthread_spinlock_t pthread_sigmask pthread_t raise sig_atomic_t sigaction sigaddset sigdelset " +
    "sigemptyset sigfillset siginfo_t sigismember signal sigpending sigprocmask sigset_t sigsuspend " +
    "sigtimedwait sigwait sigwaitinfo pthread_kill " +
    "size_t time_t uid_t struct sigaction struct timespec",
  "stdlib.h":
    "EXIT_FAILURE EXIT_SUCCESS NULL RAND_MAX WCONTINUED WEXITSTATUS WIFCONTINUED WIFEXITED WIFSIGNALED " +
    "WIFSTOPPED WNOHANG WSTOPSIG WTERMSIG WUNTRACED abort abs atexit atoi atol atoll bsearch calloc " +
    "clearenv exit free getenv labs llabs malloc putenv qsort rand random realloc setenv srand srandom " +
    "strtol strtoll strtoul strtoull system unsetenv",
  "string.h":
    "NULL bzero memchr memcmp memcpy memmove memset size_t strcasecmp strcat strchr strcmp strcpy strcspn " +
    "strdup strerror strlen strncasecmp strncat strncmp strncpy strndup strnlen strpbrk strrchr strsignal " +
    "strspn strstr strtok strtok_r",
  "strings.h": "bzero size_t strcasecmp strncasecmp",
  "ctype.h": "isalnum isalpha isdigit islower isprint ispunct isspace isupper tolower toupper",
  "assert.h": "assert",
  "fcntl.h":
    "FD_CLOEXEC F_DUPFD F_DUPFD_CLOEXEC F_GETFD F_GETFL F_OK F_SETFD F_SETFL O_ACCMODE R_OK W_OK X_OK O_APPEND O_CLOEXEC O_CREAT O_DIRECTORY " +
    "O_EXCL O_NOCTTY O_NONBLOCK O_RDONLY O_RDWR O_TRUNC O_WRONLY SEEK_CUR SEEK_END SEEK_SET S_IFCHR " +
    "S_IFDIR S_IFIFO S_IFMT S_IFREG S_IFSOCK S_IRGRP S_IROTH S_IRUSR S_IRWXG S_IRWXO S_IRWXU S_IWGRP " +
    "S_IWOTH S_IWUSR S_IXGRP S_IXOTH S_IXUSR creat fcntl mode_t off_t open pid_t time_t struct timespec",
  "sys/stat.h":
    "S_IFCHR S_IFDIR S_IFIFO S_IFMT S_IFREG S_IFSOCK S_IRGRP S_IROTH S_IRUSR S_IRWXG S_IRWXO S_IRWXU " +
    "S_IWGRP S_IWOTH S_IWUSR S_IXGRP S_IXOTH S_IXUSR fstat gid_t lstat mkdir mkfifo mode_t off_t stat time_t " +
    "uid_t struct stat struct timespec",
  "setjmp.h": "_longjmp _setjmp jmp_buf longjmp setjmp sigjmp_buf siglongjmp sigsetjmp",
  "sys/select.h":
    "FD_CLR FD_ISSET FD_SET FD_SETSIZE FD_ZERO fd_set select sigset_t time_t struct timespec struct " +
    "timeval",
  "sys/time.h": "ITIMER_PROF ITIMER_REAL ITIMER_VIRTUAL getitimer gettimeofday setitimer struct itimerval struct timezone",
  "sched.h": "NULL pid_t sched_yield size_t time_t struct timespec",
  "sys/socket.h":
    "AF_INET AF_INET6 AF_LOCAL AF_UNIX AF_UNSPEC PF_INET PF_LOCAL PF_UNIX SHUT_RD SHUT_RDWR SHUT_WR " +
    "SOCK_CLOEXEC SOCK_DGRAM SOCK_NONBLOCK SOCK_STREAM SOL_SOCKET SOMAXCONN SO_KEEPALIVE SO_REUSEADDR " +
    "SO_RCVBUF SO_REUSEPORT SO_SNDBUF accept bind connect getpeername getsockname listen recv recvfrom sa_family_t send " +
    "sendto setsockopt getsockopt MSG_DONTWAIT MSG_NOSIGNAL MSG_PEEK MSG_WAITALL struct iovec SO_ACCEPTCONN SO_ERROR SO_TYPE shutdown socket socketpair socklen_t struct sockaddr struct sockaddr_storage",
  "sys/un.h": "sa_family_t struct sockaddr_un",
  "netinet/in.h":
    "INADDR_ANY INADDR_LOOPBACK INET6_ADDRSTRLEN INET_ADDRSTRLEN IPPROTO_IP IPPROTO_TCP IPPROTO_UDP htonl " +
    "htons in_addr_t in_port_t ntohl ntohs uint16_t uint32_t uint64_t uint8_t struct in_addr struct " +
    "sockaddr_in",
  "arpa/inet.h": "inet_addr inet_aton inet_ntoa inet_ntop inet_pton",
  "netdb.h":
    "AI_ADDRCONFIG AI_ALL AI_CANONNAME AI_NUMERICHOST AI_NUMERICSERV AI_PASSIVE AI_V4MAPPED EAI_AGAIN " +
    "EAI_BADFLAGS EAI_FAIL EAI_FAMILY EAI_MEMORY EAI_NONAME EAI_SERVICE EAI_SOCKTYPE EAI_SYSTEM " +
    "NI_MAXHOST NI_MAXSERV NI_NUMERICHOST NI_NUMERICSERV freeaddrinfo gai_strerror getaddrinfo " +
    "gethostbyaddr gethostbyname getnameinfo struct addrinfo struct hostent",
  "sys/mman.h":
    "MAP_ANON MAP_ANONYMOUS MAP_FAILED MAP_PRIVATE MAP_SHARED PROT_EXEC PROT_NONE PROT_READ PROT_WRITE " +
    "mmap mode_t munmap off_t size_t",
  "sys/ipc.h":
    "IPC_CREAT IPC_EXCL IPC_NOWAIT IPC_PRIVATE IPC_RMID IPC_SET IPC_STAT gid_t key_t mode_t uid_t struct " +
    "ipc_perm",
  "sys/shm.h": "SHM_RDONLY shmat shmctl shmdt shmget size_t time_t struct shmid_ds",
  "sys/sem.h":
    "GETALL GETNCNT GETPID GETVAL GETZCNT SEM_UNDO SETALL SETVAL semctl semget semop struct sembuf struct " +
    "semid_ds",
  "semaphore.h":
    "SEM_FAILED sem_close sem_destroy sem_getvalue sem_init sem_open sem_post sem_t sem_trywait " +
    "sem_timedwait sem_unlink sem_wait",
  "pthread.h":
    "PTHREAD_CANCELED PTHREAD_CANCEL_ASYNCHRONOUS PTHREAD_CANCEL_DEFERRED PTHREAD_CANCEL_DISABLE " +
    "PTHREAD_CANCEL_ENABLE pthread_attr_t pthread_cancel pthread_cond_broadcast pthread_cond_destroy " +
    "pthread_cond_init pthread_cond_signal pthread_cond_t pthread_cond_timedwait pthread_cond_wait pthread_condattr_t " +
    "pthread_create pthread_detach pthread_exit pthread_join pthread_mutex_destroy pthread_mutex_init " +
    "pthread_mutex_lock pthread_mutex_t pthread_mutex_trylock pthread_mutex_unlock pthread_mutexattr_t " +
    "pthread_once pthread_once_t pthread_self pthread_setcancelstate pthread_setcanceltype pthread_t " +
    "pthread_testcancel PTHREAD_CREATE_DETACHED PTHREAD_CREATE_JOINABLE PTHREAD_MUTEX_DEFAULT " +
    "PTHREAD_MUTEX_ERRORCHECK PTHREAD_MUTEX_NORMAL PTHREAD_MUTEX_RECURSIVE pthread_attr_destroy " +
    "pthread_attr_getdetachstate pthread_attr_getstacksize pthread_attr_init pthread_attr_setdetachstate " +
    "pthread_attr_setstacksize pthread_equal pthread_mutexattr_destroy pthread_mutexattr_gettype " +
    "pthread_mutexattr_init pthread_mutexattr_settype pthread_rwlock_destroy pthread_rwlock_init " +
    "pthread_rwlock_rdlock pthread_rwlock_t pthread_rwlock_tryrdlock pthread_rwlock_trywrlock " +
    "pthread_rwlock_unlock pthread_rwlock_wrlock pthread_rwlockattr_destroy pthread_rwlockattr_init " +
    "pthread_rwlockattr_t PTHREAD_BARRIER_SERIAL_THREAD PTHREAD_PROCESS_PRIVATE PTHREAD_PROCESS_SHARED " +
    "pthread_barrier_destroy pthread_barrier_init pthread_barrier_wait pthread_barrierattr_destroy " +
    "pthread_barrierattr_init pthread_spin_destroy pthread_spin_init pthread_spin_lock pthread_spin_trylock " +
    "pthread_spin_unlock pthread_barrier_t pthread_barrierattr_t pthread_spinlock_t",
  "dirent.h":
    "DIR DT_CHR DT_DIR DT_FIFO DT_REG DT_SOCK DT_UNKNOWN PATH_MAX PIPE_BUF SEM_VALUE_MAX SSIZE_MAX " +
    "closedir dirfd opendir readdir rewinddir size_t struct dirent",
  "sys/resource.h": "RLIMIT_NOFILE RLIMIT_NPROC rlim_t setrlimit struct rlimit struct timeval",
  "getopt.h": "optarg optind",
  "termios.h": "pid_t",
  "linux/limits.h": "PATH_MAX PIPE_BUF",
  "pwd.h": "FILE gid_t size_t uid_t",
  "grp.h": "FILE gid_t size_t",
  "alloca.h": "size_t",
  "locale.h": "NULL",
  "wchar.h": "FILE NULL size_t",
  "glob.h": "size_t",
  "sys/times.h": "clock_t",
  "math.h":
    "HUGE_VAL INFINITY M_E M_LN2 M_PI M_SQRT2 NAN acos asin atan atan2 cbrt ceil ceilf cos cosh exp exp2 fabs fabsf floor floorf fmax fmin fmod hypot isinf isnan log log10 log2 lround pow powf round roundf sin sinh sqrt sqrtf tan tanh trunc",
  "float.h": "DBL_EPSILON DBL_MAX DBL_MIN FLT_EPSILON FLT_MAX FLT_MIN",
  "stdalign.h": "",
  "stdatomic.h":
    "atomic_bool atomic_char atomic_flag atomic_int atomic_intmax_t atomic_intptr_t atomic_llong atomic_long " +
    "atomic_ptrdiff_t atomic_schar atomic_short atomic_size_t atomic_uchar atomic_uint atomic_uintmax_t " +
    "atomic_uintptr_t atomic_ullong atomic_ulong atomic_ushort memory_order memory_order_acq_rel memory_order_acquire memory_order_consume " +
    "memory_order_relaxed memory_order_release memory_order_seq_cst",
  "stdnoreturn.h": "",
  "err.h": "",
  "libgen.h": "",
  "sys/prctl.h": "",
  "sys/ioctl.h": "",
  "sys/syscall.h": "",
  "sys/utsname.h": "",
  "sys/sysinfo.h": "",
  "syslog.h": "",
  "fenv.h": "",
  "csapp.h": "DEF_MODE DEF_UMASK",
  "sys/param.h": "NULL",
  "netinet/tcp.h": "",
  "malloc.h": "calloc free malloc realloc",
  "sys/epoll.h": "",
  "spawn.h": "",
  "sys/uio.h": "readv writev struct iovec",
  "stdio_ext.h": "",
  "sys/file.h": "",
  "poll.h": "POLLERR POLLHUP POLLIN POLLNVAL POLLOUT POLLPRI POLLRDBAND POLLRDNORM POLLWRBAND POLLWRNORM nfds_t poll struct pollfd",
  "sys/poll.h": "POLLERR POLLHUP POLLIN POLLNVAL POLLOUT POLLPRI POLLRDBAND POLLRDNORM POLLWRBAND POLLWRNORM nfds_t poll struct pollfd",
  "sys/msg.h": "pid_t size_t ssize_t time_t",
  "mqueue.h": "",
  "sys/eventfd.h": "",
  "sys/signalfd.h": "sigset_t",
  "sys/timerfd.h": "",
  "sys/random.h": "",
  "ucontext.h": "sigset_t size_t",
  "execinfo.h": "",
  "iso646.h": "",
  "uchar.h": "size_t",
  "sys/sendfile.h": "",
  "sys/ptrace.h": "",
  "sys/sysmacros.h": "",
  "features.h": "",
  "endian.h": "",
  "byteswap.h": "",
  "sys/queue.h": "",
  "error.h": "",
  "paths.h": "",
  "sys/cdefs.h": "",
  "netinet/ip.h": "",
  "sys/statvfs.h": "",
  "utime.h": "time_t",
};
const GNU_DECLARES: Record<string, string> = {
  "sys/types.h": "useconds_t",
  "time.h": "struct timeval",
  "unistd.h": "execvpe pipe2",
  "signal.h": "sighandler_t",
  "stdlib.h": "secure_getenv",
  "fcntl.h": "size_t struct iovec",
  "sys/socket.h": "accept4",
  "sys/shm.h": "pid_t",
  "poll.h": "POLLRDHUP time_t struct timespec",
  "sys/poll.h": "POLLRDHUP time_t struct timespec",
};
const INCLUDES: Record<string, string[]> = {
  "inttypes.h": ["stdint.h"],
  "stdlib.h": ["sys/types.h"],
  "sys/types.h": ["sys/select.h"],
  "sys/wait.h": ["signal.h"],
  "sys/socket.h": ["sys/types.h"],
  "netinet/in.h": ["sys/socket.h"],
  "arpa/inet.h": ["netinet/in.h"],
  "netdb.h": ["netinet/in.h"],
  "sys/un.h": ["string.h"],
  "sys/time.h": ["sys/select.h"],
  "sys/sem.h": ["sys/types.h", "sys/ipc.h"],
  "sys/shm.h": ["sys/ipc.h"],
  "semaphore.h": ["sys/types.h"],
  "pthread.h": ["time.h", "sched.h"],
  "wait.h": ["sys/wait.h"],
  "sys/signal.h": ["signal.h"],
  "sys/fcntl.h": ["fcntl.h"],
  "sys/errno.h": ["errno.h"],
  "memory.h": ["string.h"],
  "csapp.h": ["stdio.h", "stdlib.h", "stdarg.h", "string.h", "ctype.h", "errno.h", "fcntl.h", "unistd.h", "signal.h", "setjmp.h", "pthread.h", "semaphore.h", "netdb.h", "sys/types.h", "sys/stat.h", "sys/mman.h", "dirent.h", "sys/wait.h", "sys/time.h", "sys/select.h", "sys/socket.h", "netinet/in.h", "arpa/inet.h"],
  "sys/param.h": ["limits.h", "sys/types.h", "signal.h"],
  "netinet/tcp.h": ["stdint.h", "sys/socket.h"],
  "malloc.h": ["stddef.h", "stdio.h"],
  "sys/epoll.h": ["stdint.h", "sys/types.h"],
  "spawn.h": ["sys/types.h", "sched.h"],
  "sys/uio.h": ["sys/types.h"],
  "stdio_ext.h": ["stdio.h"],
  "sys/file.h": ["fcntl.h"],
  "sys/msg.h": ["sys/ipc.h"],
  "mqueue.h": ["sys/types.h", "fcntl.h"],
  "sys/eventfd.h": ["stdint.h"],
  "sys/signalfd.h": ["stdint.h"],
  "sys/timerfd.h": ["time.h"],
  "sys/random.h": ["sys/types.h"],
  "sys/sendfile.h": ["sys/types.h"],
  "netinet/ip.h": ["netinet/in.h"],
};
const GNU_INCLUDES: Record<string, string[]> = {
  "signal.h": ["unistd.h"],
};

const words = (table: Record<string, string>): Map<string, string[]> =>
  new Map(Object.entries(table).map(([h, s]) => [h, s.match(/struct \w+|\S+/g) ?? []]));
const DECLARED = words(DECLARES);
const GNU_DECLARED = words(GNU_DECLARES);

/** The header to suggest for each name: the first that declares it. */
const HOME = new Map<string, string>();
for (const table of [DECLARED, GNU_DECLARED]) for (const [h, names] of table) for (const n of names) if (!HOME.has(n)) HOME.set(n, h);

/** Function-like macros: called without their header, they are implicit functions that do
 *  not exist, so the program does not link (`undefined reference to 'WIFEXITED'`). */
const MACROS = new Set(["WIFEXITED", "WEXITSTATUS", "WIFSIGNALED", "WTERMSIG", "WIFSTOPPED", "WSTOPSIG", "WIFCONTINUED", "WCOREDUMP",
  "FD_ZERO", "FD_SET", "FD_CLR", "FD_ISSET", "assert", "sigsetjmp"]);

/** The headers a program sees: those it includes (transitively through its local headers),
 *  and whether _GNU_SOURCE was defined before the first. */
export interface Includes {
  headers: readonly string[];
  gnu: boolean;
}

export interface Undeclared {
  /** The header that declares the name, to suggest. */
  header: string;
  /** A function-like macro: called without its header the program does not link. */
  macro: boolean;
}

/**
 * What the program's includes leave undeclared: a function taking a name (a function, a
 * typedef, `struct tag`, a constant, errno) to the header it needs, or undefined when the
 * name is declared or is not one the table knows. Undefined when a header is not in the
 * table, so nothing is said.
 */
export function undeclaredIn(inc: Includes): ((name: string) => Undeclared | undefined) | undefined {
  const visible = new Set<string>();
  const seen = new Set<string>();
  const add = (h: string): boolean => {
    if (seen.has(h)) return true;
    seen.add(h);
    const own = DECLARED.get(h);
    if (!own) return false;
    for (const n of own) visible.add(n);
    if (inc.gnu) for (const n of GNU_DECLARED.get(h) ?? []) visible.add(n);
    return [...(INCLUDES[h] ?? []), ...(inc.gnu ? GNU_INCLUDES[h] ?? [] : [])].every(add);
  };
  if (!inc.headers.every(add)) return undefined;
  return (name) => {
    const header = HOME.get(name);
    return header === undefined || visible.has(name) ? undefined : { header, macro: MACROS.has(name) };
  };
}

/** The names the table knows and the headers it knows, for the check against gcc. */
export const KNOWN_NAMES: readonly string[] = [...HOME.keys()];
export const KNOWN_HEADERS: readonly string[] = [...DECLARED.keys()];
