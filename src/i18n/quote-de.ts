/**
 * A spec label (the user's text: endpoint, treatment, cause, origin) embedded mid-sentence in a German template, in
 * German quotes: „Overall survival“ (referee B24; the labels are often English). Empty text and text already quoted
 * come back as they are.
 *
 * @example
 * ```ts
 * quotedDe("Overall survival"); // "„Overall survival“"
 * ```
 */
export function quotedDe(label: string): string {
  return label === "" || label.startsWith("„") ? label : `„${label}“`;
}
