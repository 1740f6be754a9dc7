// The two exercises a learner's server is checked against: the echo server (every line
// comes back) and the schedule server (our own small line protocol over a data file).

import type { Exercise } from "./checks";

export const ECHO: Exercise = {
  name: "echo",
  exchanges: [
    { send: "hello", answer: "hello\n" },
    { send: "fork lab", answer: "fork lab\n" },
    { send: "one more line", answer: "one more line\n" },
  ],
  files: {},
};

/**
 * The schedule protocol. The data file holds one class a line, "DAY START COURSE ROOM";
 * lines starting with '#' are comments. A client sends a day ("mon" .. "sun") and gets one
 * line back: the day, a colon, and that day's classes in file order as "COURSE START ROOM"
 * joined by ", ", or "free" when there is none. Anything else gets "error: unknown day X".
 */
export const SCHEDULE_DATA = `# day start course room
mon 09:00 CS101 Hall-A
mon 13:30 MA201 Room-12
tue 10:30 CS220 Lab-3
wed 09:00 CS101 Hall-A
thu 15:00 PH110 Room-4
fri 11:00 CS220 Lab-3
`;

export const SCHEDULE: Exercise = {
  name: "schedule",
  exchanges: [
    { send: "mon", answer: "mon: CS101 09:00 Hall-A, MA201 13:30 Room-12\n" },
    { send: "tue", answer: "tue: CS220 10:30 Lab-3\n" },
    { send: "sat", answer: "sat: free\n" },
    { send: "noon", answer: "error: unknown day noon\n" },
  ],
  files: { "schedule.txt": SCHEDULE_DATA },
};

export const EXERCISES = { echo: ECHO, schedule: SCHEDULE } as const;
export type ExerciseName = keyof typeof EXERCISES;

export function exerciseNamed(name: string): Exercise | undefined {
  return (EXERCISES as Record<string, Exercise>)[name];
}
