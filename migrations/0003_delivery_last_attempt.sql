-- v3: when each delivery was last attempted. The dispatcher compares it with the target's last
-- success to tell a receiver outage (wait it out) from a delivery the receiver keeps refusing (dead).
ALTER TABLE deliveries ADD COLUMN last_attempt_at INTEGER;
