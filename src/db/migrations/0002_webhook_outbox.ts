/** Where the webhook dispatcher is in the events table (one row), so every event type reaches webhooks once, from any process. */
export const up = /* sql */ `
  CREATE TABLE webhook_outbox_cursor (
    id integer PRIMARY KEY CHECK (id = 1),
    last_event_id bigint NOT NULL
  );
  INSERT INTO webhook_outbox_cursor (id, last_event_id) SELECT 1, COALESCE(max(id), 0) FROM events;
  CREATE INDEX events_type_id_idx ON events (type, id);
`;
