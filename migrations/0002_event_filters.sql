-- v2: indexes for the events API filters (type, newest first) and the status summary.
CREATE INDEX events_by_type ON events (type, seq);
CREATE INDEX deliveries_by_status ON deliveries (status);
