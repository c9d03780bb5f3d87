"""Reuse between builds: the cache, the fingerprints its keys are made of, and the check of both."""
