import { buildLookup, EMPTY_LOOKUP, type CompiledLookup, type VersionedRouteTable } from "@pier/routing-core";

/**
 * The table a router serves from. A newer table replaces the lookup with one reference
 * assignment, so a request sees either the old table or the new one, never a mix. Tables at
 * or below the current version are ignored: a slow publisher or a replayed message never
 * moves routing backwards.
 */
export class RouteHolder {
  private current: CompiledLookup = EMPTY_LOOKUP;
  private table: VersionedRouteTable | undefined;

  get lookup(): CompiledLookup {
    return this.current;
  }

  get version(): number {
    return this.table?.version ?? 0;
  }

  get latest(): VersionedRouteTable | undefined {
    return this.table;
  }

  /** Swaps in the table if it is newer; returns whether it did. */
  offer(table: VersionedRouteTable): boolean {
    if (table.version <= this.version) return false;
    const lookup = buildLookup(table); // built fully before the swap
    this.table = table;
    this.current = lookup;
    return true;
  }
}
