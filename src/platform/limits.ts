/**
 * Size limits shared by the HTTP contract and the store's Durable Object, in one place so the two
 * sides cannot disagree.
 */

/**
 * Most lines one sale, return or credit note takes (count of lines, not units).
 * Why 1,500: the longest real invoice we carry (UCI Online Retail, invoice 573585) has 1,114
 * lines, and a wholesale order must not be split into several invoices. The bound that matters
 * is the `sale.completed` event, which lists every line (≈ 60 bytes each) and must stay under a
 * queue message's 128 KiB (MAX_EVENT_BYTES): 1,500 lines ≈ 90 KiB.
 */
export const MAX_DOCUMENT_LINES = 1500;
