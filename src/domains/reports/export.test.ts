import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { call, createStore, json, signup, staff } from "../../../test/helpers";
import { addProducts, product, sell } from "../sales/test-fixtures";
import { CSV_EOL, csvCell, csvField, toCsv } from "./csv";
import { formatMinor, type ReportTable, ratioBp } from "./table";
import { columnName, toXlsx, xmlText } from "./xlsx";

const table: ReportTable = {
  name: "sales",
  columns: [
    { key: "key", label: "Name, full", type: "text" },
    { key: "qty", label: "Qty", type: "int" },
    { key: "net", label: "Net", type: "money" },
  ],
  rows: [
    { key: 'Say "hi"', qty: 2, net: 123456 },
    { key: "two\nlines", qty: 0, net: -5 },
    { key: "=HYPERLINK(1)", qty: 1, net: 0 },
    { key: null, qty: 3, net: 100 },
  ],
};

describe("CSV (RFC 4180)", () => {
  it("quotes fields with commas, quotes, CR or LF, doubling inner quotes, and ends records with CRLF", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField("")).toBe("");
    expect(toCsv([table], 2)).toBe(
      ['"Name, full",Qty,Net', '"Say ""hi""",2,1234.56', '"two\nlines",0,-0.05', "'=HYPERLINK(1),1,0.00", ",3,1.00", ""].join(CSV_EOL),
    );
  });

  it("neutralises formula-like text but not negative numbers", () => {
    expect(csvCell("+91 98", "text", 2)).toBe("'+91 98");
    expect(csvCell("@x", "text", 2)).toBe("'@x");
    expect(csvCell(-150, "money", 2)).toBe("-1.50");
  });

  it("formats minor units exactly and rounds margin ratios half away from zero", () => {
    expect(formatMinor(0, 2)).toBe("0.00");
    expect(formatMinor(7, 2)).toBe("0.07");
    expect(formatMinor(-123456, 2)).toBe("-1234.56");
    expect(formatMinor(9_007_199_254_740_991, 2)).toBe("90071992547409.91");
    expect(formatMinor(500, 0)).toBe("500");
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(2, 3)).toBe(6667);
    expect(ratioBp(-1, 8)).toBe(-1250);
    expect(ratioBp(1, 0)).toBeNull();
  });
});

describe("XLSX", () => {
  it("writes a valid zip with the workbook, one sheet per table, header and values", () => {
    const bytes = toXlsx([table, { ...table, name: "a/b:c*?[d]" }], 2);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4": a zip local file header
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
      ].sort(),
    );
    const workbook = strFromU8(files["xl/workbook.xml"]!);
    expect(workbook).toContain('<sheet name="sales" sheetId="1" r:id="rId1"/>');
    expect(workbook).toContain('name="a_b_c___d_"');
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">Name, full</t></is></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">Say &quot;hi&quot;</t></is></c>');
    expect(sheet).toContain('<c r="C2"><v>1234.56</v></c>');
    expect(sheet).toContain('<c r="C3"><v>-0.05</v></c>');
    expect(strFromU8(files["[Content_Types].xml"]!)).toContain("/xl/worksheets/sheet2.xml");
  });

  it("names columns past Z and drops characters XML cannot hold", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
    expect(xmlText("a<b>&\u0001c")).toBe("a&lt;b&gt;&amp;c");
  });
});

describe("report exports over HTTP", () => {
  it("answers CSV and XLSX inline, writes a linked export to R2 whose download matches, and keeps it from other store-limited users", async () => {
    const t = await signup();
    const s = await createStore(t, "E1");
    await addProducts(t, [product("SVC", 10000, 18, "998714", { kind: "service" })]);
    expect((await sell(t, s, { lines: [{ sku: "SVC", quantity: 1 }], tenders: [{ type: "cash", amount: 11800 }] })).status).toBe(201);
    const get = (q: string, token = t.accessToken) => call("GET", `/v1/reports/sales?groupBy=store&${q}`, { host: t.host, token });
    const inline = await get("format=csv");
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-disposition")).toMatch(/^attachment; filename="sales-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await inline.text();
    expect(csv.split(CSV_EOL)[1]).toMatch(new RegExp(`^${s},E1 Store E1,1,0,1,0,100.00,0.00,118.00,0.00,118.00,18.00,100.00,`));
    const xlsx = await get("format=xlsx");
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    expect(strFromU8(files["xl/worksheets/sheet1.xml"]!)).toContain("<v>118.00</v>");

    const linked = await get("format=csv&delivery=link");
    expect(linked.status).toBe(201);
    const link = await json(linked);
    expect(link).toMatchObject({ report: "sales", format: "csv", rows: 1, downloadUrl: `/v1/reports/exports/${link.id}` });
    const file = await call("GET", link.downloadUrl, { host: t.host, token: t.accessToken });
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(csv);
    const manager = await staff(t, "store_manager", [s]);
    expect((await call("GET", link.downloadUrl, { host: t.host, token: manager.token })).status).toBe(404);
    const other = await signup();
    expect((await call("GET", link.downloadUrl, { host: other.host, token: other.accessToken })).status).toBe(404);
  });
});
