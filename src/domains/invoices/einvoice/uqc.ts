/**
 * GST Unique Quantity Codes (UQC): the master list the GST portal and the NIC e-invoice system
 * accept in ItemList[].Unit (e-invoice schema 1.1, master "UQC"; GSTN's UQC list).
 */
export const UQC_CODES = [
  "BAG",
  "BAL",
  "BDL",
  "BKL",
  "BOU",
  "BOX",
  "BTL",
  "BUN",
  "CAN",
  "CBM",
  "CCM",
  "CMS",
  "CTN",
  "DOZ",
  "DRM",
  "GGK",
  "GMS",
  "GRS",
  "GYD",
  "KGS",
  "KLR",
  "KME",
  "LTR",
  "MLT",
  "MTR",
  "MTS",
  "NOS",
  "OTH",
  "PAC",
  "PCS",
  "PRS",
  "QTL",
  "ROL",
  "SET",
  "SQF",
  "SQM",
  "SQY",
  "TBS",
  "TGM",
  "THD",
  "TON",
  "TUB",
  "UGS",
  "UNT",
  "YDS",
] as const;

/** Whether `code` is a UQC; anything else is sent as "OTH" (others). */
export function isUqc(code: string): boolean {
  return (UQC_CODES as readonly string[]).includes(code);
}
