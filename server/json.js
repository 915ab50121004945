// JSON.parse keeps the last of duplicate keys and drops the others without a
// word: `{"name": "<a key>", "name": "Dup"}` would pass a check of the parsed
// value. This scanner walks JSON text that JSON.parse has accepted, in one
// pass with an explicit stack (bodies may nest thousands of levels deep), and
// reports the first duplicate key and every string in the text, duplicates
// included.

/**
 * @param {string} text JSON that JSON.parse accepted.
 * @returns {{ duplicateKey: string | undefined, strings: string[] }}
 */
export function scanJson(text) {
  const objects = []; // per open object or array: its keys (a Set) or null
  const strings = [];
  let duplicateKey;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "{") objects.push(new Set());
    else if (char === "[") objects.push(null);
    else if (char === "}" || char === "]") objects.pop();
    else if (char === '"') {
      const end = stringEnd(text, i);
      const value = JSON.parse(text.slice(i, end + 1));
      strings.push(value);
      const keys = objects.at(-1);
      if (keys && isFollowedByColon(text, end + 1)) {
        if (keys.has(value)) duplicateKey ??= value;
        keys.add(value);
      }
      i = end;
    }
  }
  return { duplicateKey, strings };
}

// The index of the quote that closes the string opened at `start`.
function stringEnd(text, start) {
  for (let i = start + 1; ; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
}

function isFollowedByColon(text, from) {
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === ":") return true;
    if (char !== " " && char !== "\t" && char !== "\n" && char !== "\r")
      return false;
  }
  return false;
}
