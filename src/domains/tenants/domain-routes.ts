import { createRouter } from "../../platform/http/router";

export const domainRoutes = createRouter();
