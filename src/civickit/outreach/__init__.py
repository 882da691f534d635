"""Batches: a supporter sheet in; letters per supporter, packets per office, a crash-safe manifest
out; and sending each e-mail exactly once."""
