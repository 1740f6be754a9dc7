#include <signal.h>
#include <unistd.h>

int main(void) {
  kill(getpid(), SIGINT);
  return 0;
}
