/**
 * VAT / sales tax on one line, UK style (HMRC VAT Notice 700): prices as sold normally include VAT;
 * the VAT inside is the VAT fraction rate/(100 + rate) of the amount (1/6 at the 20 % standard
 * rate, 1/21 at the 5 % reduced rate), rounded to the nearest penny per line (step vat_fraction).
 * Tax-exclusive prices (US-style sales tax) take rate × amount per line (step tax_amount).
 * Zero-rated lines carry VAT at 0 %; exempt supplies are modelled as 0 % too.
 */

import type { LineTax, LineTaxer } from "./line-taxer";
import { MAX_VAT_RATE_BP, ratePercent } from "./rates";
import { roundTaxAmount, roundVatFraction } from "./rounding";
import { refuseField } from "./validate";

/** UK VAT rates in bp (HMRC VAT Notice 700): standard 20 %, reduced 5 %, zero 0 %. */
export const UK_VAT_RATES_BP = { standard: 2000, reduced: 500, zero: 0 } as const;

/** The VAT line taxer. @throws DomainError unprocessable on a rate above 100 % or a GST cess on a line. */
export const vatLineTaxer: LineTaxer = ({ line, index, net, pricesIncludeTax }): LineTax => {
  const p = `lines[${index}]`;
  const rate = line.taxRateBp;
  if (rate > MAX_VAT_RATE_BP) refuseField(`${p}.taxRateBp`, "VAT rate above 100 %");
  if (line.cessRateBp || line.cessPerUnit) refuseField(`${p}.cessRateBp`, "cess exists only under GST");
  const vat = pricesIncludeTax ? roundVatFraction(net, rate) : roundTaxAmount(net, rate);
  return {
    taxableValue: pricesIncludeTax ? net - vat : net,
    taxes: [{ kind: "VAT", ratePercent: ratePercent(rate), amount: vat }],
    steps: [pricesIncludeTax ? "vat_fraction" : "tax_amount"],
  };
};

/** The no-tax line taxer: the net amount is the value, no taxes. Line rates are ignored (the tenant is not registered for any tax). */
export const noTaxLineTaxer: LineTaxer = ({ net }): LineTax => ({ taxableValue: net, taxes: [], steps: [] });
