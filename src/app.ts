/**
 * The HTTP API: global middleware, then each domain's router. Platform routes (signup, platform
 * admin, docs) work on the bare platform host; tenant routes resolve the tenant first.
 */
import { Scalar } from "@scalar/hono-api-reference";
import { apiKeyRoutes } from "./domains/api-keys/routes";
import { auditRoutes } from "./domains/audit/routes";
import { sealAuditAfterWrites } from "./domains/audit/seal-after-writes";
import { devRoutes } from "./domains/auth/dev-routes";
import { authRoutes } from "./domains/auth/routes";
import { catalogRoutes } from "./domains/catalog/routes";
import { publicInvoiceRoutes } from "./domains/invoices/public-routes";
import { notificationRoutes } from "./domains/notifications/routes";
import { paymentRoutes } from "./domains/payments/routes";
import { reportDevRoutes } from "./domains/reports/dev-seed";
import { reportRoutes } from "./domains/reports/routes";
import { salesRoutes } from "./domains/sales/routes";
import { stockRoutes } from "./domains/stock/routes";
import { storeRoutes } from "./domains/stores/routes";
import { domainRoutes } from "./domains/tenants/domain-routes";
import { platformRoutes } from "./domains/tenants/platform-routes";
import { signupRoutes } from "./domains/tenants/routes";
import { terminalRoutes } from "./domains/terminals/routes";
import { userRoutes } from "./domains/users/routes";
import { webhookRoutes } from "./domains/webhooks/routes";
import { deadLetterRoutes } from "./platform/events/routes";
import { jsonBodies, requestContext, requireTenant } from "./platform/http/middleware";
import { handleError, problemResponse } from "./platform/http/problem";
import { createRouter } from "./platform/http/router";

/** Builds the app. Exported for tests that want a fresh instance. */
export function createApp() {
  const app = createRouter();
  app.use("*", requestContext());
  app.use("*", jsonBodies({ exempt: /\/(media|import)(\/|$)/ }));
  app.onError(handleError);
  app.notFound((c) => problemResponse(c, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.route("/", signupRoutes);
  app.route("/", platformRoutes);
  app.route("/", deadLetterRoutes);
  // Shared invoice links: outside /v1, no tenant host or login (the signed token names the tenant).
  app.route("/", publicInvoiceRoutes);

  // Everything else under /v1 belongs to a tenant.
  app.use("/v1/*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path === "/v1/signup" || path.startsWith("/v1/platform/")) return next();
    return requireTenant()(c, next);
  });
  app.use("/v1/*", sealAuditAfterWrites());
  app.route("/", authRoutes);
  app.route("/", userRoutes);
  app.route("/", apiKeyRoutes);
  app.route("/", terminalRoutes); // before storeRoutes: a terminal's socket carries no bearer token
  app.route("/", storeRoutes);
  app.route("/", catalogRoutes);
  app.route("/", stockRoutes);
  app.route("/", salesRoutes);
  app.route("/", paymentRoutes); // after salesRoutes: /v1/sales/{id}/tenders/… shares its middleware
  app.route("/", domainRoutes);
  app.route("/", devRoutes);
  app.route("/", auditRoutes);
  app.route("/", webhookRoutes);
  app.route("/", notificationRoutes);
  app.route("/", reportRoutes);
  app.route("/", reportDevRoutes);

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Edgetill API",
      version: "0.1.0",
      description:
        "Multi-tenant retail operating system. Name the tenant by host (<slug>.<platform domain> or a verified custom domain) or the X-Tenant header. Errors are RFC 9457 problem+json.",
    },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", bearerFormat: "JWT or API key" });
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "Edgetill API" }));
  return app;
}
