// Percentiles over plain arrays of milliseconds: the bench's samples are at most a few hundred
// thousand, so sorting a copy is cheaper than carrying a histogram library.

/** p50, p99 and max of `samples` (ms), rounded to 0.1 ms; zeros when there are none. */
export function summarizeLatencies(samples) {
  if (samples.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const round = (v) => Math.round(v * 10) / 10;
  return { count: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted[sorted.length - 1]) };
}
