"""Benchmarks for ugsite: a deterministic corpus generator and a timing runner."""
