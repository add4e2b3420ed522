-- Federation (Art 23): the messages a platform has not yet delivered to each peer, numbered per link, and each link's
-- next number. A message is removed once the peer's signed acknowledgement is in the federation log (the audit
-- chain); a long outage grows rows here, never one grain's state. Only the link's grain writes a link's rows.

CREATE TABLE IF NOT EXISTS federation_links
(
    peer          text   NOT NULL PRIMARY KEY,
    next_sequence bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS federation_outbox
(
    peer        text        NOT NULL,
    sequence    bigint      NOT NULL,
    message_id  text        NOT NULL,
    kind        text        NOT NULL,
    sender      text        NOT NULL,
    case_id     text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    enqueued_at timestamptz NOT NULL,
    PRIMARY KEY (peer, sequence)
);

-- An act hands its message over again after a crash: it is kept once while undelivered.
CREATE UNIQUE INDEX IF NOT EXISTS federation_outbox_message ON federation_outbox (peer, message_id);
