// The simulator's switches: its clock offset (to test clock skew) and the
// 500 switch (the one failure observed from the real endpoint).
export class Settings {
  constructor({
    clockOffsetSeconds = 0,
    serverError = false,
    refusalsAsServerError = false,
  } = {}) {
    this.clockOffsetSeconds = 0;
    this.serverError = false;
    this.refusalsAsServerError = false;
    this.failNext = 0;
    this.update({ clockOffsetSeconds, serverError, refusalsAsServerError });
  }

  /** The simulator's time in milliseconds: the system clock plus the offset. */
  now() {
    return Date.now() + this.clockOffsetSeconds * 1000;
  }

  /** Whether this token request answers 500 (always on, or one of the next N). */
  takeServerError() {
    if (this.serverError) return true;
    if (this.failNext === 0) return false;
    this.failNext -= 1;
    return true;
  }

  /** Changes the given settings; throws a TypeError naming a wrong one. */
  update(changes) {
    const { clockOffsetSeconds, serverError, refusalsAsServerError, failNext } =
      changes;
    if (
      clockOffsetSeconds !== undefined &&
      !Number.isInteger(clockOffsetSeconds)
    )
      throw new TypeError(
        "clockOffsetSeconds must be a whole number of seconds.",
      );
    for (const [name, value] of Object.entries({
      serverError,
      refusalsAsServerError,
    }))
      if (value !== undefined && typeof value !== "boolean")
        throw new TypeError(`${name} must be true or false.`);
    if (
      failNext !== undefined &&
      !(Number.isInteger(failNext) && failNext >= 0 && failNext <= 1000)
    )
      throw new TypeError("failNext must be a whole number from 0 to 1000.");
    if (clockOffsetSeconds !== undefined)
      this.clockOffsetSeconds = clockOffsetSeconds;
    if (serverError !== undefined) this.serverError = serverError;
    if (refusalsAsServerError !== undefined)
      this.refusalsAsServerError = refusalsAsServerError;
    if (failNext !== undefined) this.failNext = failNext;
  }

  toJSON() {
    return {
      clockOffsetSeconds: this.clockOffsetSeconds,
      serverError: this.serverError,
      refusalsAsServerError: this.refusalsAsServerError,
      failNext: this.failNext,
    };
  }
}
