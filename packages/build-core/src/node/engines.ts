/** The Node.js major version the stack provides. */
export const STACK_NODE_MAJOR = 18;

/**
 * Pure, deliberately small: refuses an `engines.node` range that plainly excludes the stack's
 * major version (">=20", "20.x", "^20", "~20", "20"); anything subtler is allowed through.
 */
export function checkNodeEngine(range: string | undefined): { ok: true } | { ok: false; error: string } {
  if (!range) return { ok: true };
  const offer = `this Pier provides Node.js ${STACK_NODE_MAJOR}; change engines.node in package.json`;
  const alternatives = range.split("||").map((r) => r.trim());
  const excludes = (r: string) => {
    const min = /^>=?\s*v?(\d+)/.exec(r);
    if (min) return Number(min[1]) > STACK_NODE_MAJOR;
    const exact = /^[\^~]?v?(\d+)(?:\.[\dx*]+){0,2}$/.exec(r);
    return exact ? Number(exact[1]) !== STACK_NODE_MAJOR : false;
  };
  return alternatives.every(excludes) ? { ok: false, error: `package.json asks for Node.js "${range}": ${offer}` } : { ok: true };
}
