// What a game written for the Cache Quest backend does with it: relative URLs on its own origin,
// the session in a cookie the browser keeps, the body shapes that backend takes.
const json = { "Content-Type": "application/json" };
const steps = [];

async function save(kind, wrapper, data) {
  const body = JSON.stringify({ [wrapper]: data });
  const patched = await fetch(`/api/${kind}/`, { method: "PATCH", headers: json, body });
  steps.push(`${kind} PATCH ${patched.status}`);
  if (patched.status === 404) {
    const posted = await fetch(`/api/${kind}/`, { method: "POST", headers: json, body });
    steps.push(`${kind} POST ${posted.status}`);
  }
}

async function play() {
  const { id } = await (await fetch("/session")).json();
  const map = new URLSearchParams(location.search).get("map");
  await save("playerstate", "playerData", { name: "Quester", level: 2, inventory: [] });
  await save("gamestate", "gameData", { map, wave: 3 });
  const player = await (await fetch(`/api/playerstate/${id}`)).json();
  const game = await (await fetch(`/api/gamestate/${id}`)).json();
  const board = `leaderboards:survivor-${map}`;
  const scored = await fetch("/api/leaderboard/", {
    method: "POST", headers: json, body: JSON.stringify({ key: board, score: 42, member: `Quester-${id}` }),
  });
  steps.push(`score POST ${scored.status}`);
  const top = await (await fetch(`/api/leaderboard/${board}?count=5`)).json();
  document.getElementById("result").textContent = JSON.stringify({
    id, steps, level: player.level, playerId: player.id, wave: game.wave, top, cookieVisible: document.cookie.includes("sid"),
  });
}

play().catch((error) => { document.getElementById("result").textContent = `failed: ${error}`; });
