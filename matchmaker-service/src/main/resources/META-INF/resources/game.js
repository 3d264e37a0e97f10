// The shared race. The server's seed (in game_started) draws the same course for every player:
// where each target shows and how long after the one before. Hit each as soon as it shows
// (click, tap, or Enter/Space: the target takes the focus). Each hit is a game message to the
// whole room, the hitter included, so every screen shows every player's progress in the room's
// one order of messages, and that order decides the winner: the first player whose last hit the
// room saw. A hit that comes before its target could have shown does not count.

export const TARGETS = 5;
/** The op of a hit message; its data is {target: the index of the target hit}. */
export const HIT = 1;

const COUNTDOWN_MS = 1800;
// How much earlier than this screen showed a target another player's hit may come (their game
// started a little before ours): later than any network difference, earlier than any reaction.
const EARLY_SLACK_MS = 400;

/** A small seeded generator (mulberry32): the same seed draws the same numbers in every browser. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The targets of a race: when each shows (ms after the start) and where (fractions of the arena). */
export function course(seed) {
  const random = generator(seed);
  let at = COUNTDOWN_MS;
  return Array.from({ length: TARGETS }, () => {
    at += 250 + random() * 600;
    return { at, x: random(), y: random() };
  });
}

export class SharedRace {
  /**
   * @param onHit called with the index of each target this player hits, to be sent to the room
   * @param onFinish called with this player's total reaction time once it hit every target
   */
  constructor(arena, target, status, progress, onHit, onFinish) {
    this.arena = arena;
    this.target = target;
    this.status = status;
    this.progress = progress;
    this.onHit = onHit;
    this.onFinish = onFinish;
    this.running = false;
    this.target.addEventListener("click", () => this.hit());
  }

  /** players: [{playerId, name}] as in game_started; me: this player's id. */
  start(seed, players, me) {
    this.course = course(seed);
    this.startedAt = performance.now();
    this.players = players;
    this.me = me;
    this.counted = new Map(players.map((p) => [p.playerId, 0]));
    this.winner = null;
    this.mine = 0;
    this.total = 0;
    this.running = true;
    this.arena.hidden = false;
    this.target.hidden = true;
    this.status.textContent = "Get ready…";
    this.renderProgress();
    this.schedule();
  }

  schedule() {
    if (!this.running || this.mine >= TARGETS) return;
    const next = this.course[this.mine];
    this.timer = setTimeout(() => this.show(next), Math.max(0, this.startedAt + next.at - performance.now()));
  }

  show(next) {
    if (!this.running) return;
    const box = this.arena.getBoundingClientRect();
    const size = 72;
    this.target.style.left = `${next.x * Math.max(0, box.width - size)}px`;
    this.target.style.top = `${32 + next.y * Math.max(0, box.height - size - 64)}px`;
    this.target.textContent = `${this.mine + 1}/${TARGETS}`;
    this.target.hidden = false;
    this.target.focus();
    this.shownAt = performance.now();
    this.status.textContent = "Go!";
  }

  hit() {
    if (!this.running || this.target.hidden) return;
    this.total += performance.now() - this.shownAt;
    this.target.hidden = true;
    this.onHit(this.mine);
    this.mine += 1;
    if (this.mine < TARGETS) {
      this.status.textContent = `${this.mine}/${TARGETS} · ${Math.round(this.total)} ms`;
      this.schedule();
      return;
    }
    const time = Math.max(1, Math.round(this.total));
    this.status.textContent = `Done in ${time} ms`;
    this.onFinish(time);
  }

  /**
   * A hit as the room ordered it (this player's own come back too). Returns the winner once a
   * player's last hit is the first to complete a run, otherwise null.
   */
  seen(playerId, targetIndex) {
    if (!this.counted) return null;
    const done = this.counted.get(playerId);
    if (done === undefined || targetIndex !== done || done >= TARGETS) return null;
    if (performance.now() < this.startedAt + this.course[done].at - EARLY_SLACK_MS) return null;
    this.counted.set(playerId, done + 1);
    this.renderProgress();
    if (done + 1 === TARGETS && this.winner === null) {
      this.winner = playerId;
      return playerId;
    }
    return null;
  }

  renderProgress() {
    this.progress.replaceChildren(...this.players.map((p) => {
      const item = document.createElement("li");
      const hits = this.counted.get(p.playerId);
      item.textContent = `${p.name}${p.playerId === this.me ? " (you)" : ""} ${hits}/${TARGETS}`;
      if (p.playerId === this.winner) item.className = "winner";
      return item;
    }));
  }

  /** Ends the race where it stands (someone finished first, or the game ended). */
  stop(message) {
    this.running = false;
    clearTimeout(this.timer);
    this.target.hidden = true;
    if (message) this.status.textContent = message;
  }
}
