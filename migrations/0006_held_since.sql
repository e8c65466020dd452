-- v6: when a delivery was held (its target removed from the configuration), so held deliveries can
-- be dead-lettered after the grace period (storage.held_grace_period) rather than kept forever.
ALTER TABLE deliveries ADD COLUMN held_since INTEGER;
