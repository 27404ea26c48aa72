"""Across sources: agreement, disagreement, and what the newer articles add."""
