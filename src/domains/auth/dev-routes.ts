import { createRouter } from "../../platform/http/router";

export const devRoutes = createRouter();
