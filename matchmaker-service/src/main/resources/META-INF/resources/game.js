// The reaction race: targets appear one at a time somewhere in the arena; hit each as soon as it
// shows (click, tap, or Enter/Space: the target takes the focus). The time is the sum of the
// reactions, in milliseconds. Whoever hits every target first reports the end of the game.

export const TARGETS = 5;

export class ReactionRace {
  constructor(arena, target, status, onFinish) {
    this.arena = arena;
    this.target = target;
    this.status = status;
    this.onFinish = onFinish;
    this.running = false;
    this.target.addEventListener("click", () => this.hit());
  }

  start() {
    this.running = true;
    this.hits = 0;
    this.total = 0;
    this.arena.hidden = false;
    this.target.hidden = true;
    this.countdown(3);
  }

  countdown(n) {
    if (!this.running) return;
    if (n === 0) {
      this.status.textContent = `Go! Hit ${TARGETS} targets.`;
      this.next();
      return;
    }
    this.status.textContent = `Get ready… ${n}`;
    this.timer = setTimeout(() => this.countdown(n - 1), 600);
  }

  next() {
    const delay = 200 + Math.random() * 500;
    this.timer = setTimeout(() => {
      if (!this.running) return;
      const box = this.arena.getBoundingClientRect();
      const size = 72;
      this.target.style.left = `${Math.random() * Math.max(0, box.width - size)}px`;
      this.target.style.top = `${Math.random() * Math.max(0, box.height - size - 32)}px`;
      this.target.textContent = `${this.hits + 1}/${TARGETS}`;
      this.target.hidden = false;
      this.target.focus();
      this.shownAt = performance.now();
    }, delay);
  }

  hit() {
    if (!this.running || this.target.hidden) return;
    this.total += performance.now() - this.shownAt;
    this.hits += 1;
    this.target.hidden = true;
    if (this.hits < TARGETS) {
      this.status.textContent = `${this.hits}/${TARGETS} · ${Math.round(this.total)} ms`;
      this.next();
      return;
    }
    this.running = false;
    const time = Math.max(1, Math.round(this.total));
    this.status.textContent = `Done in ${time} ms`;
    this.onFinish(time);
  }

  /** Ends the race where it stands (someone else finished first, or the game ended). */
  stop(message) {
    this.running = false;
    clearTimeout(this.timer);
    this.target.hidden = true;
    if (message) this.status.textContent = message;
  }
}
