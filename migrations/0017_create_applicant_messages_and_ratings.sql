-- Applicant notifications of the online service hall (src/modules/portal/notify): in-app messages,
-- their SMS and e-mail deliveries, notification settings; and 好差评 (src/modules/portal/ratings):
-- one rating per case over all channels, rectification (整改) of poor ratings.

-- In-app messages to an applicant account (the account that submitted the case, or the
-- organisation an agent acted for). One per event and account: the dedupe key is the outbox
-- event (or the rectification) it came from, so a redelivered event writes nothing new.
CREATE TABLE applicant_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  applicant_id uuid NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  case_id uuid,
  case_no text,
  -- The case action (submit, accept, …) or rectification_reply.
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{1,40}$'),
  title text NOT NULL CHECK (char_length(title) <= 200),
  body text NOT NULL CHECK (char_length(body) <= 4000),
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  UNIQUE (applicant_id, dedupe_key)
);
CREATE INDEX applicant_messages_list_idx ON applicant_messages (applicant_id, created_at DESC, id);
CREATE INDEX applicant_messages_unread_idx ON applicant_messages (applicant_id) WHERE read_at IS NULL;

-- A message's delivery by SMS or e-mail, sent by a job that retries with backoff; a delivery
-- marked sent is never sent again (no double mail when a job is retried after a send).
CREATE TABLE applicant_message_deliveries (
  message_id uuid NOT NULL REFERENCES applicant_messages (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (message_id, channel)
);

-- Which channels an applicant wants besides the in-app message, and the e-mail address
-- (SM4-GCM ciphertext from ctx.box, as applicants keep phone numbers). No row: SMS and e-mail on,
-- the address given at registration.
CREATE TABLE applicant_notification_settings (
  applicant_id uuid PRIMARY KEY REFERENCES applicants (id) ON DELETE CASCADE,
  email_enc text,
  sms_enabled boolean NOT NULL DEFAULT true,
  email_enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

-- 好差评 (国办发〔2019〕51号): one rating per case over every channel (the unique index on case_id
-- settles concurrent submissions: one wins, the other gets 409 RATING_EXISTS). Case number, item
-- and competent department are copied from the case for statistics without reading case tables.
CREATE TABLE case_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  case_id uuid NOT NULL,
  case_no text NOT NULL,
  item_code text NOT NULL,
  item_name text NOT NULL,
  department_code text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'window')),
  -- Who rated: the applicant account (online) or the window clerk who entered it (window).
  applicant_id uuid REFERENCES applicants (id) ON DELETE SET NULL,
  entered_by uuid,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  tags text[] NOT NULL DEFAULT '{}',
  -- Stored verbatim; clients show it as text.
  comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 500),
  created_at timestamptz NOT NULL,
  -- The China-local day of the rating, for statistics by period.
  rated_on date NOT NULL
);
CREATE UNIQUE INDEX case_ratings_case_uq ON case_ratings (case_id);
CREATE INDEX case_ratings_period_idx ON case_ratings (region_code, rated_on);

-- 差评整改: a rating of 1 or 2 opens one for the competent department, due in working days on the
-- official calendar; the department's reply closes it and is shown to the applicant.
CREATE TABLE rating_rectifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  rating_id uuid NOT NULL UNIQUE REFERENCES case_ratings (id) ON DELETE CASCADE,
  case_id uuid NOT NULL,
  department_code text NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  reply text CHECK (reply IS NULL OR char_length(reply) BETWEEN 1 AND 2000),
  replied_at timestamptz,
  replied_by uuid,
  created_at timestamptz NOT NULL,
  CHECK ((status = 'closed') = (reply IS NOT NULL))
);
CREATE INDEX rating_rectifications_status_idx ON rating_rectifications (region_code, status, due_date);
