"""Models of updates."""
