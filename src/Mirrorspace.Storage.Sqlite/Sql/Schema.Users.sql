-- Migration: local users per tenant and their browser sessions. A password is kept only as a
-- self-describing slow hash, a TOTP secret only sealed under the tenant key. A deleted user keeps
-- its row (disabled, secrets wiped) so its name is never reused. A session is kept only as the
-- SHA-256 of its token and of its anti-forgery token.
CREATE TABLE users (
  tenant_id TEXT NOT NULL,
  username TEXT NOT NULL,
  password_hash TEXT NULL,
  role TEXT NOT NULL,
  clearance TEXT NOT NULL,
  purpose TEXT NULL,
  totp_secret TEXT NULL,
  totp_confirmed INTEGER NOT NULL DEFAULT 0,
  last_totp_step INTEGER NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NULL,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NULL,
  disabled_at INTEGER NULL,
  PRIMARY KEY (tenant_id, username)
) STRICT;

CREATE TABLE user_sessions (
  token_hash BLOB NOT NULL PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  username TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  anti_forgery_hash BLOB NOT NULL
) STRICT;

CREATE INDEX user_sessions_by_user ON user_sessions (tenant_id, username);
CREATE INDEX user_sessions_by_expiry ON user_sessions (expires_at);
