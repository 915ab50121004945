// One error type for everything the API refuses: an HTTP status, a stable
// `code` a client can switch on, a message a person can act on, and the
// request field at fault when there is one.
export class HttpError extends Error {
  constructor(status, code, message, { field, headers, extra } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
    this.extra = extra;
  }

  toJSON() {
    const error = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    return { error: { ...error, ...this.extra } };
  }
}

/** The code of a field's value the contract or the module refused: invalid_<snake_case field>. */
export function invalidFieldCode(field) {
  return `invalid_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}
