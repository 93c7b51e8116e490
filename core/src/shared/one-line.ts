/**
 * Text as one line of at most `max` characters, for a summary a person scans (a timeline line): runs of
 * white space become one space and a longer text is cut with an ellipsis. The whole text stays wherever
 * it came from.
 */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
