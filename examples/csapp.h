/*
 * csapp.h - Fork Lab's own CS:APP-style helper library.
 *
 * Each capitalised wrapper calls the system or library function of the same
 * name and, when it fails, prints why and exits the process. That keeps the
 * examples short: a learner reads the idea, not the error handling.
 *
 * Servers made with Open_listenfd bind 127.0.0.1 only: Fork Lab's servers
 * are for local learning.
 */
#ifndef FORKLAB_CSAPP_H
#define FORKLAB_CSAPP_H

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <setjmp.h>
#include <pthread.h>
#include <semaphore.h>
#include <netdb.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <dirent.h>
#include <sys/wait.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define MAXLINE 8192   /* longest text line we handle */
#define MAXBUF  8192   /* size of an I/O buffer */
#define LISTENQ 1024   /* backlog passed to listen() */

typedef struct sockaddr SA;

/* Default permissions for files a program creates: DEF_MODE & ~DEF_UMASK */
#define DEF_MODE  (S_IRUSR|S_IWUSR|S_IRGRP|S_IWGRP|S_IROTH|S_IWOTH)
#define DEF_UMASK (S_IWGRP|S_IWOTH)

extern char **environ; /* the environment, from the C library */

/* A read buffer for the robust I/O (rio) package. */
#define RIO_BUFSIZE 8192
typedef struct {
    int rio_fd;                /* descriptor this buffer reads from */
    ssize_t rio_cnt;           /* bytes still unread in rio_buf */
    char *rio_bufptr;          /* next unread byte */
    char rio_buf[RIO_BUFSIZE]; /* the buffer itself */
} rio_t;

/* Error reporting: print a message and exit(1). */
void unix_error(char *msg);            /* uses errno */
void posix_error(int code, char *msg); /* uses a returned error code */
void gai_error(int code, char *msg);   /* uses a getaddrinfo error code */
void app_error(char *msg);             /* plain message */
void dns_error(char *msg);             /* gethostbyname/gethostbyaddr failed */

/* Processes */
pid_t Fork(void);
pid_t Wait(int *status);
pid_t Waitpid(pid_t pid, int *status, int options);
void Execve(const char *filename, char *const argv[], char *const envp[]);
void Setpgid(pid_t pid, pid_t pgid);
pid_t Getpgrp(void);
void Kill(pid_t pid, int sig);
void Pause(void);
unsigned int Sleep(unsigned int secs);
unsigned int Alarm(unsigned int seconds);

/* Signals */
typedef void handler_t(int);
handler_t *Signal(int signum, handler_t *handler);
void Sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
void Sigemptyset(sigset_t *set);
void Sigfillset(sigset_t *set);
void Sigaddset(sigset_t *set, int signum);
void Sigdelset(sigset_t *set, int signum);
int Sigismember(const sigset_t *set, int signum);
int Sigsuspend(const sigset_t *set);

/* Async-signal-safe output for handlers: write(2) only, no stdio buffer */
ssize_t sio_puts(char s[]);
ssize_t sio_putl(long v);
void sio_error(char s[]);              /* prints s, then _exit(1) */
ssize_t Sio_puts(char s[]);
ssize_t Sio_putl(long v);
void Sio_error(char s[]);

/* Unix I/O */
int Open(const char *pathname, int flags, mode_t mode);
ssize_t Read(int fd, void *buf, size_t count);
ssize_t Write(int fd, const void *buf, size_t count);
off_t Lseek(int fd, off_t offset, int whence);
void Close(int fd);
int Dup(int fd);
int Dup2(int oldfd, int newfd);
void Pipe(int fds[2]);
void Stat(const char *filename, struct stat *buf);
void Fstat(int fd, struct stat *buf);

/* Directories */
DIR *Opendir(const char *name);
struct dirent *Readdir(DIR *dirp);
int Closedir(DIR *dirp);

/* Memory mapping */
void *Mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
void Munmap(void *start, size_t length);

int Select(int n, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
           struct timeval *timeout);

/* Memory */
void *Malloc(size_t size);
void *Calloc(size_t nmemb, size_t size);
void *Realloc(void *ptr, size_t size);
void Free(void *ptr);

/* Standard I/O */
FILE *Fopen(const char *filename, const char *mode);
void Fclose(FILE *fp);
FILE *Fdopen(int fd, const char *type);
size_t Fread(void *ptr, size_t size, size_t nmemb, FILE *stream);
void Fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream);
char *Fgets(char *s, int size, FILE *stream);
void Fputs(const char *s, FILE *stream);

/* Sockets */
int Socket(int domain, int type, int protocol);
void Setsockopt(int s, int level, int optname, const void *optval, int optlen);
void Bind(int sockfd, struct sockaddr *my_addr, int addrlen);
void Listen(int s, int backlog);
int Accept(int s, struct sockaddr *addr, socklen_t *addrlen);
void Connect(int sockfd, struct sockaddr *serv_addr, int addrlen);
void Getaddrinfo(const char *node, const char *service,
                 const struct addrinfo *hints, struct addrinfo **res);
void Getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
                 size_t hostlen, char *serv, size_t servlen, int flags);
void Freeaddrinfo(struct addrinfo *res);
void Inet_ntop(int af, const void *src, char *dst, socklen_t size);
void Inet_pton(int af, const char *src, void *dst);

/* The older host lookups */
struct hostent *Gethostbyname(const char *name);
struct hostent *Gethostbyaddr(const char *addr, int len, int type);

/* Client and server helpers: return a descriptor, or -1 (errno set) */
int open_clientfd(char *hostname, char *port);
int open_listenfd(char *port);
int Open_clientfd(char *hostname, char *port);
int Open_listenfd(char *port);

/* Robust I/O: unbuffered and buffered reads that survive short counts */
ssize_t rio_readn(int fd, void *usrbuf, size_t n);
ssize_t rio_writen(int fd, void *usrbuf, size_t n);
void rio_readinitb(rio_t *rp, int fd);
ssize_t rio_readnb(rio_t *rp, void *usrbuf, size_t n);
ssize_t rio_readlineb(rio_t *rp, void *usrbuf, size_t maxlen);
ssize_t Rio_readn(int fd, void *usrbuf, size_t n);
void Rio_writen(int fd, void *usrbuf, size_t n);
void Rio_readinitb(rio_t *rp, int fd);
ssize_t Rio_readnb(rio_t *rp, void *usrbuf, size_t n);
ssize_t Rio_readlineb(rio_t *rp, void *usrbuf, size_t maxlen);

/* Threads */
void Pthread_create(pthread_t *tidp, pthread_attr_t *attrp,
                    void *(*routine)(void *), void *argp);
void Pthread_join(pthread_t tid, void **thread_return);
void Pthread_cancel(pthread_t tid);
void Pthread_detach(pthread_t tid);
pthread_t Pthread_self(void);
void Pthread_exit(void *retval);
void Pthread_once(pthread_once_t *once_control, void (*init_function)(void));

/* POSIX semaphores */
void Sem_init(sem_t *sem, int pshared, unsigned int value);
void P(sem_t *sem);
void V(sem_t *sem);

#endif /* FORKLAB_CSAPP_H */
