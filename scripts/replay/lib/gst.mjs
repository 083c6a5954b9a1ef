/**
 * The GST regime of the replay (`--regime gst`, issue 6): the same UK data replayed into an Indian
 * tenant. Pure data and functions (no I/O), shared by the CLI, the GST checks and the CI test; the
 * tables below are quoted in docs/replay.md ("GST regime").
 *
 * Choices, all deliberate:
 * - Money: one pound of the data is one rupee (pence → paise), so every figure of the
 *   reconciliation is the CSV's own figure. The replay tests GST arithmetic at volume, not exchange rates.
 * - Time: the tenant keeps the time zone Europe/London. Reports and GSTR-1 bucket documents by day
 *   in the tenant's zone, and the reconciliation compares the CSV's months (InvoiceDate is UK local
 *   time), so the zone must be the data's. An Indian zone would move sales after 18:30 UK time into
 *   the next day and, at month ends, into the next month.
 * - Rates: today's (the GST 2.0 schedules in force since 22 September 2025, Notification
 *   9/2025-Central Tax (Rate)), although the sales are dated 2010–2011, before GST began
 *   (1 July 2017). A test of the arithmetic needs one consistent schedule, and the current one is the
 *   one a shop would use.
 * - Supplier: a store in Maharashtra (27) under the GSTIN 27AAPFU0939F1ZV (valid format and check
 *   digit; the demo tenant's, scripts/dev.mjs).
 * - Place of supply: goods are delivered, so it is where delivery ends (IGST Act s.10(1)(a)): each
 *   data country maps to one Indian state (COUNTRY_STATE_CODES). United Kingdom is the store's own
 *   state (intra-state: CGST + SGST); every other country is another state (inter-state: IGST).
 *   Sales without a CustomerID are over-the-counter sales at the store (s.10(1)(c)): its state.
 */

/** The replay tenant's GSTIN: Maharashtra (27), valid check digit (src/platform/gst/gstin.ts). */
export const GST_REPLAY_GSTIN = "27AAPFU0939F1ZV";
/** The store's state code: the GSTIN's first two digits (GST state code list, 27 Maharashtra). */
export const GST_STORE_STATE = "27";

/** Signup fields of the GST tenant (the rest is as for the other regimes; the time zone stays Europe/London, see above). */
export const GST_TENANT = { country: "IN", currency: "INR", gstin: GST_REPLAY_GSTIN };

/** The GST store: rule 46(a) needs the supplier's name (the tenant's legal name), address and GSTIN. */
export const GST_STORE = {
  address: { line1: "Unit 1, Andheri East", city: "Mumbai", postalCode: "400069", country: "IN" },
  stateCode: GST_STORE_STATE,
  gstin: GST_REPLAY_GSTIN,
};

/** Name of the buyer of a sale without a CustomerID: rule 46(e) asks an unregistered buyer's name at ₹50,000 or more. */
export const GST_WALK_IN_NAME = "Walk-in customer";

/**
 * Place of supply of each country of the data (GST state codes, ../shared/datasets/gst/gst_state_codes.csv).
 * United Kingdom → 27, the store's state (intra-state). The others take the active state codes in
 * ascending order, skipping 27 (the store's) and the legacy 25 and 28, in the countries' alphabetical
 * order; the last two wrap around to 01 and 02. Deterministic, and every code is a real state.
 */
export const COUNTRY_STATE_CODES = {
  Australia: "01",
  Austria: "02",
  Bahrain: "03",
  Belgium: "04",
  Brazil: "05",
  Canada: "06",
  "Channel Islands": "07",
  Cyprus: "08",
  "Czech Republic": "09",
  Denmark: "10",
  EIRE: "11",
  "European Community": "12",
  Finland: "13",
  France: "14",
  Germany: "15",
  Greece: "16",
  "Hong Kong": "17",
  Iceland: "18",
  Israel: "19",
  Italy: "20",
  Japan: "21",
  Lebanon: "22",
  Lithuania: "23",
  Malta: "24",
  Netherlands: "26",
  Norway: "29",
  Poland: "30",
  Portugal: "31",
  RSA: "32",
  "Saudi Arabia": "33",
  Singapore: "34",
  Spain: "35",
  Sweden: "36",
  Switzerland: "37",
  USA: "38",
  "United Arab Emirates": "01",
  "United Kingdom": GST_STORE_STATE,
  Unspecified: "02",
};

/**
 * The place of supply of a sale to a customer in `country` (a data country).
 * @throws Error for a country outside the table (a new country in the data must be mapped, not guessed)
 */
export function stateOfCountry(country) {
  const s = COUNTRY_STATE_CODES[country];
  if (!s) throw new Error(`no GST state mapped for the data country "${country}" (scripts/replay/lib/gst.mjs COUNTRY_STATE_CODES)`);
  return s;
}

/**
 * Non-product StockCodes with their own GST treatment (the rest go through GST_CATEGORIES by description).
 * `code` null: no HSN/SAC (the item is not a supply the retailer makes, so it carries 0 % and no code).
 */
export const GST_NON_PRODUCTS = [
  {
    codes: ["POST", "DOT", "C2"],
    code: "996812",
    rate: 18,
    what: "postage, dotcom postage, carriage: courier services (SAC 9968 postal and courier services)",
  },
  {
    codes: ["GIFT_*"],
    code: null,
    rate: 0,
    what: "gift vouchers: neither a supply of goods nor of services until redeemed (CBIC Circular 243/37/2024-GST); the goods are taxed when the voucher is used",
  },
  {
    codes: ["CRUK", "AMAZONFEE", "BANK CHARGES", "B"],
    code: null,
    rate: 0,
    what: "charity commission, marketplace fees, bank charges, bad-debt adjustments: money paid or written off, not an outward supply",
  },
];

/**
 * Goods by keywords of the Description, first match wins (upper case, whole words unless a
 * pattern says otherwise). Rates in percent, GST 2.0 schedules (from 22 September 2025):
 * 5 % where the 56th GST Council moved the heading from 12 % (candles 3406, ceramic tableware
 * 6911/6912, household articles of iron or steel 7323, cotton or jute shopping bags 4202 22,
 * umbrellas 6601), nil for notebooks 4820 and pencils 9609 (education items), 3 % for imitation
 * jewellery 7117, 5 % for made-up textiles of a sale value up to ₹2,500 a piece (6302, 6304, 6307;
 * every item here is far below it), 18 % where the heading stayed at 18 %. Every code must be in the
 * GST portal's HSN master (checked at run time by assertCodesInMaster).
 */
export const GST_CATEGORIES = [
  {
    id: "jewellery",
    match: /\b(NECKLACES?|NECKL|BRACELETS?|EARRINGS?|PENDANT|BROOCH|DIAMANTE|HAIR (CLIPS?|SLIDES?|GRIPS?|COMBS?|BANDS?))\b/,
    code: "7117",
    rate: 3,
    what: "imitation jewellery",
  },
  { id: "mirror", match: /\bMIRRORS?\b/, code: "7009", rate: 18, what: "glass mirrors, framed or not" },
  { id: "glass", match: /\b(GLASS|GLASSES|CRYSTAL)\b/, code: "7013", rate: 18, what: "glassware for table, kitchen, indoor decoration" },
  {
    id: "holder",
    match: /(\bHOLDER\b|CANDLEHOLDER|CANDLESTICK)/,
    code: "7326",
    rate: 18,
    what: "candle and other holders (not glass): other articles of iron or steel",
  },
  { id: "candle", match: /\b(CANDLES?|T-?LIGHTS|TEA ?LIGHTS)\b/, code: "3406", rate: 5, what: "candles, tapers and the like" },
  {
    id: "light",
    match: /\b(LIGHTS?|LANTERNS?|LAMPS?|LAMPSHADE|NIGHTLIGHT)\b/,
    code: "9405",
    rate: 18,
    what: "luminaires and lighting fittings",
  },
  { id: "clock", match: /\bCLOCKS?\b/, code: "9105", rate: 18, what: "other clocks" },
  { id: "umbrella", match: /\b(UMBRELLAS?|PARASOLS?)\b/, code: "6601", rate: 5, what: "umbrellas and sun umbrellas" },
  {
    id: "notebook",
    match: /\b(NOTEBOOKS?|NOTE BOOKS?|SKETCHBOOKS?|EXERCISE BOOKS?)\b/,
    code: "4820",
    rate: 0,
    what: "notebooks and exercise books (nil)",
  },
  { id: "pencil", match: /\b(PENCILS?|CRAYONS?)\b(?! (CASE|TIN|SHARPENER))/, code: "9609", rate: 0, what: "pencils and crayons (nil)" },
  { id: "paper-bag", match: /\b(PAPER|GIFT|PARTY) BAGS?\b/, code: "4819", rate: 18, what: "bags and boxes of paper" },
  {
    id: "bag-cotton-jute",
    match: /\b(JUTE|COTTON|CANVAS)\b.*\bBAGS?\b|\bBAGS?\b.*\b(JUTE|COTTON)\b/,
    code: "4202",
    rate: 5,
    what: "shopping bags of cotton or jute (4202 22 20/30)",
  },
  {
    id: "bag",
    match: /\b(BAGS?|PURSES?|WALLETS?|HANDBAGS?|WASHBAGS?|SHOPPERS?|TOTE|RUCKSACK|BACKPACK)\b/,
    code: "4202",
    rate: 18,
    what: "handbags, shopping bags, wallets, purses",
  },
  {
    id: "games",
    match: /\b(PLAYING CARDS|GAMES?|DOMINOES|DOMINO|SNAKES|LUDO|CHESS)\b/,
    code: "9504",
    rate: 5,
    what: "table or parlour games, playing cards",
  },
  {
    id: "toys",
    match: /\b(TOYS?|DOLLS?|DOLLY|JIGSAW|PUZZLES?|SKITTLES|SPINNING TOPS?|YO-?YO|KITE)\b/,
    code: "9503",
    rate: 5,
    what: "toys, dolls, puzzles",
  },
  { id: "card", match: /\b(CARDS?|GREETINGS?|POSTCARDS?)\b/, code: "4909", rate: 5, what: "printed greeting cards and postcards" },
  {
    id: "paper",
    match: /\b(PAPER|WRAP|WRAPPING|TISSUES?|NAPKINS?|DOILY|DOILIES|CAKE CASES|STICKERS?|ENVELOPES?|TAGS?|CONFETTI)\b/,
    code: "4823",
    rate: 18,
    what: "other articles of paper",
  },
  {
    id: "iron-steel",
    match: /\b(TINS?|ENAMEL|BUCKET|WATERING CAN|BREAD BIN|BIN|CUTLERY|COLANDER|LUNCH BOX|TRAY|SPOONS?)\b/,
    code: "7323",
    rate: 5,
    what: "table, kitchen, household articles of iron or steel",
  },
  {
    id: "ceramic",
    match: /\b(MUGS?|CUPS?|SAUCERS?|TEACUPS?|TEAPOT|PLATES?|BOWLS?|JUG|DISH|EGG CUPS?|CERAMIC|PORCELAIN|CHINA|CAKESTAND|CAKE STAND)\b/,
    code: "6912",
    rate: 5,
    what: "ceramic tableware and kitchenware",
  },
  { id: "frame", match: /\bFRAMES?\b/, code: "4414", rate: 5, what: "frames for photographs, paintings, mirrors" },
  {
    id: "furnishing",
    match: /\b(CUSHIONS?|CURTAINS?|THROW|QUILT|BLANKET)\b/,
    code: "6304",
    rate: 5,
    what: "furnishing articles (cushion covers, curtains), up to ₹2,500",
  },
  {
    id: "linen",
    match: /\b(TEA TOWELS?|TOWELS?|TABLECLOTH|TABLE CLOTH|OVEN GLOVES?)\b/,
    code: "6302",
    rate: 5,
    what: "kitchen and table linen, up to ₹2,500",
  },
  {
    id: "textile",
    match: /\b(APRONS?|BUNTING|FELT|FELTCRAFT|FABRIC|FLANNEL)\b/,
    code: "6307",
    rate: 5,
    what: "other made-up textile articles, up to ₹2,500",
  },
  { id: "doormat", match: /\b(DOORMAT|MAT)\b/, code: "5705", rate: 5, what: "other carpets and textile floor coverings" },
  {
    id: "festive",
    match: /\b(CHRISTMAS|XMAS|DECORATIONS?|BAUBLES?|EASTER|HALLOWEEN|ADVENT|WREATH|GARLAND|TINSEL|PARTY|BIRTHDAY|CRACKERS?)\b/,
    code: "9505",
    rate: 5,
    what: "festive and carnival articles",
  },
  {
    id: "metal",
    match: /\b(SIGN|HOOKS?|DOORSTOP|KEY|KEYRING|ZINC|WIRE|METAL|IRON)\b/,
    code: "7326",
    rate: 18,
    what: "other articles of iron or steel",
  },
  { id: "plastic", match: /\b(PLASTIC|ACRYLIC|MELAMINE)\b/, code: "3926", rate: 18, what: "other articles of plastics" },
];

/** What an item matching no keyword gets: the gift shop's catch-all, festive and decorative articles. */
export const GST_DEFAULT_CATEGORY = {
  id: "default",
  code: "9505",
  rate: 5,
  what: "anything else: festive, decorative and novelty articles",
};

/**
 * The GST treatment of a data item: its category id, HSN (goods) or SAC (services) code or null, and rate in percent.
 * @param {string} stockCode as in the data ("85123A", "POST", "gift_0001_20")
 * @param {string} name the item's description (the catalog name)
 * @returns {{ category: string, code: string|null, rate: number }}
 * @example gstItemOf("21071", "VINTAGE BILLBOARD DRINK ME MUG") // { category: "ceramic", code: "6912", rate: 5 }
 */
export function gstItemOf(stockCode, name) {
  const c = stockCode.trim().toUpperCase();
  for (const n of GST_NON_PRODUCTS)
    if (n.codes.some((k) => (k.endsWith("*") ? c.startsWith(k.slice(0, -1)) : c === k)))
      return { category: n.codes[0].toLowerCase(), code: n.code, rate: n.rate };
  const d = ` ${String(name ?? "").toUpperCase()} `;
  const hit = GST_CATEGORIES.find((x) => x.match.test(d)) ?? GST_DEFAULT_CATEGORY;
  return { category: hit.id, code: hit.code, rate: hit.rate };
}

/**
 * Fails loudly when the tables use a code the GST portal does not publish: every goods code must be
 * in the HSN master, every service code in the SAC master, every place of supply in the state list.
 * @param {{ hsn: Set<string>, sac: Set<string>, states: Set<string> }} master codes of ../shared/datasets/gst
 * @throws Error naming each missing code
 */
export function assertCodesInMaster(master) {
  const missing = [];
  for (const x of [...GST_CATEGORIES, GST_DEFAULT_CATEGORY]) if (!master.hsn.has(x.code)) missing.push(`HSN ${x.code} (${x.id})`);
  for (const n of GST_NON_PRODUCTS) if (n.code && !master.sac.has(n.code)) missing.push(`SAC ${n.code} (${n.codes.join(", ")})`);
  for (const [country, s] of Object.entries(COUNTRY_STATE_CODES)) if (!master.states.has(s)) missing.push(`state ${s} (${country})`);
  if (missing.length) throw new Error(`GST mapping uses codes missing from ../shared/datasets/gst: ${missing.join("; ")}`);
}

/**
 * Step invoice_round_off as the engine takes it (src/domains/tax/rounding.ts roundOffToMajorUnit,
 * CGST Act s.170): paise rounded half up to a whole rupee. The replay tenders exactly this amount.
 * @param {number} paise ≥ 0 @returns {number} paise, a multiple of 100
 * @example rupeeRounded(10049) // 10000; rupeeRounded(10050) // 10100
 */
export function rupeeRounded(paise) {
  return Math.floor((paise + 50) / 100) * 100;
}

/**
 * The buyer of a GST sale and where its goods go: a known customer's goods are delivered to the
 * state of their country (shipToStateCode, so the place of supply is that state, IGST Act
 * s.10(1)(a)); a sale without a CustomerID is sold over the counter (place of supply: the store's
 * state, s.10(1)(c)) to a named walk-in buyer, so a large anonymous invoice still has rule 46(e)'s
 * name, address and state.
 * @param {string|null} cid the CustomerID, or null
 * @param {string} country the data country
 * @param {{ name?: string, phone?: string, address: string }} base the customer as the other regimes give it (replay.mjs customerOf)
 * @returns {{ customer: object, shipToStateCode?: string }}
 */
export function gstBuyer(cid, country, base) {
  if (!cid) return { customer: { ...base, name: GST_WALK_IN_NAME, stateCode: GST_STORE_STATE } };
  const state = stateOfCountry(country);
  return { customer: { ...base, stateCode: state }, shipToStateCode: state };
}

/**
 * The catalog's tax fields of an item under GST: the rate in percent and the HSN/SAC code (left out when the item has none).
 * @param {string} stockCode @param {string} name
 * @returns {{ gstRate: number, hsnSac?: string }}
 */
export function gstCatalogFields(stockCode, name) {
  const g = gstItemOf(stockCode, name);
  return g.code ? { gstRate: g.rate, hsnSac: g.code } : { gstRate: g.rate };
}
