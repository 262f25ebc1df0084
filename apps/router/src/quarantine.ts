/**
 * Backends that refused a connection are skipped for a few seconds (as Heroku's router does), so
 * one crashed instance does not cost every request a failed connect first.
 */
export class Quarantine {
  private readonly until = new Map<string, number>();

  constructor(private readonly ms = 5_000) {}

  add(key: string, now = Date.now()): void {
    this.until.set(key, now + this.ms);
  }

  has(key: string, now = Date.now()): boolean {
    if (this.until.size === 0) return false;
    const t = this.until.get(key);
    if (t === undefined) return false;
    if (t > now) return true;
    this.until.delete(key);
    return false;
  }
}
