/** The time a server page renders at, handed to NowProvider so server and client agree. */
export function requestTime(): number {
  return Date.now();
}
