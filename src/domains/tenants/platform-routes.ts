import { createRouter } from "../../platform/http/router";

export const platformRoutes = createRouter();
