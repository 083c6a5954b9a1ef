import { createRouter } from "../../platform/http/router";

export const userRoutes = createRouter();
