#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *idle(void *arg) {
  (void)arg;
  pause();
  return NULL;
}

int main(void) {
  pthread_t t;
  int n = 0;
  while (pthread_create(&t, NULL, idle, NULL) == 0)
    n++;
  printf("%d threads\n", n);
  return 0;
}
