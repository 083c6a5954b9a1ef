/**
 * A small client of Edgetill's public HTTP API for the replay: the tenant named by X-Tenant, the
 * owner's access token renewed by logging in again on 401, retries with backoff on network errors,
 * 5xx and 409 idempotency_in_progress. `fetchImpl` is injected so the CI test drives the Worker
 * in-process (exports.default.fetch) with the same code the CLI runs over HTTP.
 */

/** Attempts of one request before giving up (network errors, 5xx, 429). */
export const MAX_ATTEMPTS = 6;
/** Waits for a request whose idempotency key is still in flight (409 idempotency_in_progress): up to 2 minutes. */
export const MAX_IN_PROGRESS_WAITS = 120;
/** Pause between those waits, ms. */
export const IN_PROGRESS_WAIT_MS = 1000;

/** An API answer that was not 2xx: status, problem code and detail. */
export class ApiError extends Error {
  constructor(method, path, status, problem) {
    super(`${method} ${path} → ${status} ${problem?.code ?? ""}: ${problem?.detail ?? ""}`);
    this.status = status;
    this.code = problem?.code ?? null;
    this.problem = problem;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{ api: string, tenant?: string, fetchImpl?: typeof fetch, email?: string, password?: string }} o
 */
export function createClient(o) {
  const fetchImpl = o.fetchImpl ?? fetch;
  const state = { tenant: o.tenant, email: o.email, password: o.password, token: null, loggingIn: null };

  async function raw(method, path, { body, key, auth = true } = {}) {
    const headers = { accept: "application/json" };
    if (state.tenant) headers["x-tenant"] = state.tenant;
    if (body !== undefined) headers["content-type"] = "application/json";
    if (key) headers["idempotency-key"] = key;
    if (auth && state.token) headers.authorization = `Bearer ${state.token}`;
    return fetchImpl(`${o.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async function login() {
    if (!state.loggingIn)
      state.loggingIn = (async () => {
        const res = await raw("POST", "/v1/auth/login", { body: { email: state.email, password: state.password }, auth: false });
        const out = await res.json().catch(() => ({}));
        if (!res.ok) throw new ApiError("POST", "/v1/auth/login", res.status, out);
        state.token = out.accessToken;
      })().finally(() => {
        state.loggingIn = null;
      });
    return state.loggingIn;
  }

  /** One call with retries; resolves to the JSON answer, rejects with ApiError. */
  async function request(method, path, opts = {}) {
    let lastErr;
    let inProgressWaits = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let res;
      try {
        res = await raw(method, path, opts);
      } catch (e) {
        lastErr = e;
        await sleep(200 * 2 ** attempt);
        continue;
      }
      const out = await res.json().catch(() => ({}));
      if (res.ok) return out;
      if (res.status === 401 && opts.auth !== false && state.email) {
        await login();
        continue;
      }
      lastErr = new ApiError(method, path, res.status, out);
      // The same key still in flight (a first attempt whose answer was lost while the server kept
      // working): wait for it patiently — it will finish, and then the key answers its result.
      if (res.status === 409 && out.code === "idempotency_in_progress" && inProgressWaits < MAX_IN_PROGRESS_WAITS) {
        inProgressWaits++;
        attempt--;
        await sleep(IN_PROGRESS_WAIT_MS);
        continue;
      }
      const retry = res.status >= 500 || res.status === 429;
      if (!retry) throw lastErr;
      await sleep(200 * 2 ** attempt);
    }
    throw lastErr;
  }

  return {
    request,
    login,
    setTenant(t) {
      state.tenant = t;
    },
    setCredentials(email, password) {
      state.email = email;
      state.password = password;
    },
  };
}
