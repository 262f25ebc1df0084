import { ColumnTypeEnum, type ColumnType } from "@prisma/driver-adapter-utils";

/** PostgreSQL type OIDs that @prisma/adapter-pg 6.19.3 rejects but the schema engine reads. */
export const PG_CHAR_OID = 18; // "char": one-byte internal type (pg_constraint.contype, pg_class.relkind)
export const PG_NAME_OID = 19; // name: identifiers in the system catalogs
export const PG_TEXT_OID = 25;

/**
 * How one result column must be presented to the Wasm schema engine.
 * `oid` is what the adapter's own type mapping should see; `columnType`, when set, overrides the
 * type the adapter reports afterwards.
 */
export type CatalogColumnFix = { oid: number; columnType?: ColumnType };

/**
 * The native schema engine reads `name` as text and `"char"` as a character column. The adapter
 * throws "could not be deserialized" on both (prisma/orm#27403). Reporting `"char"` as plain text
 * is not enough: the engine then crashes while reading check constraints, so it must be Character.
 */
export function fixCatalogColumn(oid: number): CatalogColumnFix {
  if (oid === PG_NAME_OID) return { oid: PG_TEXT_OID };
  if (oid === PG_CHAR_OID) return { oid: PG_TEXT_OID, columnType: ColumnTypeEnum.Character };
  return { oid };
}
