/** TrueType files bundled by the wrangler.toml `[[rules]] type = "Data"` rule: the file's bytes. */
declare module "*.ttf" {
  const bytes: ArrayBuffer;
  export default bytes;
}
