/** One `TYPE=QUANTITY[:SIZE]` (or `TYPE+N`, `TYPE-N`) as Heroku's formation `updates` take it. */
export interface ScaleUpdate {
  type: string;
  quantity?: string;
  size?: string;
}

const SCALE = /^([a-z][a-z0-9_-]*)(?:=([+-]?\d+)?(?::([a-z0-9-]+))?|([+-]\d+))$/;

/** `web=3 worker=+1 clock=0 web=2:standard` -> updates; undefined names the argument that is not one. */
export function parseScaleArgs(args: string[]): { updates: ScaleUpdate[] } | { bad: string } {
  const updates: ScaleUpdate[] = [];
  for (const arg of args) {
    const m = SCALE.exec(arg.trim());
    if (!m || (m[2] === undefined && m[3] === undefined && m[4] === undefined)) return { bad: arg };
    const quantity = m[2] ?? m[4];
    updates.push({ type: m[1]!, ...(quantity !== undefined ? { quantity } : {}), ...(m[3] ? { size: m[3] } : {}) });
  }
  return { updates };
}
