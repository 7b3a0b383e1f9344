/** The pattern builder of the engine-text catalogues (src/i18n/warnings-en.ts and the parts' *-en.ts). */

/** A number as the engines print it ("5", "0.113", "−0.020"), or already localized ("0,714"). */
export const N = String.raw`[−-]?\d+(?:[.,]\d+)?`;

export function re(source: string): RegExp {
  return new RegExp(`^(?:${source.replace(/\{N\}/g, N)})$`);
}
