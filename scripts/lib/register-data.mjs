// `node --import ./scripts/lib/register-data.mjs …`: registers scripts/lib/data-loader.mjs.
import { register } from "node:module";

register("./data-loader.mjs", import.meta.url);
