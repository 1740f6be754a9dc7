/*
 * eintr-accept.c - a signal handled while a process is blocked in a slow
 * call (accept, read, wait...) interrupts that call. Without SA_RESTART
 * the call returns -1 with errno EINTR and the program must try again;
 * with SA_RESTART the kernel restarts it after the handler. (csapp's
 * Signal sets SA_RESTART; plain signal() on glibc does too.)
 * Usage: eintr-accept <port>
 */
#include "csapp.h"

void on_alarm(int sig) { }        /* does nothing: the point is the interruption */

int main(int argc, char **argv)
{
    int listenfd, connfd;
    struct sigaction sa;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    listenfd = Open_listenfd(argv[1]);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;                              /* no SA_RESTART */
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    connfd = accept(listenfd, NULL, NULL);        /* interrupted after 1 s */
    if (connfd < 0 && errno == EINTR)
        printf("without SA_RESTART: accept returned -1 with EINTR\n");
    fflush(stdout);

    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    if (Fork() == 0) {                            /* a client, 2 s from now */
        Sleep(2);
        Close(Open_clientfd("127.0.0.1", argv[1]));
        exit(0);
    }
    alarm(1);
    connfd = accept(listenfd, NULL, NULL);        /* the handler runs at 1 s, accept goes on */
    printf("with SA_RESTART: accept went on and returned %d\n", connfd);
    Close(connfd);
    Wait(NULL);
    exit(0);
}
