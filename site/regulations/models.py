"""Models of regulations."""
