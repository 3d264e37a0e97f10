// The Rallypoint web client: log in, pick a mode, pair or use an invite, play the shared race,
// and see the result, the boards and your saved stats.
import { Api, Match, loadConfig } from "./api.js";
import { HIT, SharedRace } from "./game.js";

const $ = (id) => document.getElementById(id);
const state = { api: null, match: null, me: null, room: null, mode: "duel", myTime: null, reported: false, modes: [],
  friends: null, invitation: null, party: null };

function show(...ids) {
  for (const id of ["login", "lobby", "room"]) $(id).hidden = !ids.includes(id);
  $("boards").hidden = !state.me;
  $("friends").hidden = !state.me;
}

let toastTimer;
function toast(message) {
  $("toast").textContent = message;
  $("toast").hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $("toast").hidden = true; }, 4000);
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const boardOf = (mode) => `reaction-${mode}`;

// --- session --------------------------------------------------------------------------------

async function start() {
  try {
    const config = await loadConfig();
    state.api = new Api(config);
    state.modes = config.modes;
    renderModes();
    const session = await state.api.resume();
    if (session) enter(session);
    else show("login");
  } catch (error) {
    toast(`Rallypoint is not reachable: ${error.message}`);
    show("login");
  }
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    enter(await state.api.login($("name").value.trim()));
  } catch (error) {
    toast(error.message);
  }
});

function enter(session) {
  state.me = session;
  $("who").textContent = `Playing as ${session.name}`;
  show("lobby");
  state.match = new Match(session.token, onFrame, (connected, ended) => {
    $("lobby-status").textContent = connected ? "" : ended ? `Disconnected: ${ended}.` : "Connecting…";
  });
  state.match.connect();
  refreshBoards();
  refreshFriends();
  // Presence changes without telling anyone: the list is read again now and then.
  setInterval(refreshFriends, 10000);
  const invite = new URLSearchParams(location.search).get("invite");
  if (invite) {
    history.replaceState(null, "", location.pathname);
    state.match.send({ type: "join_private", code: invite });
  }
}

// --- lobby ----------------------------------------------------------------------------------

function renderModes() {
  const fieldset = $("modes");
  for (const mode of state.modes) {
    const label = el("label");
    const input = el("input");
    input.type = "radio";
    input.name = "mode";
    input.value = mode.name;
    input.checked = mode.name === state.mode;
    input.addEventListener("change", () => { state.mode = mode.name; refreshBoards(); });
    label.append(input, `${mode.name} (${mode.capacity} players)`);
    fieldset.append(label);
  }
}

$("play-random").addEventListener("click", () => {
  $("lobby-status").textContent = "Looking for a room…";
  state.match.send({ type: "pair", mode: state.mode });
});
$("create-private").addEventListener("click", () => state.match.send({ type: "create_private", mode: state.mode }));
$("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.match.send({ type: "join_private", code: $("code").value.trim() });
});

// --- room -----------------------------------------------------------------------------------

const race = new SharedRace($("arena"), $("target"), $("game-status"), $("progress"), sendHit, finished);

function onFrame(frame) {
  const room = state.room;
  switch (frame.type) {
    case "welcome":
      // A new connection: a recruiting room drops a socket's seat at once, so it is gone (a
      // game keeps the seat for the grace period, and the server follows with the room).
      if (room && room.state === "recruiting") backToLobby();
      // A player still in a party gets it back in a party frame next.
      state.party = null;
      break;
    case "room":
      state.room = frame.room;
      state.mode = frame.room.mode;
      $("result").hidden = true;
      $("chat-log").replaceChildren();
      show("room");
      if (frame.room.state === "playing" && !race.running) race.stop("The game is on: you came back too late to race.");
      break;
    case "player_joined":
      if (room) room.players.push(frame.player);
      break;
    case "player_left":
      if (frame.playerId === state.me.playerId) backToLobby();
      else if (room) room.players = room.players.filter((p) => p.playerId !== frame.playerId);
      break;
    case "player_ready":
      if (room) room.players.forEach((p) => { if (p.playerId === frame.playerId) p.ready = true; });
      break;
    case "player_connection":
      if (room) room.players.forEach((p) => { if (p.playerId === frame.playerId) p.connected = frame.connected; });
      break;
    case "game_started":
      if (room) room.state = "playing";
      state.myTime = null;
      state.reported = false;
      race.start(frame.seed, frame.players, state.me.playerId);
      break;
    case "message":
      // Every player's screen sees the hits in the room's one order, so all name the same
      // winner; the server ends the game once every player has.
      if (frame.op === HIT) {
        const winner = race.seen(frame.from, frame.data && frame.data.target);
        if (winner) {
          if (winner !== state.me.playerId) race.stop(`${nameOf(winner)} finished first.`);
          report(winner);
        }
      }
      break;
    case "game_ended":
      if (room) room.state = "ended";
      ended(frame);
      break;
    case "chat": {
      const line = el("li");
      line.append(el("b", frame.name), `: ${frame.text}`);
      $("chat-log").append(line);
      line.scrollIntoView({ block: "nearest" });
      break;
    }
    case "party":
      state.party = frame.party;
      break;
    case "party_member_joined":
      if (state.party) state.party.members.push(frame.player);
      break;
    case "party_member_left":
      if (frame.playerId === state.me.playerId) state.party = null;
      else if (state.party) {
        state.party.members = state.party.members.filter((m) => m.playerId !== frame.playerId);
        state.party.leader = frame.leader;
      }
      break;
    case "party_member_connection":
      if (state.party) state.party.members.forEach((m) => { if (m.playerId === frame.playerId) m.connected = frame.connected; });
      break;
    case "party_paired":
      $("lobby-status").textContent = "Your party's leader found a room…";
      break;
    case "invited":
      state.invitation = frame;
      $("invitation-text").textContent = frame.partyCode ? `${frame.name} invites you to their party.`
        : `${frame.name} invites you to a ${frame.mode} room.`;
      $("invitation").hidden = false;
      break;
    case "error":
      if (frame.code !== "not_playing") toast(frame.message);
      if ($("lobby-status").textContent.startsWith("Looking")) $("lobby-status").textContent = "";
      break;
    default:
      break;
  }
  renderRoom();
  renderParty();
  renderFriends();
}

function renderRoom() {
  const room = state.room;
  if (!room) return;
  $("room-mode").textContent = room.mode;
  $("room-state").textContent = room.state;
  $("invite").hidden = !room.code || room.state !== "recruiting";
  if (room.code) $("invite-link").value = `${location.origin}${location.pathname}?invite=${room.code}`;
  const list = room.players.map((p) => {
    const item = el("li");
    const name = el("span", p.name + (p.playerId === state.me.playerId ? " (you)" : "") + (p.team ? ` · team ${p.team}` : ""));
    const flags = el("span");
    if (p.ready) flags.append(el("span", "ready ", "ready"));
    flags.append(p.connected === false ? el("span", "away", "away") : el("span", "online", "online"));
    item.append(name, flags);
    return item;
  });
  $("players").replaceChildren(...list);
  const me = room.players.find((p) => p.playerId === state.me.playerId);
  $("ready").hidden = room.state !== "recruiting";
  $("ready").disabled = Boolean(me && me.ready);
  $("leave").hidden = room.state === "ended";
  $("again").hidden = room.state !== "ended";
}

$("ready").addEventListener("click", () => state.match.send({ type: "ready" }));
$("leave").addEventListener("click", () => {
  state.match.send({ type: "leave" });
  race.stop();
  backToLobby();
});
$("again").addEventListener("click", backToLobby);
$("copy-invite").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText($("invite-link").value);
    toast("Invite link copied.");
  } catch {
    $("invite-link").select();
  }
});
$("chat-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("chat-text").value.trim();
  if (!text) return;
  state.match.send({ type: "chat", text });
  $("chat-text").value = "";
});

function backToLobby() {
  state.room = null;
  $("arena").hidden = true;
  $("lobby-status").textContent = "";
  show("lobby");
}

// --- party ----------------------------------------------------------------------------------

function renderParty() {
  const party = state.party;
  $("party-create").hidden = Boolean(party);
  $("party-leave").hidden = !party;
  $("party-members").replaceChildren(...(party ? party.members.map((m) => person(
    m.name + (m.playerId === party.leader ? " (leader)" : "") + (m.playerId === state.me.playerId ? " (you)" : ""),
    m.connected)) : []));
  if (party) {
    $("party-status").textContent = party.leader === state.me.playerId
      ? "You lead the party: Find a match seats all of you together."
      : "Your party's leader finds the match for everyone.";
  }
}

$("party-create").addEventListener("click", () => state.match.send({ type: "party_create" }));
$("party-leave").addEventListener("click", () => {
  state.match.send({ type: "party_leave" });
  state.party = null;
  renderParty();
  renderFriends();
});

// --- the end of a game ------------------------------------------------------------------------

/** A hit goes to everyone in the room, this player too: its place in the room's order is what counts. */
function sendHit(target) {
  const to = state.room ? state.room.players.map((p) => p.playerId) : [state.me.playerId];
  state.match.send({ type: "send", op: HIT, data: { target }, to });
}

function nameOf(playerId) {
  const player = state.room && state.room.players.find((p) => p.playerId === playerId);
  return player ? player.name : "Another player";
}

function report(winner) {
  if (state.reported) return;
  state.reported = true;
  state.match.send({ type: "game_over", winner });
}

async function finished(timeMs) {
  state.myTime = timeMs;
  try {
    await state.api.submitTime(boardOf(state.mode), timeMs);
  } catch (error) {
    toast(`Your time was not recorded: ${error.message}`);
  }
}

async function ended(frame) {
  const won = frame.winner === state.me.playerId;
  race.stop(won ? "" : "The race is over.");
  $("result").textContent = won
    ? `You won${state.myTime ? ` in ${state.myTime} ms` : ""}!`
    : frame.winner ? `${nameOf(frame.winner)} won.`
    : frame.reason === "disputed" ? "The players disagree on who won: no winner." : "The game ended without a winner.";
  $("result").hidden = false;
  try {
    await state.api.recordGame(won, won ? state.myTime : null);
  } catch (error) {
    toast(`Your save was not updated: ${error.message}`);
  }
  // The wins board counts finished matches a moment after they end.
  refreshBoards();
  setTimeout(refreshBoards, 1500);
}

// --- friends --------------------------------------------------------------------------------

async function refreshFriends() {
  if (!state.me) return;
  try {
    state.friends = await state.api.friends();
    renderFriends();
  } catch (error) {
    toast(`Friends: ${error.message}`);
  }
}

/** A line of a people list: an optional presence dot, the name, then buttons ([label, action] pairs). */
function person(name, online, ...buttons) {
  const item = el("li");
  const label = el("span");
  if (online !== null) label.append(el("span", "", online ? "dot on" : "dot"), el("span", online ? "online" : "offline", "visually-hidden"));
  label.append(name);
  item.append(label);
  for (const [text, action] of buttons) {
    const button = el("button", text);
    button.type = "button";
    button.addEventListener("click", action);
    item.append(button);
  }
  return item;
}

function renderFriends() {
  const list = state.friends;
  if (!list) return;
  const room = state.room;
  // An invitation is to the player's private room while it recruits, or else to its party.
  const inviting = room ? room.code && room.state === "recruiting" : Boolean(state.party);
  $("friend-list").replaceChildren(...(list.friends.length ? list.friends.map((f) => person(
    f.room ? `${f.name} (in a ${f.room.mode} room)` : f.name, f.online,
    ...(inviting && f.online ? [["Invite", () => state.match.send({ type: "invite", to: f.playerId })]] : []),
    ["Remove", () => unfriend(f.playerId)])) : [el("li", "No friends yet")]));
  $("friend-requests").replaceChildren(...list.incoming.map((r) => person(`${r.name} wants to be friends`, null,
    ["Accept", () => befriend(r.playerId)], ["Decline", () => unfriend(r.playerId)])));
}

async function befriend(playerId) {
  try {
    const answer = await state.api.befriend(playerId);
    $("friend-status").textContent = answer.status === "friends" ? "You are friends now." : "Friend request sent.";
    $("friend-found").replaceChildren();
    await refreshFriends();
  } catch (error) {
    toast(error.message);
  }
}

async function unfriend(playerId) {
  try {
    await state.api.unfriend(playerId);
    await refreshFriends();
  } catch (error) {
    toast(error.message);
  }
}

$("friend-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const found = (await state.api.searchPlayers($("friend-name").value.trim())).filter((p) => p.playerId !== state.me.playerId);
    $("friend-found").replaceChildren(...(found.length
      ? found.map((p) => person(`${p.name} (${p.playerId.slice(0, 8)})`, null, ["Add", () => befriend(p.playerId)]))
      : [el("li", "Nobody by that name")]));
  } catch (error) {
    toast(error.message);
  }
});
$("refresh-friends").addEventListener("click", refreshFriends);
$("accept-invitation").addEventListener("click", () => {
  $("invitation").hidden = true;
  if (state.invitation.partyCode) {
    state.match.send({ type: "party_join", code: state.invitation.partyCode });
    return;
  }
  if (state.room && state.room.state !== "ended") {
    state.match.send({ type: "leave" });
    race.stop();
    backToLobby();
  }
  state.match.send({ type: "join_private", code: state.invitation.code });
});
$("dismiss-invitation").addEventListener("click", () => { $("invitation").hidden = true; });

// --- boards and stats -------------------------------------------------------------------------

async function refreshBoards() {
  if (!state.me) return;
  $("time-title").textContent = `Fastest ${state.mode} (ms)`;
  try {
    const [times, wins, save, rating] = await Promise.all([
      state.api.board(boardOf(state.mode)), state.api.board("wins"), state.api.loadSave(), state.api.rating(state.mode),
    ]);
    renderBoard($("board-time"), times.entries);
    renderBoard($("board-wins"), wins.entries);
    const stats = save ? save.document : {};
    $("stats").textContent = `You: ${stats.gamesPlayed || 0} played, ${stats.gamesWon || 0} won`
      + (stats.bestTimeMs ? `, best ${stats.bestTimeMs} ms` : "");
    // The deviation says how sure the rating is: wide for a new player, narrowing with games.
    $("rating").textContent = `Rating in ${state.mode}: ${Math.round(rating.rating)} ± ${Math.round(rating.deviation)}`
      + ` (${rating.games} rated game${rating.games === 1 ? "" : "s"})`;
  } catch (error) {
    toast(`Leaderboards: ${error.message}`);
  }
}

function renderBoard(list, entries) {
  list.replaceChildren(...(entries.length ? entries.map((e) => el("li", `${e.name ?? e.playerId.slice(0, 8)} · ${e.score}`))
    : [el("li", "No scores yet")]));
}

$("refresh-boards").addEventListener("click", refreshBoards);

start();
