import { createRouter } from "../../platform/http/router";

export const authRoutes = createRouter();
