/* The real kernel's cost of the loops `forklab bench kernel` also runs on the model:
 * fork + _exit + waitpid, a 1-byte pipe write + read, dup + close.
 * Prints one line per loop: "<name> <microseconds per iteration>". */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
  int forks = argc > 1 ? atoi(argv[1]) : 500;
  int loops = argc > 2 ? atoi(argv[2]) : 200000;
  double t0 = now_us();
  for (int i = 0; i < forks; i++) {
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) _exit(0);
    if (waitpid(pid, NULL, 0) != pid) { perror("waitpid"); return 1; }
  }
  printf("fork_exit_wait %.3f\n", (now_us() - t0) / forks);

  int fds[2];
  char c = 'x';
  if (pipe(fds) < 0) { perror("pipe"); return 1; }
  t0 = now_us();
  for (int i = 0; i < loops; i++) {
    if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1) { perror("pipe io"); return 1; }
  }
  printf("pipe_rw %.3f\n", (now_us() - t0) / loops);

  t0 = now_us();
  for (int i = 0; i < loops; i++) {
    int fd = dup(fds[0]);
    if (fd < 0 || close(fd) < 0) { perror("dup"); return 1; }
  }
  printf("dup_close %.3f\n", (now_us() - t0) / loops);
  return 0;
}
