// The built-in CS:APP-style library that `#include "csapp.h"` selects: its macros, and its
// code as C that the stepper runs like the learner's own (its lines are not stepped; its
// system calls are attributed to the learner's line that called the wrapper). Wrappers
// print the reason and exit(1) on failure, like examples/csapp.c.
import type { Macro } from "../preprocess";
import { SIO_SOURCE } from "./sio";

export const CSAPP_MACROS: Array<[string, Macro]> = [
  ["MAXLINE", { body: "8192" }],
  ["MAXBUF", { body: "8192" }],
  ["LISTENQ", { body: "1024" }],
  ["RIO_BUFSIZE", { body: "8192" }],
];

export const CSAPP_SOURCE = `
typedef struct sockaddr SA;
typedef struct { int rio_fd; ssize_t rio_cnt; char *rio_bufptr; char rio_buf[8192]; } rio_t;
typedef void handler_t(int);

void unix_error(char *msg) { fprintf(stderr, "%s: %s\\n", msg, strerror(errno)); exit(1); }
void posix_error(int code, char *msg) { fprintf(stderr, "%s: %s\\n", msg, strerror(code)); exit(1); }
void gai_error(int code, char *msg) { fprintf(stderr, "%s: %s\\n", msg, gai_strerror(code)); exit(1); }
void app_error(char *msg) { fprintf(stderr, "%s\\n", msg); exit(1); }
void dns_error(char *msg) { fprintf(stderr, "%s\\n", msg); exit(1); }

pid_t Fork(void) { pid_t pid = fork(); if (pid < 0) unix_error("Fork error"); return pid; }
pid_t Wait(int *status) { pid_t pid = wait(status); if (pid < 0) unix_error("Wait error"); return pid; }
pid_t Waitpid(pid_t pid, int *status, int options) { pid_t r = waitpid(pid, status, options); if (r < 0) unix_error("Waitpid error"); return r; }
void Execve(const char *filename, char *const argv[], char *const envp[]) { if (execve(filename, argv, envp) < 0) unix_error("Execve error"); }
void Setpgid(pid_t pid, pid_t pgid) { if (setpgid(pid, pgid) < 0) unix_error("Setpgid error"); }
pid_t Getpgrp(void) { return getpgrp(); }
void Kill(pid_t pid, int sig) { if (kill(pid, sig) < 0) unix_error("Kill error"); }
void Pause(void) { (void)pause(); }
unsigned int Sleep(unsigned int secs) { return sleep(secs); }
unsigned int Alarm(unsigned int seconds) { return alarm(seconds); }

handler_t *Signal(int signum, handler_t *handler) {
  struct sigaction action, old_action;
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  if (sigaction(signum, &action, &old_action) < 0) unix_error("Signal error");
  return old_action.sa_handler;
}
void Sigprocmask(int how, const sigset_t *set, sigset_t *oldset) { if (sigprocmask(how, set, oldset) < 0) unix_error("Sigprocmask error"); }
void Sigemptyset(sigset_t *set) { if (sigemptyset(set) < 0) unix_error("Sigemptyset error"); }
void Sigfillset(sigset_t *set) { if (sigfillset(set) < 0) unix_error("Sigfillset error"); }
void Sigaddset(sigset_t *set, int signum) { if (sigaddset(set, signum) < 0) unix_error("Sigaddset error"); }
void Sigdelset(sigset_t *set, int signum) { if (sigdelset(set, signum) < 0) unix_error("Sigdelset error"); }
int Sigismember(const sigset_t *set, int signum) { int r = sigismember(set, signum); if (r < 0) unix_error("Sigismember error"); return r; }
int Sigsuspend(const sigset_t *set) { int r = sigsuspend(set); if (errno != EINTR) unix_error("Sigsuspend error"); return r; }

int Open(const char *pathname, int flags, mode_t mode) { int r = open(pathname, flags, mode); if (r < 0) unix_error("Open error"); return r; }
ssize_t Read(int fd, void *buf, size_t count) { ssize_t r = read(fd, buf, count); if (r < 0) unix_error("Read error"); return r; }
ssize_t Write(int fd, const void *buf, size_t count) { ssize_t r = write(fd, buf, count); if (r < 0) unix_error("Write error"); return r; }
off_t Lseek(int fd, off_t offset, int whence) { off_t r = lseek(fd, offset, whence); if (r < 0) unix_error("Lseek error"); return r; }
void Close(int fd) { if (close(fd) < 0) unix_error("Close error"); }
int Dup(int fd) { int r = dup(fd); if (r < 0) unix_error("Dup error"); return r; }
int Dup2(int oldfd, int newfd) { int r = dup2(oldfd, newfd); if (r < 0) unix_error("Dup2 error"); return r; }
void Pipe(int fds[2]) { if (pipe(fds) < 0) unix_error("Pipe error"); }
void Stat(const char *filename, struct stat *buf) { if (stat(filename, buf) < 0) unix_error("Stat error"); }
void Fstat(int fd, struct stat *buf) { if (fstat(fd, buf) < 0) unix_error("Fstat error"); }
DIR *Opendir(const char *name) { DIR *d = opendir(name); if (d == NULL) unix_error("opendir error"); return d; }
struct dirent *Readdir(DIR *dirp) {
  struct dirent *e;
  errno = 0;
  e = readdir(dirp);
  if (e == NULL && errno != 0) unix_error("readdir error");
  return e;
}
int Closedir(DIR *dirp) { int r = closedir(dirp); if (r < 0) unix_error("closedir error"); return r; }
void *Mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) {
  void *p = mmap(addr, len, prot, flags, fd, offset); if (p == MAP_FAILED) unix_error("mmap error"); return p;
}
void Munmap(void *start, size_t length) { if (munmap(start, length) < 0) unix_error("munmap error"); }
int Select(int n, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout) {
  int r = select(n, readfds, writefds, exceptfds, timeout); if (r < 0) unix_error("Select error"); return r;
}

void *Malloc(size_t size) { void *p = malloc(size); if (p == NULL) unix_error("Malloc error"); return p; }
void *Calloc(size_t nmemb, size_t size) { void *p = calloc(nmemb, size); if (p == NULL) unix_error("Calloc error"); return p; }
void *Realloc(void *ptr, size_t size) { void *p = realloc(ptr, size); if (p == NULL) unix_error("Realloc error"); return p; }
void Free(void *ptr) { free(ptr); }

FILE *Fopen(const char *filename, const char *mode) { FILE *fp = fopen(filename, mode); if (fp == NULL) unix_error("Fopen error"); return fp; }
FILE *Fdopen(int fd, const char *type) { FILE *fp = fdopen(fd, type); if (fp == NULL) unix_error("Fdopen error"); return fp; }
size_t Fread(void *ptr, size_t size, size_t nmemb, FILE *stream) {
  size_t n = fread(ptr, size, nmemb, stream); if (n < nmemb && ferror(stream)) unix_error("Fread error"); return n;
}
void Fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream) { if (fwrite(ptr, size, nmemb, stream) < nmemb) unix_error("Fwrite error"); }
void Fclose(FILE *fp) { if (fclose(fp) != 0) unix_error("Fclose error"); }
char *Fgets(char *s, int size, FILE *stream) { char *r = fgets(s, size, stream); if (r == NULL && ferror(stream)) app_error("Fgets error"); return r; }
void Fputs(const char *s, FILE *stream) { if (fputs(s, stream) == EOF) unix_error("Fputs error"); }

int Socket(int domain, int type, int protocol) { int r = socket(domain, type, protocol); if (r < 0) unix_error("Socket error"); return r; }
void Setsockopt(int s, int level, int optname, const void *optval, int optlen) { if (setsockopt(s, level, optname, optval, (socklen_t)optlen) < 0) unix_error("Setsockopt error"); }
void Bind(int sockfd, struct sockaddr *my_addr, int addrlen) { if (bind(sockfd, my_addr, addrlen) < 0) unix_error("Bind error"); }
void Listen(int s, int backlog) { if (listen(s, backlog) < 0) unix_error("Listen error"); }
int Accept(int s, struct sockaddr *addr, socklen_t *addrlen) { int r = accept(s, addr, addrlen); if (r < 0) unix_error("Accept error"); return r; }
void Connect(int sockfd, struct sockaddr *serv_addr, int addrlen) { if (connect(sockfd, serv_addr, addrlen) < 0) unix_error("Connect error"); }
void Getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res) {
  int rc = getaddrinfo(node, service, hints, res); if (rc != 0) gai_error(rc, "Getaddrinfo error");
}
void Getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, size_t hostlen, char *serv, size_t servlen, int flags) {
  int rc = getnameinfo(sa, salen, host, hostlen, serv, servlen, flags); if (rc != 0) gai_error(rc, "Getnameinfo error");
}
void Freeaddrinfo(struct addrinfo *res) { freeaddrinfo(res); }
void Inet_ntop(int af, const void *src, char *dst, socklen_t size) { if (!inet_ntop(af, src, dst, size)) unix_error("Inet_ntop error"); }
void Inet_pton(int af, const char *src, void *dst) {
  int rc = inet_pton(af, src, dst);
  if (rc == 0) app_error("inet_pton error: invalid dotted-decimal address");
  else if (rc < 0) unix_error("Inet_pton error");
}
struct hostent *Gethostbyname(const char *name) { struct hostent *p = gethostbyname(name); if (p == NULL) dns_error("Gethostbyname error"); return p; }
struct hostent *Gethostbyaddr(const char *addr, int len, int type) { struct hostent *p = gethostbyaddr(addr, len, type); if (p == NULL) dns_error("Gethostbyaddr error"); return p; }

int open_clientfd(char *hostname, char *port) {
  struct addrinfo hints, *list, *p;
  int fd = -1;
  memset(&hints, 0, sizeof(hints));
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  if (getaddrinfo(hostname, port, &hints, &list) != 0) return -1;
  for (p = list; p != NULL; p = p->ai_next) {
    fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, p->ai_addr, p->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(list);
  return fd;
}

int open_listenfd(char *port) {
  struct addrinfo hints, *list, *p;
  int fd = -1, one = 1;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
  if (getaddrinfo("127.0.0.1", port, &hints, &list) != 0) return -1;
  for (p = list; p != NULL; p = p->ai_next) {
    fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
    if (fd < 0) continue;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, p->ai_addr, p->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(list);
  if (fd < 0) return -1;
  if (listen(fd, 1024) < 0) { close(fd); return -1; }
  return fd;
}

int Open_clientfd(char *hostname, char *port) { int fd = open_clientfd(hostname, port); if (fd < 0) unix_error("Open_clientfd error"); return fd; }
int Open_listenfd(char *port) { int fd = open_listenfd(port); if (fd < 0) unix_error("Open_listenfd error"); return fd; }

ssize_t rio_readn(int fd, void *usrbuf, size_t n) {
  size_t left = n; ssize_t got; char *bufp = usrbuf;
  while (left > 0) {
    if ((got = read(fd, bufp, left)) < 0) { if (errno == EINTR) got = 0; else return -1; }
    else if (got == 0) break;
    left -= got; bufp += got;
  }
  return n - left;
}
ssize_t rio_writen(int fd, void *usrbuf, size_t n) {
  size_t left = n; ssize_t put; char *bufp = usrbuf;
  while (left > 0) {
    if ((put = write(fd, bufp, left)) <= 0) { if (errno == EINTR) put = 0; else return -1; }
    left -= put; bufp += put;
  }
  return n;
}
static ssize_t rio_read(rio_t *rp, char *usrbuf, size_t n) {
  size_t take;
  while (rp->rio_cnt <= 0) {
    rp->rio_cnt = read(rp->rio_fd, rp->rio_buf, sizeof(rp->rio_buf));
    if (rp->rio_cnt < 0) { if (errno != EINTR) return -1; }
    else if (rp->rio_cnt == 0) return 0;
    else rp->rio_bufptr = rp->rio_buf;
  }
  take = n < (size_t)rp->rio_cnt ? n : (size_t)rp->rio_cnt;
  memcpy(usrbuf, rp->rio_bufptr, take);
  rp->rio_bufptr += take;
  rp->rio_cnt -= take;
  return take;
}
void rio_readinitb(rio_t *rp, int fd) { rp->rio_fd = fd; rp->rio_cnt = 0; rp->rio_bufptr = rp->rio_buf; }
ssize_t rio_readnb(rio_t *rp, void *usrbuf, size_t n) {
  size_t left = n; ssize_t got; char *bufp = usrbuf;
  while (left > 0) {
    if ((got = rio_read(rp, bufp, left)) < 0) return -1;
    else if (got == 0) break;
    left -= got; bufp += got;
  }
  return n - left;
}
ssize_t rio_readlineb(rio_t *rp, void *usrbuf, size_t maxlen) {
  int n, rc; char c, *bufp = usrbuf;
  for (n = 1; n < maxlen; n++) {
    if ((rc = rio_read(rp, &c, 1)) == 1) { *bufp++ = c; if (c == '\\n') { n++; break; } }
    else if (rc == 0) { if (n == 1) return 0; else break; }
    else return -1;
  }
  *bufp = 0;
  return n - 1;
}
ssize_t Rio_readn(int fd, void *ptr, size_t nbytes) { ssize_t n = rio_readn(fd, ptr, nbytes); if (n < 0) unix_error("Rio_readn error"); return n; }
void Rio_writen(int fd, void *usrbuf, size_t n) { if (rio_writen(fd, usrbuf, n) != n) unix_error("Rio_writen error"); }
void Rio_readinitb(rio_t *rp, int fd) { rio_readinitb(rp, fd); }
ssize_t Rio_readnb(rio_t *rp, void *usrbuf, size_t n) { ssize_t rc = rio_readnb(rp, usrbuf, n); if (rc < 0) unix_error("Rio_readnb error"); return rc; }
ssize_t Rio_readlineb(rio_t *rp, void *usrbuf, size_t maxlen) { ssize_t rc = rio_readlineb(rp, usrbuf, maxlen); if (rc < 0) unix_error("Rio_readlineb error"); return rc; }

void Pthread_create(pthread_t *tidp, pthread_attr_t *attrp, void *(*routine)(void *), void *argp) {
  int rc = pthread_create(tidp, attrp, routine, argp); if (rc != 0) posix_error(rc, "Pthread_create error");
}
void Pthread_join(pthread_t tid, void **thread_return) { int rc = pthread_join(tid, thread_return); if (rc != 0) posix_error(rc, "Pthread_join error"); }
void Pthread_cancel(pthread_t tid) { int rc = pthread_cancel(tid); if (rc != 0) posix_error(rc, "Pthread_cancel error"); }
void Pthread_detach(pthread_t tid) { int rc = pthread_detach(tid); if (rc != 0) posix_error(rc, "Pthread_detach error"); }
pthread_t Pthread_self(void) { return pthread_self(); }
void Pthread_exit(void *retval) { pthread_exit(retval); }
void Pthread_once(pthread_once_t *once_control, void (*init_function)(void)) { pthread_once(once_control, init_function); }
void Sem_init(sem_t *sem, int pshared, unsigned int value) { if (sem_init(sem, pshared, value) < 0) unix_error("Sem_init error"); }
void P(sem_t *sem) { if (sem_wait(sem) < 0) unix_error("P error"); }
void V(sem_t *sem) { if (sem_post(sem) < 0) unix_error("V error"); }
` + SIO_SOURCE;
