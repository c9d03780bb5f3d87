"""Reuse between builds: the cache, the fingerprints its keys are made of, and the check of both."""

# The build cache's folder in a site (ugsite.incremental.cache); here, so that the command line
# knows it without loading the cache and all it reads back.
CACHE_DIR = ".ugsite-cache"
