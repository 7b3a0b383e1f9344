/**
 * R's `as.character()` for a double (also what `factor()` uses for level labels and `deparse()` for
 * numeric literals): at most 15 significant digits, the fewest that represent the value at that
 * precision, printed in fixed notation unless scientific notation is strictly shorter
 * (R's rule with `scipen = 0`), exponents with at least two digits ("1e+05", "1e-04").
 */
export function formatRNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return "0";
  const target = Number(x.toPrecision(15));
  let digits = 15;
  for (let d = 1; d <= 15; d++) {
    if (Number(x.toPrecision(d)) === target) {
      digits = d;
      break;
    }
  }
  const sciRaw = target.toExponential(digits - 1);
  const [mant, expText] = sciRaw.split("e");
  const exp = Number(expText);
  const sci = `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const decimals = Math.max(0, digits - 1 - exp);
  if (decimals > 100) return sci;
  const fixed = target.toFixed(decimals);
  if (fixed.includes("e")) return sci;
  return fixed.length <= sci.length ? fixed : sci;
}
