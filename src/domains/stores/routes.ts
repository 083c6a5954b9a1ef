import { createRouter } from "../../platform/http/router";

export const storeRoutes = createRouter();
