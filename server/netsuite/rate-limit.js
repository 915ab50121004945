// At most `count` live checks per organisation in any `windowMs`: each check makes
// NetSuite write a Login Audit Trail entry, and a loop in a page must not fill it.
export function rateLimiter({
  count = 10,
  windowMs = 60_000,
  now = Date.now,
} = {}) {
  const recent = new Map();
  return {
    /** Takes one check for `key`; returns 0, or the seconds to wait. */
    take(key) {
      const at = now();
      const kept = (recent.get(key) ?? []).filter((t) => at - t < windowMs);
      if (kept.length >= count) {
        recent.set(key, kept);
        return Math.max(1, Math.ceil((kept[0] + windowMs - at) / 1000));
      }
      kept.push(at);
      recent.set(key, kept);
      return 0;
    },
  };
}
