/*
 * schedule-starter.c - your turn: a server for the schedule protocol that
 * serves one client at a time. A client sends a day ("mon" .. "sun") and gets
 * one line back: that day's classes from schedule.txt ("COURSE START ROOM",
 * joined by ", "), "free" when there is none, or "error: unknown day X".
 * Make it serve many users at once, as you did the echo server. Check it with
 *   forklab check schedule-starter.c --exercise schedule
 * Usage: schedule-starter <port>
 */
#include "csapp.h"

void serve(int connfd);
void answer(char *request, char *out);

int main(int argc, char **argv)
{
    int listenfd, connfd;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(1);
    }
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        connfd = Accept(listenfd, NULL, NULL);
        serve(connfd); /* one client at a time: the next waits until this one leaves */
        Close(connfd);
    }
}

/* Answer each request line until the client closes or the connection fails. */
void serve(int connfd)
{
    char request[MAXLINE], out[MAXLINE];
    rio_t rio;

    rio_readinitb(&rio, connfd);
    while (rio_readlineb(&rio, request, MAXLINE) > 0) {
        answer(request, out);
        if (rio_writen(connfd, out, strlen(out)) < 0)
            break;
    }
}

/* The protocol's answer to one request, newline included. */
void answer(char *request, char *out)
{
    char line[MAXLINE], day[16], start[16], course[32], room[32], *end;
    FILE *fp;
    int found = 0;

    if ((end = strchr(request, '\n')) != NULL)
        *end = '\0';
    if ((end = strchr(request, '\r')) != NULL)
        *end = '\0';
    if (strlen(request) != 3 || strstr("mon tue wed thu fri sat sun", request) == NULL) {
        sprintf(out, "error: unknown day %s\n", request);
        return;
    }
    strcpy(out, request);
    fp = fopen("schedule.txt", "r");
    while (fp != NULL && fgets(line, MAXLINE, fp) != NULL) {
        if (line[0] == '#' || sscanf(line, "%15s %15s %31s %31s", day, start, course, room) != 4)
            continue;
        if (strcmp(day, request) != 0)
            continue;
        strcat(out, found ? ", " : ": ");
        strcat(out, course);
        strcat(out, " ");
        strcat(out, start);
        strcat(out, " ");
        strcat(out, room);
        found = 1;
    }
    if (fp != NULL)
        fclose(fp);
    strcat(out, found ? "\n" : ": free\n");
}
