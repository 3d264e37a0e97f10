// The services the page talks to: sessions and saves (save-service), boards
// (leaderboard-service) and the matchmaker's WebSocket. Every call carries the session token
// as a Bearer header, so the services may live on other origins (CORS) or behind one proxy.

const SESSION_KEY = "rallypoint.session";
const DEVICE_KEY = "rallypoint.device";

export async function loadConfig() {
  const response = await fetch("config.json");
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return response.json();
}

/** A random id for this browser, so the same player comes back after a reload or a logout. */
function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

async function problem(response) {
  try {
    const body = await response.json();
    return new Error(body.detail || body.title || `HTTP ${response.status}`);
  } catch {
    return new Error(`HTTP ${response.status}`);
  }
}

export class Api {
  constructor(config) {
    this.saveUrl = config.saveUrl;
    this.leaderboardUrl = config.leaderboardUrl;
    this.session = JSON.parse(localStorage.getItem(SESSION_KEY) || "null");
  }

  async call(base, path, { method = "GET", body, headers = {} } = {}) {
    const init = { method, headers: { ...headers } };
    if (this.session) init.headers.Authorization = `Bearer ${this.session.token}`;
    if (body !== undefined) {
      init.headers["Content-Type"] = init.headers["Content-Type"] || "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(base + path, init);
  }

  /** The stored session if save-service still knows it, else null. */
  async resume() {
    if (!this.session) return null;
    const response = await this.call(this.saveUrl, "/api/session");
    if (response.status === 401) {
      this.forget();
      return null;
    }
    if (!response.ok) throw await problem(response);
    const current = await response.json();
    this.session = { ...this.session, name: current.name };
    localStorage.setItem(SESSION_KEY, JSON.stringify(this.session));
    return this.session;
  }

  async login(name) {
    this.session = null;
    const response = await this.call(this.saveUrl, "/api/session", { method: "POST", body: { name, deviceId: deviceId() } });
    if (!response.ok) throw await problem(response);
    const created = await response.json();
    this.session = { token: created.token, playerId: created.playerId, name: created.name };
    localStorage.setItem(SESSION_KEY, JSON.stringify(this.session));
    return this.session;
  }

  forget() {
    this.session = null;
    localStorage.removeItem(SESSION_KEY);
  }

  /** The player's save and its ETag, or null when there is none yet. */
  async loadSave() {
    const response = await this.call(this.saveUrl, "/api/playerstate");
    if (response.status === 404) return null;
    if (!response.ok) throw await problem(response);
    return { document: await response.json(), etag: response.headers.get("ETag") };
  }

  /**
   * Counts one finished game in the player's save: PATCH on the version just read, and POST when
   * there is no save yet (the original client's flow). A concurrent write makes it read again.
   */
  async recordGame(won, timeMs) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const saved = await this.loadSave();
      const stats = saved ? saved.document : {};
      const next = {
        gamesPlayed: (stats.gamesPlayed || 0) + 1,
        gamesWon: (stats.gamesWon || 0) + (won ? 1 : 0),
      };
      if (timeMs !== null && (stats.bestTimeMs === undefined || timeMs < stats.bestTimeMs)) next.bestTimeMs = timeMs;
      let response;
      if (saved) {
        response = await this.call(this.saveUrl, "/api/playerstate", {
          method: "PATCH", body: next, headers: { "Content-Type": "application/merge-patch+json", "If-Match": saved.etag },
        });
      }
      if (!saved || response.status === 404) {
        response = await this.call(this.saveUrl, "/api/playerstate", { method: "POST", body: next });
      }
      if (response.ok) return response.json();
      if (response.status !== 412 && response.status !== 409) throw await problem(response);
    }
    throw new Error("The save kept changing; try again.");
  }

  async submitTime(board, timeMs) {
    const response = await this.call(this.leaderboardUrl, "/api/leaderboard", { method: "POST", body: { leaderboard: board, score: timeMs } });
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** The player's Glicko-2 rating in a mode, from the matches the leaderboard-service rated. */
  async rating(mode) {
    const response = await this.call(this.leaderboardUrl,
      `/api/ratings/${encodeURIComponent(mode)}/${encodeURIComponent(this.session.playerId)}`);
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** Players whose name starts with the prefix, from save-service's name search. */
  async searchPlayers(prefix) {
    const response = await this.call(this.saveUrl, `/api/playerstate?name=${encodeURIComponent(prefix)}&limit=5`);
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** The player's friends (with presence), friend requests each way and blocks. */
  async friends() {
    const response = await this.call(this.saveUrl, "/api/friends");
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** Asks a player to be friends, or accepts its request. */
  async befriend(playerId) {
    const response = await this.call(this.saveUrl, `/api/friends/${encodeURIComponent(playerId)}`, { method: "POST" });
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** Ends a friendship, or declines or withdraws a request. */
  async unfriend(playerId) {
    const response = await this.call(this.saveUrl, `/api/friends/${encodeURIComponent(playerId)}`, { method: "DELETE" });
    if (!response.ok) throw await problem(response);
  }

  async board(name, count = 10) {
    const response = await this.call(this.leaderboardUrl, `/api/leaderboard/${encodeURIComponent(name)}?count=${count}`);
    if (!response.ok) throw await problem(response);
    return response.json();
  }
}

/**
 * The matchmaker's WebSocket: frames in and out, reconnecting (and so getting the room back) after a
 * drop, but not after the server replaced it with a newer one of this player or ended the session.
 */
export class Match {
  constructor(token, onFrame, onStatus) {
    this.token = token;
    this.onFrame = onFrame;
    this.onStatus = onStatus;
    this.nextId = 1;
    this.closing = false;
    this.retry = 0;
    this.queue = [];
  }

  connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const path = location.pathname.replace(/[^/]*$/, "");
    this.socket = new WebSocket(`${scheme}//${location.host}${path}ws?token=${encodeURIComponent(this.token)}`);
    this.socket.addEventListener("open", () => {
      this.retry = 0;
      this.onStatus(true);
      this.queue.splice(0).forEach((frame) => this.socket.send(frame));
    });
    this.socket.addEventListener("message", (event) => this.onFrame(JSON.parse(event.data)));
    this.socket.addEventListener("close", (event) => {
      // 4001: this player connected again elsewhere (another tab); 4003: logged out. Reconnecting
      // would only take the seat back and forth.
      const final = event.code === 4001 || event.code === 4003;
      this.onStatus(false, final ? event.reason : null);
      if (this.closing || final) return;
      this.retry = Math.min(this.retry + 1, 5);
      setTimeout(() => this.connect(), 300 * 2 ** this.retry);
    });
  }

  send(frame) {
    const text = JSON.stringify({ ...frame, id: this.nextId++ });
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  close() {
    this.closing = true;
    if (this.socket) this.socket.close();
  }
}
