/**
 * GST on one line: value of supply after discounts (CGST Act 2017 s.15), then CGST + SGST/UTGST or
 * IGST at the line's rate (IGST Act s.5, CGST Act s.9, UTGST Act s.7) and compensation cess
 * (GST (Compensation to States) Act 2017 s.8: ad valorem on the same value, and/or specific per unit).
 *
 * Splitting CGST and SGST: each half is computed on its own from the taxable value at half the
 * combined rate (CGST and SGST are separate levies under separate Acts, each at its notified rate,
 * e.g. 9 % + 9 % for the 18 % slab; Notification 1/2017-Central Tax (Rate) notifies the CGST half),
 * rounded half up (step tax_amount). So CGST == SGST on every line, always; CGST + SGST may differ
 * by one paisa from the IGST the same value would carry (₹100.30 at 3 %: CGST 1.50 + SGST 1.50 =
 * 3.00, IGST 3.01). That is the correct figure for each levy, not an error.
 *
 * Tax-inclusive prices: the taxable value is backed out (step inclusive_taxable_value), each tax is
 * computed from it as above, and whatever paisa is left over by rounding goes to the taxable value,
 * so the line total is exactly the shelf price the customer was shown (never a paisa above MRP) and
 * CGST still equals SGST. Of the backed-out value and its two neighbours (±1 paisa), the one that
 * leaves the smallest residue is used, so the residue is almost always 0 and each tax stays within
 * 0.5 paisa + rate × residue of rate × taxable value. Above a 100 % cess (tobacco-type rates) the
 * residue goes to the cess instead, where it distorts least. Property-tested bounds: GST (each
 * half, or IGST) within 1 paisa of rate × value always; cess within 1 paisa up to 22 %, within
 * 3 paise at 65 %, 160 % and 290 %.
 */

import type { LineTax, LineTaxer } from "./line-taxer";
import { isGstRate, MAX_CESS_RATE_BP, ratePercent } from "./rates";
import { roundInclusiveTaxable, roundLineAmount, roundTaxAmount } from "./rounding";
import type { GstSupply, TaxAmount } from "./types";
import { refuseField } from "./validate";

/** Ad valorem cess rate (bp) above which an inclusive line's rounding residue goes to the cess rather than the value (100 %). */
export const RESIDUE_TO_CESS_ABOVE_BP = 10_000;

/** CGST and SGST/UTGST each take half of the combined rate. */
const HALVES = 2;

/** The GST line taxer for a supply decided by resolveGstSupply. */
export function gstLineTaxer(supply: GstSupply): LineTaxer {
  return ({ line, index, net, pricesIncludeTax, minorDigits }): LineTax => {
    const p = `lines[${index}]`;
    const rate = line.taxRateBp;
    const cessBp = line.cessRateBp ?? 0;
    if (!isGstRate(rate)) refuseField(`${p}.taxRateBp`, "not a GST rate (see GST_RATE_SLABS_BP)");
    if (!Number.isInteger(cessBp) || cessBp < 0 || cessBp > MAX_CESS_RATE_BP) refuseField(`${p}.cessRateBp`, "cess rate out of range");
    const specific = line.cessPerUnit ? roundLineAmount(line.quantity, line.cessPerUnit, minorDigits) : 0;
    if (pricesIncludeTax && specific > net) refuseField(`${p}.unitPrice`, "tax-inclusive price is below the specific cess it includes");

    const taxesOn = (taxable: number): TaxAmount[] => {
      const taxes: TaxAmount[] = [];
      if (supply.nature === "intra") {
        const half = roundTaxAmount(taxable, rate, HALVES);
        taxes.push({ kind: "CGST", ratePercent: ratePercent(rate, HALVES), amount: half });
        taxes.push({ kind: supply.stateLevy, ratePercent: ratePercent(rate, HALVES), amount: half });
      } else {
        taxes.push({ kind: "IGST", ratePercent: ratePercent(rate), amount: roundTaxAmount(taxable, rate) });
      }
      if (cessBp > 0) taxes.push({ kind: "CESS", ratePercent: ratePercent(cessBp), amount: roundTaxAmount(taxable, cessBp) });
      if (line.cessPerUnit && specific > 0) taxes.push({ kind: "CESS_SPECIFIC", ratePercent: null, amount: specific });
      return taxes;
    };
    const sum = (ts: TaxAmount[]) => ts.reduce((a, t) => a + t.amount, 0);

    if (!pricesIncludeTax) return { taxableValue: net, taxes: taxesOn(net), steps: ["tax_amount"] };

    // Inclusive: back out the value, then take, of value0 and its neighbours, the one whose taxes
    // leave the smallest residue against the shelf price (ties to value0); the residue (usually 0)
    // goes to the taxable value so the line total is exactly the net amount.
    const value0 = roundInclusiveTaxable(net - specific, rate + cessBp);
    let best: { value: number; taxes: TaxAmount[]; residue: number } | undefined;
    for (const value of [value0, value0 - 1, value0 + 1]) {
      if (value < 0 || best?.residue === 0) continue;
      const taxes = taxesOn(value);
      const residue = net - value - sum(taxes);
      if (value + residue < 0) continue; // a few-paise price at a high cess rate: the residue would make the value negative
      if (!best || Math.abs(residue) < Math.abs(best.residue)) best = { value, taxes, residue };
    }
    // Value 0 always fits (its taxes are the specific cess only, which net covers): the fallback for tiny prices.
    best ??= { value: 0, taxes: taxesOn(0), residue: net - sum(taxesOn(0)) };
    if (cessBp > RESIDUE_TO_CESS_ABOVE_BP) {
      // At tobacco-type cess rates a paisa of value moves the cess by several paise, so the residue
      // goes to the cess itself (off by at most the residue) rather than to the value.
      const taxes = best.taxes.map((t) => (t.kind === "CESS" ? { ...t, amount: t.amount + best.residue } : t));
      const cess = taxes.find((t) => t.kind === "CESS") as TaxAmount;
      if (cess.amount >= 0) return { taxableValue: best.value, taxes, steps: ["inclusive_taxable_value", "tax_amount"] };
    }
    return { taxableValue: best.value + best.residue, taxes: best.taxes, steps: ["inclusive_taxable_value", "tax_amount"] };
  };
}
