import type { Db } from '../../db/database.ts';

/** The install's developer apps per network, and apps registered on federated servers: the only SQL on them. */
export const integrationsRepository = {
  list(db: Db) {
    return db.selectFrom('integration_apps').selectAll().orderBy('network').execute();
  },

  find(db: Db, network: string) {
    return db.selectFrom('integration_apps').selectAll().where('network', '=', network).executeTakeFirst();
  },

  /** Stores the app; a new secret replaces the old one, `undefined` keeps it. Clears the last refusal. */
  async upsert(db: Db, values: { network: string; clientId: string; clientSecretSealed?: string | null; updatedBy: string }) {
    const secret = values.clientSecretSealed === undefined ? {} : { client_secret_sealed: values.clientSecretSealed };
    return db
      .insertInto('integration_apps')
      .values({
        network: values.network,
        client_id: values.clientId,
        client_secret_sealed: values.clientSecretSealed ?? null,
        updated_by: values.updatedBy,
        last_error_code: null,
        last_error_at: null,
      })
      .onConflict((oc) =>
        oc.column('network').doUpdateSet({
          client_id: values.clientId,
          ...secret,
          updated_by: values.updatedBy,
          updated_at: new Date(),
          last_error_code: null,
          last_error_at: null,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async remove(db: Db, network: string): Promise<boolean> {
    const result = await db.deleteFrom('integration_apps').where('network', '=', network).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Remembers that the network refused these credentials (shown on Settings → Integrations). */
  async markRefused(db: Db, network: string, code: string, at: Date): Promise<void> {
    await db.updateTable('integration_apps').set({ last_error_code: code, last_error_at: at }).where('network', '=', network).execute();
  },

  findInstanceApp(db: Db, network: string, instanceUrl: string, redirectUrl: string) {
    return db
      .selectFrom('integration_instance_apps')
      .selectAll()
      .where('network', '=', network)
      .where('instance_url', '=', instanceUrl)
      .where('redirect_url', '=', redirectUrl)
      .executeTakeFirst();
  },

  async saveInstanceApp(db: Db, values: { network: string; instanceUrl: string; redirectUrl: string; appSealed: string }): Promise<void> {
    await db
      .insertInto('integration_instance_apps')
      .values({ network: values.network, instance_url: values.instanceUrl, redirect_url: values.redirectUrl, app_sealed: values.appSealed })
      .onConflict((oc) => oc.columns(['network', 'instance_url', 'redirect_url']).doUpdateSet({ app_sealed: values.appSealed }))
      .execute();
  },

  async forgetInstanceApp(db: Db, network: string, instanceUrl: string): Promise<void> {
    await db.deleteFrom('integration_instance_apps').where('network', '=', network).where('instance_url', '=', instanceUrl).execute();
  },
};
