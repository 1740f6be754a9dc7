#include <stdio.h>

int main(void) {
  /* Control characters, a terminal colour sequence, a bell, DEL and bytes that are not UTF-8. */
  printf("\x01\x02 start\n\x1b[31mred\x1b[0m \x07\x08\x0b\x0c\x7f \xff\xfe\x80 end\n");
  printf("\x1b]0;title\x07\x00never\n");
  return 0;
}
