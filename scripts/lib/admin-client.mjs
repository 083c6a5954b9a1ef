// The platform-admin side shared by the ops scripts (events:redrive, tenants:migrate): argument
// parsing with the common options (--api, --email, --password, --json, --help), a JSON request
// helper that names an unreachable Worker plainly, a one-line summary of an RFC 9457 problem, and
// the platform admin login. Credentials default to EDGETILL_ADMIN_EMAIL / EDGETILL_ADMIN_PASSWORD
// (better than flags: they stay out of the shell history).
import { parseArgs } from "node:util";

/** Options every admin script takes. */
const COMMON_OPTIONS = {
  api: { type: "string", default: process.env.EDGETILL_API ?? "http://localhost:8787" },
  email: { type: "string", default: process.env.EDGETILL_ADMIN_EMAIL },
  password: { type: "string", default: process.env.EDGETILL_ADMIN_PASSWORD },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
};

/** One line for an RFC 9457 problem: "401 invalid_credentials: detail (req_…)". */
export const problem = ({ status, data }) =>
  typeof data === "object" && data
    ? `${status} ${data.code ?? data.title}: ${data.detail ?? ""} (${data.requestId ?? "no request id"})`
    : `${status} ${data}`;

/**
 * Parses the command line of script `name` (the common options plus `options`, node:util parseArgs
 * shapes). Prints `usage` and exits 0 on --help; exits 1 with `usage` on a bad argument or when no
 * credentials were given.
 * @returns {{ args: Record<string, any>, fail: (message: string) => never,
 *   request: (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number, data: any }>,
 *   login: () => Promise<string> }}
 *   `fail` prints "name: message" and exits 1; `request` calls the API (data parsed when JSON,
 *   problem+json included; exits 1 when the Worker cannot be reached); `login` returns a platform
 *   admin access token or exits 1.
 */
export function adminCli({ name, usage, options = {} }) {
  const fail = (message) => {
    console.error(`${name}: ${message}`);
    process.exit(1);
  };
  let args;
  try {
    args = parseArgs({ options: { ...COMMON_OPTIONS, ...options } }).values;
  } catch (e) {
    fail(`${e.message}\n${usage}`);
  }
  if (args.help) {
    console.log(usage);
    process.exit(0);
  }
  if (!args.email || !args.password) fail(`no platform admin credentials\n${usage}`);
  const api = args.api.replace(/\/+$/, "");

  async function request(method, path, body, token) {
    let res;
    try {
      res = await fetch(`${api}${path}`, {
        method,
        headers: { ...(body ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      fail(`cannot reach ${api} (${e.cause?.code ?? e.message}); is the Worker running? (npm run dev)`);
    }
    const text = await res.text();
    try {
      return { status: res.status, data: JSON.parse(text) };
    } catch {
      return { status: res.status, data: text };
    }
  }

  async function login() {
    const res = await request("POST", "/v1/platform/auth/login", { email: args.email, password: args.password });
    if (res.status !== 200 || !res.data?.accessToken) fail(`platform login refused: ${problem(res)}`);
    return res.data.accessToken;
  }

  return { args, fail, request, login };
}
