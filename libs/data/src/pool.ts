import pg from 'pg';

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

interface FieldLike {
  dataTypeID: number;
}

/**
 * Prisma's pg adapter cannot deserialize the catalog type `name` (oid 19),
 * which `prisma migrate deploy` reads from pg_catalog. It is text for every
 * purpose of ours, so results report it as text.
 */
function asText<T>(result: T): T {
  const fields = (result as { fields?: FieldLike[] } | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const field of fields) if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  // pg's query() has many overloads: promise form (adapter on a pooled client)
  // and callback form (pg.Pool.query); both get their fields fixed.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, error ? result : asText(result));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).then(asText) as never;
    }
    return result as never;
  }
}

export function createPgPool(connectionString: string, options: { max?: number } = {}): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    Client: CatalogSafeClient,
  });
}
