-- CreateTable
CREATE TABLE "state_key" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" BIGINT NOT NULL,

    CONSTRAINT "state_key_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "state_log" (
    "key" TEXT NOT NULL,
    "member" TEXT NOT NULL,
    "at" BIGINT NOT NULL,

    CONSTRAINT "state_log_pkey" PRIMARY KEY ("key","member")
);

-- CreateTable
CREATE TABLE "bot_draft" (
    "scope" TEXT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "record" TEXT NOT NULL,
    "at" BIGINT NOT NULL,

    CONSTRAINT "bot_draft_pkey" PRIMARY KEY ("scope","chat_id")
);

-- CreateTable
CREATE TABLE "bot_conversations" (
    "key" VARCHAR NOT NULL,
    "value" TEXT
);

-- CreateIndex
CREATE INDEX "state_key_expires_at_idx" ON "state_key"("expires_at");

-- CreateIndex
CREATE INDEX "state_log_key_at_idx" ON "state_log"("key", "at");

-- CreateIndex
CREATE INDEX "state_log_at_idx" ON "state_log"("at");

-- CreateIndex
CREATE INDEX "bot_draft_scope_at_idx" ON "bot_draft"("scope", "at");

-- CreateIndex
CREATE UNIQUE INDEX "idx_bot_conversations" ON "bot_conversations"("key");

-- The database's clock in milliseconds: every process (and machine) sharing the state agrees on it.
CREATE OR REPLACE FUNCTION "pulse_now_ms"() RETURNS bigint AS $$
  SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint
$$ LANGUAGE sql VOLATILE;

-- One admission attempt of the shared Telegram rate limiter (src/delivery/limiter.ts), the same
-- rules as its Redis script: 429 blocks, one request in flight per chat, a global pace (GCRA, no
-- burst; halved after a 429) and a sliding log per chat. All attempts of one prefix are serialised
-- by an advisory lock, as Redis serialises scripts. Returns (admitted, wait_ms, reason): reason 1 =
-- the global pace, 2 = the chat (busy, limited or blocked), 0 = admitted.
CREATE OR REPLACE FUNCTION "pulse_limiter_acquire"(
  p_prefix text, p_chat text, p_token text, p_interval double precision,
  p_chat_max integer, p_chat_window bigint, p_inflight_ttl bigint, p_catch_up bigint
) RETURNS TABLE (admitted boolean, wait_ms bigint, reason integer) AS $$
DECLARE
  v_now bigint := pulse_now_ms();
  v_base text := p_prefix || ':rl:';
  v_log text := p_prefix || ':rl:chat:' || p_chat;
  v_interval double precision := p_interval;
  v_blocked bigint;
  v_tat double precision;
  v_next double precision;
  v_count integer;
  v_first bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('pulse-limiter:' || p_prefix));
  SELECT max(expires_at) - v_now INTO v_blocked FROM state_key
   WHERE key IN (v_base || 'block:*', v_base || 'block:' || p_chat) AND expires_at > v_now;
  IF v_blocked > 0 THEN
    RETURN QUERY SELECT false, v_blocked, 2; RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM state_key WHERE key = v_base || 'inflight:' || p_chat AND expires_at > v_now) THEN
    RETURN QUERY SELECT false, 25::bigint, 2; RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM state_key WHERE key = v_base || 'slow' AND expires_at > v_now) THEN
    v_interval := v_interval * 2;
  END IF;
  SELECT value::double precision INTO v_tat FROM state_key WHERE key = v_base || 'pace' AND expires_at > v_now;
  v_tat := coalesce(v_tat, 0);
  IF v_now < v_tat THEN
    RETURN QUERY SELECT false, ceil(v_tat - v_now)::bigint, 1; RETURN;
  END IF;
  DELETE FROM state_log WHERE key = v_log AND at <= v_now - p_chat_window;
  SELECT count(*) INTO v_count FROM state_log WHERE key = v_log;
  IF v_count >= p_chat_max THEN
    SELECT at INTO v_first FROM state_log WHERE key = v_log ORDER BY at DESC OFFSET p_chat_max - 1 LIMIT 1;
    RETURN QUERY SELECT false, greatest(1, v_first + p_chat_window - v_now), 2; RETURN;
  END IF;
  v_next := v_now + v_interval;
  IF v_now - v_tat < p_catch_up THEN
    v_next := v_tat + v_interval;
  END IF;
  INSERT INTO state_key (key, value, expires_at) VALUES (v_base || 'pace', v_next::text, v_now + 60000)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at;
  INSERT INTO state_log (key, member, at) VALUES (v_log, p_token, v_now)
    ON CONFLICT (key, member) DO UPDATE SET at = EXCLUDED.at;
  INSERT INTO state_key (key, value, expires_at) VALUES (v_base || 'inflight:' || p_chat, p_token, v_now + p_inflight_ttl)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at;
  RETURN QUERY SELECT true, 0::bigint, 0;
END;
$$ LANGUAGE plpgsql;
