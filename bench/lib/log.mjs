// The run's progress lines (on stderr, so stdout is only the table) and the errors it
// collects on the way: any error makes the run exit non-zero at the end.
export const log = (...a) => console.error("[bench]", ...a);

/** Every error of this run, as one line each. */
export const errors = [];
