"""Bring a group's existing site over as ordinary ugsite files, with a report of what became of each."""
