/*
 * csapp.c - Fork Lab's own CS:APP-style helper library (see csapp.h).
 * Wrappers report a failure and exit, so callers can ignore error returns.
 */
#include "csapp.h"

/* ---------- error reporting ---------- */

void unix_error(char *msg)
{
    fprintf(stderr, "%s: %s\n", msg, strerror(errno));
    exit(1);
}

void posix_error(int code, char *msg)
{
    fprintf(stderr, "%s: %s\n", msg, strerror(code));
    exit(1);
}

void gai_error(int code, char *msg)
{
    fprintf(stderr, "%s: %s\n", msg, gai_strerror(code));
    exit(1);
}

void app_error(char *msg)
{
    fprintf(stderr, "%s\n", msg);
    exit(1);
}

void dns_error(char *msg)
{
    fprintf(stderr, "%s\n", msg);
    exit(1);
}

/* ---------- processes ---------- */

void Execve(const char *filename, char *const argv[], char *const envp[])
{
    if (execve(filename, argv, envp) < 0)
        unix_error("Execve error");
}

void Setpgid(pid_t pid, pid_t pgid)
{
    if (setpgid(pid, pgid) < 0)
        unix_error("Setpgid error");
}

pid_t Getpgrp(void)
{
    return getpgrp();
}

pid_t Fork(void)
{
    pid_t pid = fork();
    if (pid < 0)
        unix_error("Fork error");
    return pid;
}

pid_t Wait(int *status)
{
    pid_t pid = wait(status);
    if (pid < 0)
        unix_error("Wait error");
    return pid;
}

pid_t Waitpid(pid_t pid, int *status, int options)
{
    pid_t ret = waitpid(pid, status, options);
    if (ret < 0)
        unix_error("Waitpid error");
    return ret;
}

void Kill(pid_t pid, int sig)
{
    if (kill(pid, sig) < 0)
        unix_error("Kill error");
}

void Pause(void)
{
    (void)pause(); /* always returns -1 with EINTR: nothing to check */
}

unsigned int Sleep(unsigned int secs)
{
    return sleep(secs); /* a signal may end it early; the rest is returned */
}

unsigned int Alarm(unsigned int seconds)
{
    return alarm(seconds);
}

/* ---------- signals ---------- */

/* Install a handler with sigaction: slow calls restart after it runs,
 * and the signal being handled is blocked while the handler runs. */
handler_t *Signal(int signum, handler_t *handler)
{
    struct sigaction action, old_action;

    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(signum, &action, &old_action) < 0)
        unix_error("Signal error");
    return old_action.sa_handler;
}

void Sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
    if (sigprocmask(how, set, oldset) < 0)
        unix_error("Sigprocmask error");
}

void Sigemptyset(sigset_t *set)
{
    if (sigemptyset(set) < 0)
        unix_error("Sigemptyset error");
}

void Sigfillset(sigset_t *set)
{
    if (sigfillset(set) < 0)
        unix_error("Sigfillset error");
}

void Sigaddset(sigset_t *set, int signum)
{
    if (sigaddset(set, signum) < 0)
        unix_error("Sigaddset error");
}

void Sigdelset(sigset_t *set, int signum)
{
    if (sigdelset(set, signum) < 0)
        unix_error("Sigdelset error");
}

int Sigismember(const sigset_t *set, int signum)
{
    int rc = sigismember(set, signum);
    if (rc < 0)
        unix_error("Sigismember error");
    return rc;
}

/* sigsuspend returns only when a handler ran, always with EINTR. */
int Sigsuspend(const sigset_t *set)
{
    int rc = sigsuspend(set);
    if (errno != EINTR)
        unix_error("Sigsuspend error");
    return rc;
}

/* ---------- Unix I/O ---------- */

int Open(const char *pathname, int flags, mode_t mode)
{
    int fd = open(pathname, flags, mode);
    if (fd < 0)
        unix_error("Open error");
    return fd;
}

ssize_t Read(int fd, void *buf, size_t count)
{
    ssize_t n = read(fd, buf, count);
    if (n < 0)
        unix_error("Read error");
    return n;
}

ssize_t Write(int fd, const void *buf, size_t count)
{
    ssize_t n = write(fd, buf, count);
    if (n < 0)
        unix_error("Write error");
    return n;
}

off_t Lseek(int fd, off_t offset, int whence)
{
    off_t pos = lseek(fd, offset, whence);
    if (pos < 0)
        unix_error("Lseek error");
    return pos;
}

void Close(int fd)
{
    if (close(fd) < 0)
        unix_error("Close error");
}

int Dup(int fd)
{
    int newfd = dup(fd);
    if (newfd < 0)
        unix_error("Dup error");
    return newfd;
}

int Dup2(int oldfd, int newfd)
{
    int fd = dup2(oldfd, newfd);
    if (fd < 0)
        unix_error("Dup2 error");
    return fd;
}

void Pipe(int fds[2])
{
    if (pipe(fds) < 0)
        unix_error("Pipe error");
}

void Stat(const char *filename, struct stat *buf)
{
    if (stat(filename, buf) < 0)
        unix_error("Stat error");
}

void Fstat(int fd, struct stat *buf)
{
    if (fstat(fd, buf) < 0)
        unix_error("Fstat error");
}

/* ---------- directories ---------- */

DIR *Opendir(const char *name)
{
    DIR *d = opendir(name);
    if (d == NULL)
        unix_error("opendir error");
    return d;
}

/* NULL at the end of the directory; errno tells an end from a failure. */
struct dirent *Readdir(DIR *dirp)
{
    struct dirent *e;
    errno = 0;
    e = readdir(dirp);
    if (e == NULL && errno != 0)
        unix_error("readdir error");
    return e;
}

int Closedir(DIR *dirp)
{
    int r = closedir(dirp);
    if (r < 0)
        unix_error("closedir error");
    return r;
}

/* ---------- memory mapping ---------- */

void *Mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
    void *p = mmap(addr, len, prot, flags, fd, offset);
    if (p == MAP_FAILED)
        unix_error("mmap error");
    return p;
}

void Munmap(void *start, size_t length)
{
    if (munmap(start, length) < 0)
        unix_error("munmap error");
}

int Select(int n, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
           struct timeval *timeout)
{
    int ready = select(n, readfds, writefds, exceptfds, timeout);
    if (ready < 0)
        unix_error("Select error");
    return ready;
}

/* ---------- memory ---------- */

void *Malloc(size_t size)
{
    void *p = malloc(size);
    if (p == NULL)
        unix_error("Malloc error");
    return p;
}

void *Calloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb, size);
    if (p == NULL)
        unix_error("Calloc error");
    return p;
}

void *Realloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size);
    if (p == NULL)
        unix_error("Realloc error");
    return p;
}

void Free(void *ptr)
{
    free(ptr);
}

/* ---------- standard I/O ---------- */

FILE *Fopen(const char *filename, const char *mode)
{
    FILE *fp = fopen(filename, mode);
    if (fp == NULL)
        unix_error("Fopen error");
    return fp;
}

FILE *Fdopen(int fd, const char *type)
{
    FILE *fp = fdopen(fd, type);
    if (fp == NULL)
        unix_error("Fdopen error");
    return fp;
}

/* A short count is an error only when the stream says so (else it is the end of input). */
size_t Fread(void *ptr, size_t size, size_t nmemb, FILE *stream)
{
    size_t n = fread(ptr, size, nmemb, stream);
    if (n < nmemb && ferror(stream))
        unix_error("Fread error");
    return n;
}

void Fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream)
{
    if (fwrite(ptr, size, nmemb, stream) < nmemb)
        unix_error("Fwrite error");
}

void Fclose(FILE *fp)
{
    if (fclose(fp) != 0)
        unix_error("Fclose error");
}

/* NULL means end of file, unless the stream's error flag is set. */
char *Fgets(char *s, int size, FILE *stream)
{
    char *line = fgets(s, size, stream);
    if (line == NULL && ferror(stream))
        app_error("Fgets error");
    return line;
}

void Fputs(const char *s, FILE *stream)
{
    if (fputs(s, stream) == EOF)
        unix_error("Fputs error");
}

/* ---------- sockets ---------- */

int Socket(int domain, int type, int protocol)
{
    int fd = socket(domain, type, protocol);
    if (fd < 0)
        unix_error("Socket error");
    return fd;
}

void Setsockopt(int s, int level, int optname, const void *optval, int optlen)
{
    if (setsockopt(s, level, optname, optval, (socklen_t)optlen) < 0)
        unix_error("Setsockopt error");
}

void Bind(int sockfd, struct sockaddr *my_addr, int addrlen)
{
    if (bind(sockfd, my_addr, (socklen_t)addrlen) < 0)
        unix_error("Bind error");
}

void Listen(int s, int backlog)
{
    if (listen(s, backlog) < 0)
        unix_error("Listen error");
}

int Accept(int s, struct sockaddr *addr, socklen_t *addrlen)
{
    int fd = accept(s, addr, addrlen);
    if (fd < 0)
        unix_error("Accept error");
    return fd;
}

void Connect(int sockfd, struct sockaddr *serv_addr, int addrlen)
{
    if (connect(sockfd, serv_addr, (socklen_t)addrlen) < 0)
        unix_error("Connect error");
}

void Getaddrinfo(const char *node, const char *service,
                 const struct addrinfo *hints, struct addrinfo **res)
{
    int rc = getaddrinfo(node, service, hints, res);
    if (rc != 0)
        gai_error(rc, "Getaddrinfo error");
}

void Getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
                 size_t hostlen, char *serv, size_t servlen, int flags)
{
    int rc = getnameinfo(sa, salen, host, (socklen_t)hostlen, serv,
                         (socklen_t)servlen, flags);
    if (rc != 0)
        gai_error(rc, "Getnameinfo error");
}

void Freeaddrinfo(struct addrinfo *res)
{
    freeaddrinfo(res);
}

void Inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    if (!inet_ntop(af, src, dst, size))
        unix_error("Inet_ntop error");
}

/* inet_pton returns 0 for text that is not an address (errno is not set then). */
void Inet_pton(int af, const char *src, void *dst)
{
    int rc = inet_pton(af, src, dst);
    if (rc == 0)
        app_error("inet_pton error: invalid dotted-decimal address");
    else if (rc < 0)
        unix_error("Inet_pton error");
}

struct hostent *Gethostbyname(const char *name)
{
    struct hostent *p = gethostbyname(name);
    if (p == NULL)
        dns_error("Gethostbyname error");
    return p;
}

struct hostent *Gethostbyaddr(const char *addr, int len, int type)
{
    struct hostent *p = gethostbyaddr(addr, len, type);
    if (p == NULL)
        dns_error("Gethostbyaddr error");
    return p;
}

/* ---------- client and server helpers ---------- */

/* Connect to hostname:port over TCP. Tries each address getaddrinfo
 * offers until one connects. Returns the descriptor, or -1. */
int open_clientfd(char *hostname, char *port)
{
    struct addrinfo hints, *list, *p;
    int fd = -1;

    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    if (getaddrinfo(hostname, port, &hints, &list) != 0)
        return -1;
    for (p = list; p != NULL; p = p->ai_next) {
        fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, p->ai_addr, p->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(list);
    return fd;
}

/* A listening TCP socket on 127.0.0.1:port. SO_REUSEADDR lets a server
 * restart at once on the same port. Returns the descriptor, or -1. */
int open_listenfd(char *port)
{
    struct addrinfo hints, *list, *p;
    int fd = -1, one = 1;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
    if (getaddrinfo("127.0.0.1", port, &hints, &list) != 0)
        return -1;
    for (p = list; p != NULL; p = p->ai_next) {
        fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, p->ai_addr, p->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(list);
    if (fd < 0)
        return -1;
    if (listen(fd, LISTENQ) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int Open_clientfd(char *hostname, char *port)
{
    int fd = open_clientfd(hostname, port);
    if (fd < 0)
        unix_error("Open_clientfd error");
    return fd;
}

int Open_listenfd(char *port)
{
    int fd = open_listenfd(port);
    if (fd < 0)
        unix_error("Open_listenfd error");
    return fd;
}

/* ---------- robust I/O ---------- */

/* Read exactly n bytes unless EOF comes first. Restarts after signals. */
ssize_t rio_readn(int fd, void *usrbuf, size_t n)
{
    char *dst = usrbuf;
    size_t left = n;

    while (left > 0) {
        ssize_t got = read(fd, dst, left);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (got == 0)
            break; /* EOF */
        left -= (size_t)got;
        dst += got;
    }
    return (ssize_t)(n - left);
}

/* Write all n bytes. Restarts after signals. */
ssize_t rio_writen(int fd, void *usrbuf, size_t n)
{
    char *src = usrbuf;
    size_t left = n;

    while (left > 0) {
        ssize_t put = write(fd, src, left);
        if (put < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        left -= (size_t)put;
        src += put;
    }
    return (ssize_t)n;
}

void rio_readinitb(rio_t *rp, int fd)
{
    rp->rio_fd = fd;
    rp->rio_cnt = 0;
    rp->rio_bufptr = rp->rio_buf;
}

/* Copy up to n bytes out of the buffer, refilling it with one read()
 * when empty. Returns 0 at EOF, -1 on error. */
static ssize_t rio_read(rio_t *rp, char *usrbuf, size_t n)
{
    size_t take;

    while (rp->rio_cnt <= 0) {
        rp->rio_cnt = read(rp->rio_fd, rp->rio_buf, sizeof(rp->rio_buf));
        if (rp->rio_cnt < 0) {
            if (errno != EINTR)
                return -1;
        } else if (rp->rio_cnt == 0) {
            return 0;
        } else {
            rp->rio_bufptr = rp->rio_buf;
        }
    }
    take = n < (size_t)rp->rio_cnt ? n : (size_t)rp->rio_cnt;
    memcpy(usrbuf, rp->rio_bufptr, take);
    rp->rio_bufptr += take;
    rp->rio_cnt -= (ssize_t)take;
    return (ssize_t)take;
}

ssize_t rio_readnb(rio_t *rp, void *usrbuf, size_t n)
{
    char *dst = usrbuf;
    size_t left = n;

    while (left > 0) {
        ssize_t got = rio_read(rp, dst, left);
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        left -= (size_t)got;
        dst += got;
    }
    return (ssize_t)(n - left);
}

/* Read one line (through '\n') of at most maxlen-1 bytes and add a NUL.
 * Returns the byte count, 0 at EOF with nothing read, -1 on error. */
ssize_t rio_readlineb(rio_t *rp, void *usrbuf, size_t maxlen)
{
    char *dst = usrbuf, c;
    size_t count = 0;

    while (count + 1 < maxlen) {
        ssize_t got = rio_read(rp, &c, 1);
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        *dst++ = c;
        count++;
        if (c == '\n')
            break;
    }
    *dst = '\0';
    return (ssize_t)count;
}

ssize_t Rio_readn(int fd, void *usrbuf, size_t n)
{
    ssize_t rc = rio_readn(fd, usrbuf, n);
    if (rc < 0)
        unix_error("Rio_readn error");
    return rc;
}

void Rio_writen(int fd, void *usrbuf, size_t n)
{
    if (rio_writen(fd, usrbuf, n) != (ssize_t)n)
        unix_error("Rio_writen error");
}

void Rio_readinitb(rio_t *rp, int fd)
{
    rio_readinitb(rp, fd);
}

ssize_t Rio_readnb(rio_t *rp, void *usrbuf, size_t n)
{
    ssize_t rc = rio_readnb(rp, usrbuf, n);
    if (rc < 0)
        unix_error("Rio_readnb error");
    return rc;
}

ssize_t Rio_readlineb(rio_t *rp, void *usrbuf, size_t maxlen)
{
    ssize_t rc = rio_readlineb(rp, usrbuf, maxlen);
    if (rc < 0)
        unix_error("Rio_readlineb error");
    return rc;
}

/* ---------- threads ---------- */

void Pthread_create(pthread_t *tidp, pthread_attr_t *attrp,
                    void *(*routine)(void *), void *argp)
{
    int rc = pthread_create(tidp, attrp, routine, argp);
    if (rc != 0)
        posix_error(rc, "Pthread_create error");
}

void Pthread_join(pthread_t tid, void **thread_return)
{
    int rc = pthread_join(tid, thread_return);
    if (rc != 0)
        posix_error(rc, "Pthread_join error");
}

void Pthread_cancel(pthread_t tid)
{
    int rc = pthread_cancel(tid);
    if (rc != 0)
        posix_error(rc, "Pthread_cancel error");
}

void Pthread_detach(pthread_t tid)
{
    int rc = pthread_detach(tid);
    if (rc != 0)
        posix_error(rc, "Pthread_detach error");
}

pthread_t Pthread_self(void)
{
    return pthread_self();
}

void Pthread_exit(void *retval)
{
    pthread_exit(retval);
}

/* ---------- semaphores ---------- */

void Pthread_once(pthread_once_t *once_control, void (*init_function)(void))
{
    pthread_once(once_control, init_function);
}

void Sem_init(sem_t *sem, int pshared, unsigned int value)
{
    if (sem_init(sem, pshared, value) < 0)
        unix_error("Sem_init error");
}

void P(sem_t *s)
{
    while (sem_wait(s) < 0)
        if (errno != EINTR)
            unix_error("P error");
}

void V(sem_t *s)
{
    if (sem_post(s) < 0)
        unix_error("V error");
}

/* ---------- async-signal-safe output (sio) ---------- */

/* Only write(2) and the caller's stack: safe in a handler that interrupted printf. */
static size_t sio_strlen(char s[])
{
    size_t n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}

/* v in base `base` (2..36) into s, with a '-' when negative. */
static void sio_ltoa(long v, char s[], int base)
{
    char digits[72];
    int n = 0, i = 0, neg = v < 0;
    /* Digits from the truncated remainders (negative for negative v): no negation, so
       LONG_MIN needs no special case. */
    do {
        int d = (int)(v % base);
        if (d < 0)
            d = -d;
        digits[n++] = d < 10 ? '0' + d : 'a' + d - 10;
        v /= base;
    } while (v != 0);
    if (neg)
        s[i++] = '-';
    while (n > 0)
        s[i++] = digits[--n];
    s[i] = '\0';
}

ssize_t sio_puts(char s[])
{
    return write(STDOUT_FILENO, s, sio_strlen(s));
}

ssize_t sio_putl(long v)
{
    char s[128];
    sio_ltoa(v, s, 10);
    return sio_puts(s);
}

void sio_error(char s[])
{
    sio_puts(s);
    _exit(1);
}

ssize_t Sio_puts(char s[])
{
    ssize_t n = sio_puts(s);
    if (n < 0)
        sio_error("Sio_puts error");
    return n;
}

ssize_t Sio_putl(long v)
{
    ssize_t n = sio_putl(v);
    if (n < 0)
        sio_error("Sio_putl error");
    return n;
}

void Sio_error(char s[])
{
    sio_error(s);
}
