// Order statistics for the timing samples.

export function summarize(times) {
  if (!times.length) return null;
  const s = [...times].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  // p95 by nearest rank: the smallest sample with at least 95% of samples at or below it.
  const p95 = s[Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
  return { median: round(median), p95: round(p95), n, min: round(s[0]) };
}

export function round(x, digits = 4) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function ratio(a, b) {
  if (!a || !b || !b.median) return null;
  return round(a.median / b.median, 3);
}
