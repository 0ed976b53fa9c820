-- Tells every process holding a membership cache (the bot) that a member changed, whoever
-- changed it (bot, CLI, delivery worker, plain SQL). The payload is the Telegram user id; the
-- channel carries the schema (notifications are database-wide, members are per schema).
-- lastSeenAt / lastReportAt are not listed: they change on every report and no cache reads them.
CREATE OR REPLACE FUNCTION "pulse_member_changed"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('pulse_member_changed_' || TG_TABLE_SCHEMA, OLD."telegramUserId"::text);
    RETURN OLD;
  END IF;
  PERFORM pg_notify('pulse_member_changed_' || TG_TABLE_SCHEMA, NEW."telegramUserId"::text);
  IF TG_OP = 'UPDATE' AND OLD."telegramUserId" <> NEW."telegramUserId" THEN
    PERFORM pg_notify('pulse_member_changed_' || TG_TABLE_SCHEMA, OLD."telegramUserId"::text);
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Member_changed"
AFTER INSERT OR DELETE OR UPDATE OF "telegramUserId", "chatId", "displayName", "username", "role", "unitId", "language", "active", "reachable", "deactivatedAt"
ON "Member" FOR EACH ROW EXECUTE FUNCTION "pulse_member_changed"();
