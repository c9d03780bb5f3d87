"""ugsite: a static site generator for user groups."""

__version__ = "0.1.0"
