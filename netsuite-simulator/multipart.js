// A small multipart/form-data reader (RFC 7578) for the Create New form:
// text fields and one uploaded file per field name.

/** Parses `buffer` sent with `contentType`; undefined when it is not multipart. */
export function readMultipart(contentType, buffer) {
  const match =
    /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(
      contentType ?? "",
    );
  if (!match) return undefined;
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const fields = {};
  const files = {};
  let start = buffer.indexOf(delimiter);
  if (start < 0) return undefined;
  for (;;) {
    start += delimiter.length;
    if (buffer.subarray(start, start + 2).toString() === "--") break;
    const end = buffer.indexOf(delimiter, start);
    if (end < 0) return undefined;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF.
    const part = buffer.subarray(start + 2, end - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) return undefined;
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const disposition =
      /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      if (fileName !== undefined) files[name] = { fileName, content };
      else fields[name] = content.toString("utf8");
    }
    start = end;
  }
  return { fields, files };
}
