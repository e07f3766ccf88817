// The workbench's one way to the server: GET and POST under /api/v1/,
// the session cookie sent as the browser keeps it (same origin only), the
// CSRF token from /api/v1/me on every POST.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const session = {me: null};

export function me() {
  return session.me;
}

// Whether the logged-in role may run an ops_access action ("audit").
export function may(action) {
  return !!(session.me && Array.isArray(session.me.may) && session.me.may.includes(action));
}

function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  return '/api/v1/' + path + (s ? '?' + s : '');
}

async function send(method, path, params, body) {
  const headers = {Accept: 'application/json'};
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (session.me && session.me.csrf) headers['X-CSRF-Token'] = session.me.csrf;
  }
  let res;
  try {
    res = await fetch(url(path, params), {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: method === 'POST' ? JSON.stringify(body || {}) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, 'the server cannot be reached: ' + e.message);
  }
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = null;
  }
  if (!res.ok) {
    const msg = data && typeof data.error === 'string' ? data.error : `${res.status} ${res.statusText}`;
    if (res.status === 401 && path !== 'login') session.me = null;
    throw new ApiError(res.status, msg);
  }
  return data;
}

export const get = (path, params) => send('GET', path, params);
export const post = (path, body) => send('POST', path, null, body);

// Who is logged in (null when nobody is): asks the server once per load.
export async function loadMe() {
  try {
    session.me = await get('me');
  } catch (e) {
    if (e.status !== 401) throw e;
    session.me = null;
  }
  return session.me;
}

export async function login(account, password) {
  await post('login', {account, password});
  return loadMe();
}

export async function logout() {
  try {
    await post('logout', {});
  } finally {
    session.me = null;
  }
}
