#include <stdio.h>
#include <string.h>

int main(void) {
  char word[5];
  memcpy(word, "hello", 5);
  printf("%zu\n", strlen(word));
  puts(word);
  return 0;
}
