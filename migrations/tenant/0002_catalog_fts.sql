-- Product search (GET /v1/products?q=): one FTS5 row per product holding its name, brand, SKUs
-- and barcodes. Its rowid is the product's rowid, so the triggers below replace a product's row
-- by key instead of scanning. unicode61 folds case and diacritics; prefix indexes make "abc*" fast.
CREATE VIRTUAL TABLE `catalog_search` USING fts5(
  product_id UNINDEXED, name, brand, skus, barcodes,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `catalog_search_product_ai` AFTER INSERT ON `catalog_products` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = new.id);
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_product_au` AFTER UPDATE OF name, brand ON `catalog_products` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = new.id);
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_product_ad` AFTER DELETE ON `catalog_products` BEGIN
  DELETE FROM catalog_search WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_variant_ai` AFTER INSERT ON `catalog_variants` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = new.product_id);
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = new.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_variant_au` AFTER UPDATE OF sku, product_id ON `catalog_variants` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = old.product_id);
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = old.product_id;
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = new.product_id);
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = new.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_variant_ad` AFTER DELETE ON `catalog_variants` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = old.product_id);
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = old.product_id;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_barcode_ai` AFTER INSERT ON `catalog_barcodes` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = (SELECT product_id FROM catalog_variants WHERE id = new.variant_id));
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = (SELECT product_id FROM catalog_variants WHERE id = new.variant_id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_search_barcode_ad` AFTER DELETE ON `catalog_barcodes` BEGIN
  DELETE FROM catalog_search WHERE rowid = (SELECT rowid FROM catalog_products WHERE id = (SELECT product_id FROM catalog_variants WHERE id = old.variant_id));
  INSERT INTO catalog_search (rowid, product_id, name, brand, skus, barcodes)
    SELECT p.rowid, p.id, p.name, coalesce(p.brand, ''),
      coalesce((SELECT group_concat(v.sku, ' ') FROM catalog_variants v WHERE v.product_id = p.id), ''),
      coalesce((SELECT group_concat(b.code, ' ') FROM catalog_barcodes b JOIN catalog_variants v ON v.id = b.variant_id WHERE v.product_id = p.id), '')
    FROM catalog_products p WHERE p.id = (SELECT product_id FROM catalog_variants WHERE id = old.variant_id);
END;
