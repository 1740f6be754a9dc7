// The names of the built-in commands (commands.ts holds their code): what an exec finds in
// /bin and /usr/bin. Apart from the code so that the library can name them without loading it.
export const COMMAND_NAMES = [
  "cat", "date", "echo", "env", "false", "grep", "head", "ls", "printenv", "ps", "pwd", "rm", "sh", "sleep",
  "sort", "tail", "tr", "true", "uniq", "wc",
];
